using Portal.Domain.Common;

namespace Portal.Domain.Tariffs;

public enum SwitchStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// A customer's application to move an account to another tariff package. It takes effect on the first day of the
/// next billing cycle; an approved switch is applied to the account by the switch job once that day has come.
/// </summary>
public sealed class PackageSwitchRequest
{
    private PackageSwitchRequest() { }

    public PackageSwitchRequest(Guid id, Guid accountId, string fromPackageCode, string toPackageCode, string requestedByUserId,
        DateTime requestedAtUtc, DateOnly effectiveFrom)
    {
        if (string.IsNullOrWhiteSpace(toPackageCode)) throw new DomainException("Switch.PackageRequired", "A target package is required.");
        if (string.Equals(fromPackageCode, toPackageCode, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("Switch.SamePackage", "The account is already on this package.");
        Id = id;
        AccountId = accountId;
        FromPackageCode = fromPackageCode;
        ToPackageCode = toPackageCode;
        RequestedByUserId = requestedByUserId;
        RequestedAtUtc = requestedAtUtc;
        EffectiveFrom = effectiveFrom;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string FromPackageCode { get; private set; } = "";
    public string ToPackageCode { get; private set; } = "";
    public string RequestedByUserId { get; private set; } = "";
    public DateTime RequestedAtUtc { get; private set; }
    /// <summary>First day of the billing cycle the new package applies to.</summary>
    public DateOnly EffectiveFrom { get; private set; }
    public SwitchStatus Status { get; private set; }
    public string? Reason { get; private set; }
    public string? DecidedByUserId { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    /// <summary>When the account's package was actually changed (by the job, or at approval if already due).</summary>
    public DateTime? AppliedAtUtc { get; private set; }
    /// <summary>App-managed concurrency token: two handlers deciding at once cannot both win.</summary>
    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public void Approve(string userId, string? reason, DateTime nowUtc)
    {
        EnsurePending();
        Status = SwitchStatus.Approved;
        Decide(userId, reason, nowUtc);
    }

    public void Reject(string userId, string reason, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Switch.ReasonRequired", "A rejection needs a reason.");
        EnsurePending();
        Status = SwitchStatus.Rejected;
        Decide(userId, reason, nowUtc);
    }

    public bool IsDue(DateOnly today) => Status == SwitchStatus.Approved && AppliedAtUtc is null && EffectiveFrom <= today;

    public void MarkApplied(DateTime nowUtc)
    {
        if (Status != SwitchStatus.Approved) throw new DomainException("Switch.NotApproved", "Only an approved switch can be applied.");
        AppliedAtUtc ??= nowUtc;
        ConcurrencyStamp = Guid.NewGuid();
    }

    private void EnsurePending()
    {
        if (Status != SwitchStatus.Pending) throw new DomainException("Switch.AlreadyDecided", "The request has already been decided.");
    }

    private void Decide(string userId, string? reason, DateTime nowUtc)
    {
        DecidedByUserId = userId;
        DecidedAtUtc = nowUtc;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        ConcurrencyStamp = Guid.NewGuid();
    }
}

/// <summary>When a customer may apply for a package switch. Pure rules, dates passed in.</summary>
public static class SwitchPolicy
{
    /// <summary>The next billing cycle starts on the first day of next month.</summary>
    public static DateOnly EffectiveFrom(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(1);

    /// <summary>
    /// Null when allowed, else the reason code. A pending request blocks a new one; an approved request counts
    /// against the limit for <paramref name="limitMonths"/> months after its effective date; rejected ones do not count.
    /// </summary>
    public static string? Check(IEnumerable<PackageSwitchRequest> previous, DateOnly today, int limitMonths)
    {
        foreach (var r in previous)
        {
            if (r.Status == SwitchStatus.Pending) return "Switch.PendingExists";
            if (r.Status == SwitchStatus.Approved && r.EffectiveFrom.AddMonths(limitMonths) > today) return "Switch.TooSoon";
        }
        return null;
    }

    /// <summary>The first day another switch may be applied for, given the approved switches.</summary>
    public static DateOnly? NextAllowed(IEnumerable<PackageSwitchRequest> previous, int limitMonths) =>
        previous.Where(r => r.Status == SwitchStatus.Approved).Select(r => (DateOnly?)r.EffectiveFrom.AddMonths(limitMonths)).Max();
}
