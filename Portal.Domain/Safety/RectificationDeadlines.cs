using Portal.Domain.Common;

namespace Portal.Domain.Safety;

/// <summary>
/// Rectification deadlines on an inspection notice: a default by severity that the inspector may shorten or extend up to
/// a limit. A major hazard (which freezes the credit tier when missed) gets less time than a minor one.
/// </summary>
public static class RectificationDeadlines
{
    public const int MajorDefaultDays = 15;
    public const int MajorMaxDays = 30;
    public const int MinorDefaultDays = 30;
    public const int MinorMaxDays = 90;

    public static DateOnly Default(HazardSeverity severity, DateOnly foundOn) =>
        foundOn.AddDays(severity == HazardSeverity.Major ? MajorDefaultDays : MinorDefaultDays);

    public static DateOnly Latest(HazardSeverity severity, DateOnly foundOn) =>
        foundOn.AddDays(severity == HazardSeverity.Major ? MajorMaxDays : MinorMaxDays);

    /// <summary>Throws when the deadline is before the inspection or beyond the severity's limit.</summary>
    public static void Check(HazardSeverity severity, DateOnly foundOn, DateOnly deadline)
    {
        if (deadline < foundOn)
            throw new DomainException("Safety.DeadlineBeforeFound", $"Deadline {deadline} is before the hazard was found ({foundOn}).");
        if (deadline > Latest(severity, foundOn))
            throw new DomainException("Safety.DeadlineTooFar", $"A {severity} hazard must be fixed by {Latest(severity, foundOn)} at the latest.");
    }
}
