namespace Portal.Domain.Calendar;

/// <summary>
/// Mainland China public holidays and make-up working days, as published by the State Council: the SEED of the portal's
/// working calendar. The running portal reads the calendar from the database (table CalendarDays, edited by an admin at
/// /backoffice/calendar), which is filled from <see cref="Seed"/> once, when it is empty. Each November the admin enters
/// the next year's notice there; changing this list changes only new installations.
/// </summary>
public static class ChinaPublicHolidays
{
    /// <summary>
    /// 2026 as published by the State Council General Office on 2025-11-04 (国务院办公厅关于2026年部分节假日安排的通知).
    /// Note the Labour Day make-up day is Saturday 9 May, not Sunday 26 April.
    /// </summary>
    public static IReadOnlyList<CalendarDay> Year2026 { get; } =
    [
        .. Holidays("元旦", new(2026, 1, 1), 3), MakeUp("元旦", new(2026, 1, 4)),
        .. Holidays("春节", new(2026, 2, 15), 9), MakeUp("春节", new(2026, 2, 14)), MakeUp("春节", new(2026, 2, 28)),
        .. Holidays("清明节", new(2026, 4, 4), 3),
        .. Holidays("劳动节", new(2026, 5, 1), 5), MakeUp("劳动节", new(2026, 5, 9)),
        .. Holidays("端午节", new(2026, 6, 19), 3),
        .. Holidays("中秋节", new(2026, 9, 25), 3),
        .. Holidays("国庆节", new(2026, 10, 1), 7), MakeUp("国庆节", new(2026, 9, 20)), MakeUp("国庆节", new(2026, 10, 10)),
    ];

    /// <summary>
    /// 2027 is PROVISIONAL: the State Council publishes the bridging arrangement around November of the year
    /// before, and it had not been published when this was written. Listed are only the statutory days
    /// themselves (《全国年节及纪念日放假办法》, 2024 revision: New Year 1 day, Spring Festival eve + 3 days,
    /// Qingming 1, Labour Day 2, Dragon Boat 1, Mid-Autumn 1, National Day 3) on the lunar dates as we
    /// understand them (Spring Festival 6 Feb, Qingming 5 Apr, Dragon Boat 9 Jun, Mid-Autumn 15 Sep).
    /// No make-up days are guessed; the admin must replace this year with the official notice.
    /// </summary>
    public static IReadOnlyList<CalendarDay> Year2027Provisional { get; } =
    [
        .. Holidays("元旦", new(2027, 1, 1), 1),
        .. Holidays("春节", new(2027, 2, 5), 4),
        .. Holidays("清明节", new(2027, 4, 5), 1),
        .. Holidays("劳动节", new(2027, 5, 1), 2),
        .. Holidays("端午节", new(2027, 6, 9), 1),
        .. Holidays("中秋节", new(2027, 9, 15), 1),
        .. Holidays("国庆节", new(2027, 10, 1), 3),
    ];

    /// <summary>The seeded years that are the published arrangement (the others are provisional).</summary>
    public static IReadOnlyCollection<int> OfficialYears { get; } = [2026];

    public static IReadOnlyList<CalendarDay> Seed() => [.. Year2026, .. Year2027Provisional];

    private static IEnumerable<CalendarDay> Holidays(string name, DateOnly first, int count) =>
        Enumerable.Range(0, count).Select(i => new CalendarDay(first.AddDays(i), CalendarDayKind.Holiday, name));

    private static CalendarDay MakeUp(string name, DateOnly date) => new(date, CalendarDayKind.MakeUpWorkingDay, name);
}
