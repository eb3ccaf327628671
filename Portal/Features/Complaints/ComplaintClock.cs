using Portal.Domain.Calendar;

namespace Portal.Features.Complaints;

/// <summary>
/// Complaint times are the utility's local wall-clock time (China Standard Time, UTC+8), as the domain's
/// working-day calendar expects; this is the one place that converts.
/// </summary>
public sealed class ComplaintClock(TimeProvider clock)
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public WorkingCalendar Calendar { get; } = new(ChinaPublicHolidays.Seed());

    public DateTime Now => clock.GetUtcNow().UtcDateTime + Offset;

    public static DateTime ToLocal(DateTime utc) => DateTime.SpecifyKind(utc + Offset, DateTimeKind.Unspecified);
}
