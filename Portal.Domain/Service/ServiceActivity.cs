using Portal.Domain.Common;

namespace Portal.Domain.Service;

/// <summary>
/// A service job done for an account (recorded by staff or imported from the field system); the customer may rate a
/// completed one once. A job from the field system carries its source and reference there, unique per source, so a
/// re-import finds it instead of adding it twice.
/// </summary>
public sealed class ServiceActivity
{
    public const int MaxSummary = 500;
    public const int MaxStaffName = 100;
    public const int MaxReason = 500;
    public const int MaxSource = 32;
    public const int MaxExternalReference = 64;

    private ServiceActivity() { }

    public ServiceActivity(Guid id, Guid accountId, ServiceActivityType type, DateTime completedAtUtc, string summary, string staffName)
    {
        if (string.IsNullOrWhiteSpace(summary)) throw new DomainException("Activity.SummaryRequired", "An activity needs a summary.");
        Id = id;
        AccountId = accountId;
        Type = type;
        CompletedAtUtc = completedAtUtc;
        Summary = summary;
        StaffName = staffName;
    }

    /// <summary>Field intake: checks everything a clerk or a field system can get wrong, naming the rule broken.</summary>
    /// <param name="nowUtc">A job cannot be recorded as done in the future.</param>
    public static ServiceActivity Record(Guid id, Guid accountId, ServiceActivityType type, DateTime completedAtUtc, string? summary,
        string? staffName, ActivityOutcome outcome, string? outcomeReason, string? recordedByUserId, string? source, string? externalReference,
        DateTime nowUtc)
    {
        if (accountId == Guid.Empty) throw new DomainException("Activity.AccountRequired", "An activity belongs to an account.");
        if (!Enum.IsDefined(type)) throw new DomainException("Activity.TypeUnknown", $"Unknown activity type {type}.");
        if (!Enum.IsDefined(outcome)) throw new DomainException("Activity.OutcomeUnknown", $"Unknown outcome {outcome}.");
        if (string.IsNullOrWhiteSpace(summary)) throw new DomainException("Activity.SummaryRequired", "An activity needs a summary.");
        if (summary.Trim().Length > MaxSummary) throw new DomainException("Activity.SummaryTooLong", $"A summary has at most {MaxSummary} characters.");
        if (string.IsNullOrWhiteSpace(staffName)) throw new DomainException("Activity.StaffRequired", "An activity names the staff who did it.");
        if (staffName.Trim().Length > MaxStaffName) throw new DomainException("Activity.StaffTooLong", $"A staff name has at most {MaxStaffName} characters.");
        if (completedAtUtc > nowUtc) throw new DomainException("Activity.InFuture", "An activity cannot be recorded as done in the future.");
        var reason = string.IsNullOrWhiteSpace(outcomeReason) ? null : outcomeReason.Trim();
        if (outcome == ActivityOutcome.CouldNotComplete && reason is null)
            throw new DomainException("Activity.ReasonRequired", "A job that could not be completed needs the reason.");
        if (reason is { Length: > MaxReason }) throw new DomainException("Activity.ReasonTooLong", $"A reason has at most {MaxReason} characters.");
        var src = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
        var reference = string.IsNullOrWhiteSpace(externalReference) ? null : externalReference.Trim();
        if ((src is null) != (reference is null))
            throw new DomainException("Activity.ReferenceIncomplete", "A field-system reference needs both the source and the reference.");
        if (src is { Length: > MaxSource } || reference is { Length: > MaxExternalReference })
            throw new DomainException("Activity.ReferenceTooLong", "The source or the reference is too long.");
        return new ServiceActivity(id, accountId, type, completedAtUtc, summary.Trim(), staffName.Trim())
        {
            Outcome = outcome,
            OutcomeReason = reason,
            RecordedByUserId = recordedByUserId,
            Source = src,
            ExternalReference = reference,
        };
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public ServiceActivityType Type { get; private set; }
    public DateTime CompletedAtUtc { get; private set; }
    public string Summary { get; private set; } = "";
    public string StaffName { get; private set; } = "";

    public ActivityOutcome Outcome { get; private set; }
    public string? OutcomeReason { get; private set; }

    /// <summary>Login id of the staff member who keyed it in, or null for the field system and history.</summary>
    public string? RecordedByUserId { get; private set; }

    /// <summary>The field system the job came from (e.g. "pms"), with its own reference there.</summary>
    public string? Source { get; private set; }
    public string? ExternalReference { get; private set; }

    /// <summary>When the customer was invited to rate the job; set once.</summary>
    public DateTime? RatingInvitedAtUtc { get; private set; }

    /// <summary>Only a completed job is worth rating: one that could not be done or needs a follow-up is not closed.</summary>
    public bool InvitesRating => Outcome == ActivityOutcome.Completed;

    /// <summary>Marks the invitation sent; false when it was already sent or the job does not invite a rating.</summary>
    public bool MarkRatingInvited(DateTime nowUtc)
    {
        if (!InvitesRating || RatingInvitedAtUtc is not null) return false;
        RatingInvitedAtUtc = nowUtc;
        return true;
    }
}
