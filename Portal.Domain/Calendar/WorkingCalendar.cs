using Portal.Domain.Common;

namespace Portal.Domain.Calendar;

/// <summary>
/// Working days and hours for SLA clocks. All <see cref="DateTime"/> values are the utility's local wall-clock
/// time (China Standard Time, UTC+8, no daylight saving); <see cref="DateTime.Kind"/> is ignored. Convert
/// from UTC before calling.
/// <para>Definitions, so handlers, customers and reports agree:</para>
/// <list type="bullet">
/// <item>A working day is Monday–Friday unless it is a holiday, plus any make-up day (调休上班). A make-up
/// entry wins over a holiday entry for the same date — but the constructor refuses such a conflict.</item>
/// <item>The clock starts at <see cref="ClockStart"/>: a moment inside working hours starts at once; a moment
/// before opening on a working day starts at that day's opening; anything later (after closing, weekend,
/// holiday) starts at the next working day's opening.</item>
/// <item><see cref="AddWorkingDays"/>: "within N working days" = the same clock time on the Nth following
/// working day, measured from the clock start. Submitted Friday 20:00 → clock starts Monday 08:30 → one
/// working day is due Tuesday 08:30. This equals N × the daily window of working time, so it agrees with
/// <see cref="WorkingTimeBetween"/>.</item>
/// <item><see cref="AddWorkingTime"/> consumes only time inside working hours; a result that lands exactly on
/// closing stays at closing (17:30), not at the next opening, so "due today" reads as today.</item>
/// </list>
/// </summary>
public sealed class WorkingCalendar
{
    // No real calendar has a year without a working day; the bound turns a data-entry disaster (every day a
    // holiday) into an error instead of an endless loop.
    private const int MaxDaysScanned = 370;

    private readonly HashSet<DateOnly> _holidays = new();
    private readonly HashSet<DateOnly> _makeUpDays = new();

    public WorkingCalendar(IEnumerable<CalendarDay> days, WorkingHours? hours = null)
    {
        ArgumentNullException.ThrowIfNull(days);
        Hours = hours ?? WorkingHours.Default;
        foreach (var day in days)
        {
            var added = day.Kind == CalendarDayKind.Holiday ? _holidays.Add(day.Date) : _makeUpDays.Add(day.Date);
            if (!added)
                throw new DomainException("Calendar.DuplicateDate", $"{day.Date:yyyy-MM-dd} is listed twice.");
            if (_holidays.Contains(day.Date) && _makeUpDays.Contains(day.Date))
                throw new DomainException("Calendar.HolidayAndMakeUpDay",
                    $"{day.Date:yyyy-MM-dd} is listed both as a holiday and as a make-up working day.");
        }
    }

    public WorkingHours Hours { get; }

    /// <summary>A plain Monday–Friday calendar, for tests and for deployments without holiday data.</summary>
    public static WorkingCalendar WeekdaysOnly(WorkingHours? hours = null) => new([], hours);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_makeUpDays.Contains(date)) return true;
        if (_holidays.Contains(date)) return false;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    public bool IsWithinWorkingHours(DateTime moment)
    {
        var time = TimeOnly.FromDateTime(moment);
        return IsWorkingDay(DateOnly.FromDateTime(moment)) && time >= Hours.Opens && time < Hours.Closes;
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        for (var i = 1; i <= MaxDaysScanned; i++)
        {
            var candidate = date.AddDays(i);
            if (IsWorkingDay(candidate)) return candidate;
        }
        throw new DomainException("Calendar.NoWorkingDay",
            $"No working day within {MaxDaysScanned} days after {date:yyyy-MM-dd}; check the holiday data.");
    }

    /// <summary>When an SLA clock started at <paramref name="moment"/> actually begins to run.</summary>
    public DateTime ClockStart(DateTime moment)
    {
        var date = DateOnly.FromDateTime(moment);
        var time = TimeOnly.FromDateTime(moment);
        if (IsWorkingDay(date))
        {
            if (time < Hours.Opens) return date.ToDateTime(Hours.Opens);
            if (time < Hours.Closes) return moment;
        }
        return NextWorkingDay(date).ToDateTime(Hours.Opens);
    }

    /// <summary>The same clock time on the <paramref name="days"/>th working day after the clock start.</summary>
    public DateTime AddWorkingDays(DateTime start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var from = ClockStart(start);
        var date = DateOnly.FromDateTime(from);
        for (var i = 0; i < days; i++) date = NextWorkingDay(date);
        return date.ToDateTime(TimeOnly.FromDateTime(from));
    }

    public DateTime AddWorkingHours(DateTime start, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        return AddWorkingTime(start, TimeSpan.FromHours(hours));
    }

    /// <summary>Adds <paramref name="duration"/> of time inside working hours.</summary>
    public DateTime AddWorkingTime(DateTime start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var at = ClockStart(start);
        var remaining = duration;
        while (true)
        {
            var close = DateOnly.FromDateTime(at).ToDateTime(Hours.Closes);
            var available = close - at;
            if (remaining <= available) return at + remaining;
            remaining -= available;
            at = NextWorkingDay(DateOnly.FromDateTime(at)).ToDateTime(Hours.Opens);
        }
    }

    /// <summary>Working time between two moments (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTime from, DateTime to)
    {
        if (to <= from) return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        var date = DateOnly.FromDateTime(from);
        var lastDate = DateOnly.FromDateTime(to);
        // Walk day by day: spans here are days to weeks, so the loop stays short.
        for (; date <= lastDate; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date)) continue;
            var open = date.ToDateTime(Hours.Opens);
            var close = date.ToDateTime(Hours.Closes);
            var s = from > open ? from : open;
            var e = to < close ? to : close;
            if (e > s) total += e - s;
        }
        return total;
    }
}
