using Portal.Domain.Common;

namespace Portal.Domain.Safety;

/// <summary>
/// A safety inspection (用电检查) of one account, identified by the notice number handed to the customer.
/// Hazards found are separate entities that point back here, so a hazard can be worked on
/// (reported fixed, verified) without loading the whole inspection.
/// </summary>
public sealed class Inspection
{
    private Inspection()
    {
        Inspector = string.Empty;
        NoticeNumber = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public DateOnly InspectedOn { get; private set; }

    /// <summary>Staff id (or name, for paper notices keyed in later) of the inspector.</summary>
    public string Inspector { get; private set; }

    /// <summary>Number printed on the rectification notice (整改通知书); the customer quotes it.</summary>
    public string NoticeNumber { get; private set; }

    public static Inspection Record(Guid accountId, DateOnly inspectedOn, string inspector, string noticeNumber)
    {
        if (accountId == Guid.Empty)
            throw new DomainException("Safety.AccountRequired", "An inspection belongs to an account.");
        if (string.IsNullOrWhiteSpace(inspector))
            throw new DomainException("Safety.InspectorRequired", "An inspection names its inspector.");
        if (string.IsNullOrWhiteSpace(noticeNumber))
            throw new DomainException("Safety.NoticeNumberRequired", "An inspection has a notice number.");
        return new Inspection
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            InspectedOn = inspectedOn,
            Inspector = inspector.Trim(),
            NoticeNumber = noticeNumber.Trim(),
        };
    }

    public const int MaxDescription = 500;

    /// <summary>
    /// Field intake of an inspection: as <see cref="Record"/>, and not dated after <paramref name="today"/> (utility time).
    /// </summary>
    public static Inspection Intake(Guid accountId, DateOnly inspectedOn, string? inspector, string? noticeNumber, DateOnly today)
    {
        if (inspectedOn > today)
            throw new DomainException("Safety.InspectedInFuture", "An inspection cannot be dated in the future.");
        if (inspector is { Length: > 100 } || noticeNumber is { Length: > 40 })
            throw new DomainException("Safety.FieldTooLong", "The inspector or the notice number is too long.");
        return Record(accountId, inspectedOn, inspector ?? "", noticeNumber ?? "");
    }

    /// <summary>
    /// A hazard found on intake: the deadline defaults by severity and may be moved within <see cref="RectificationDeadlines"/>.
    /// </summary>
    public Hazard FindHazardWithinRules(string? description, HazardSeverity severity, DateOnly? deadline)
    {
        if (!Enum.IsDefined(severity)) throw new DomainException("Safety.SeverityUnknown", $"Unknown severity {severity}.");
        if (description is { Length: > MaxDescription })
            throw new DomainException("Safety.DescriptionTooLong", $"A hazard description has at most {MaxDescription} characters.");
        var due = deadline ?? RectificationDeadlines.Default(severity, InspectedOn);
        RectificationDeadlines.Check(severity, InspectedOn, due);
        return FindHazard(description ?? "", severity, due);
    }

    /// <summary>Records a hazard found during this inspection; the deadline comes from the notice.</summary>
    public Hazard FindHazard(string description, HazardSeverity severity, DateOnly rectificationDeadline) =>
        Hazard.Found(AccountId, Id, description, severity, InspectedOn, rectificationDeadline);
}
