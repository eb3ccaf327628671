using Portal.Domain.Credit;

namespace Portal.Features.Credit;

/// <summary>One version of the credit policy, stored as its JSON document (<see cref="CreditPolicy.ToJson"/>).</summary>
public sealed class CreditPolicyVersionRow
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public PolicyStatus Status { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public string Document { get; set; } = "";
    public string CreatedByUserId { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>App-managed optimistic concurrency (two admins editing one draft).</summary>
    public Guid ConcurrencyStamp { get; set; }

    public CreditPolicy ToPolicy() => CreditPolicy.FromJson(Document);
}

/// <summary>Progress of one review run (monthly sweep or re-evaluation after a publish), shown to admins.</summary>
public sealed class CreditReviewRunRow
{
    public long Id { get; set; }
    /// <summary>"monthly", "policy:v3", "account".</summary>
    public string Reason { get; set; } = "";
    public int Total { get; set; }
    public int Done { get; set; }
    public int TierChanges { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
}
