using Portal.Domain.Common;

namespace Portal.Domain.Calendar;

/// <summary>
/// What an admin may enter in the working calendar. Each check throws a <see cref="DomainException"/> whose code is a
/// localized message key, so the admin page shows the reason in the admin's language and nothing is stored.
/// </summary>
public static class CalendarRules
{
    public const int FirstYear = 2000;
    public const int MaxPeriodDays = 15;
    public const int MaxNameLength = 40;

    /// <summary>The State Council publishes one year ahead; one more year leaves room for planning, not for typos like 2206.</summary>
    public static int LastYear(DateOnly today) => today.Year + 2;

    /// <summary>From 1 November the coming year's notice is due (it is usually published early in the month).</summary>
    public const int NoticeMonth = 11;

    public static void CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Calendar.NameRequired", "A holiday needs a name.");
        if (name.Trim().Length > MaxNameLength)
            throw new DomainException("Calendar.NameTooLong", $"A name has at most {MaxNameLength} characters.");
    }

    public static void CheckDate(DateOnly date, DateOnly today)
    {
        if (date.Year < FirstYear || date.Year > LastYear(today))
            throw new DomainException("Calendar.DateOutOfRange",
                $"{date:yyyy-MM-dd} is outside {FirstYear}–{LastYear(today)}.");
    }

    public static void CheckPeriodLength(int days)
    {
        if (days is < 1 or > MaxPeriodDays)
            throw new DomainException("Calendar.PeriodLength", $"A holiday period lasts 1–{MaxPeriodDays} days, not {days}.");
    }

    public static void CheckMakeUpDay(DateOnly date)
    {
        if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            throw new DomainException("Calendar.MakeUpDayNotWeekend", $"{date:yyyy-MM-dd} is a {date.DayOfWeek}; a make-up working day is a Saturday or Sunday.");
    }

    /// <summary>
    /// The days a holiday period adds, after checking name, length and every date. <paramref name="existing"/> are the
    /// stored days; a date already a make-up working day cannot become a holiday (a date is one kind only), while a
    /// date already a holiday is renamed.
    /// </summary>
    public static IReadOnlyList<CalendarDay> HolidayPeriod(string name, DateOnly first, int days, DateOnly today,
        IReadOnlyDictionary<DateOnly, CalendarDayKind> existing)
    {
        CheckName(name);
        CheckPeriodLength(days);
        var result = new List<CalendarDay>(days);
        for (var i = 0; i < days; i++)
        {
            var date = first.AddDays(i);
            CheckDate(date, today);
            CheckKindFree(date, CalendarDayKind.Holiday, existing);
            result.Add(new CalendarDay(date, CalendarDayKind.Holiday, name.Trim()));
        }
        return result;
    }

    /// <summary>One day as entered or edited: name, date range, a make-up day on a weekend, not the other kind already.</summary>
    public static CalendarDay Day(string name, DateOnly date, CalendarDayKind kind, DateOnly today,
        IReadOnlyDictionary<DateOnly, CalendarDayKind> existing)
    {
        CheckName(name);
        CheckDate(date, today);
        if (kind == CalendarDayKind.MakeUpWorkingDay) CheckMakeUpDay(date);
        CheckKindFree(date, kind, existing);
        return new CalendarDay(date, kind, name.Trim());
    }

    private static void CheckKindFree(DateOnly date, CalendarDayKind kind, IReadOnlyDictionary<DateOnly, CalendarDayKind> existing)
    {
        if (existing.TryGetValue(date, out var other) && other != kind)
            throw new DomainException("Calendar.BothKinds",
                $"{date:yyyy-MM-dd} is already a {other}; a date cannot be both a holiday and a make-up working day.");
    }

    /// <summary>
    /// The year the admin should look at now, or null: from <see cref="NoticeMonth"/> on, the coming year when it has no
    /// days at all or is not marked official.
    /// </summary>
    public static int? YearNeedingNotice(DateOnly today, IReadOnlyCollection<int> yearsWithDays, IReadOnlyCollection<int> officialYears)
    {
        if (today.Month < NoticeMonth) return null;
        var coming = today.Year + 1;
        return yearsWithDays.Contains(coming) && officialYears.Contains(coming) ? null : coming;
    }
}
