using Portal.Domain.Calendar;
using Portal.Features.Calendar;

namespace Portal.Features.Complaints;

/// <summary>
/// Complaint times are the utility's local wall-clock time (China Standard Time, UTC+8), as the domain's
/// working-day calendar expects; this is the one place that converts. The working calendar is the admin-edited one in
/// the database (<see cref="WorkingCalendarCache"/>): a deadline is computed with the calendar in force when it is set,
/// and an edit does not move deadlines already set.
/// </summary>
public sealed class ComplaintClock(TimeProvider clock, WorkingCalendarCache calendar)
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public async Task<WorkingCalendar> CalendarAsync(CancellationToken ct = default) => (await calendar.CurrentAsync(ct)).Calendar;

    public DateTime Now => clock.GetUtcNow().UtcDateTime + Offset;

    public static DateTime ToLocal(DateTime utc) => DateTime.SpecifyKind(utc + Offset, DateTimeKind.Unspecified);
}
