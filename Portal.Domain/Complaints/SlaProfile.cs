using Portal.Domain.Calendar;

namespace Portal.Domain.Complaints;

/// <summary>
/// Service commitments (State Grid 95598): contact within 1 working day, answer within 7 working days, and a
/// major/urgent complaint dispatched within 15 minutes. Dispatch is clock time, not working time, because an
/// emergency (fire, shock) cannot wait for Monday.
/// </summary>
public sealed record SlaProfile(string Code, int ContactWithinWorkingDays, int AnswerWithinWorkingDays, int? DispatchWithinMinutes = null)
{
    public static SlaProfile Standard { get; } = new("standard", 1, 7);
    public static SlaProfile Urgent { get; } = new("urgent", 1, 7, 15);

    public SlaDeadlines Compute(WorkingCalendar calendar, DateTime start) => new(
        DispatchWithinMinutes is { } minutes ? start.AddMinutes(minutes) : null,
        calendar.AddWorkingDays(start, ContactWithinWorkingDays),
        calendar.AddWorkingDays(start, AnswerWithinWorkingDays));
}

public sealed record SlaDeadlines(DateTime? DispatchDueAt, DateTime FirstContactDueAt, DateTime AnswerDueAt);
