using Portal.Domain.Calendar;

namespace Portal.Tests.Domain.Usage;

/// <summary>
/// The bank holidays of England and Wales in the years of the real meters (London 2013, Cambridge 2018–2019), as
/// published by the UK government (https://www.gov.uk/bank-holidays, "England and Wales"; the list for past years is the
/// same as in the Banking and Financial Dealings Act 1971 schedule with the proclaimed dates). Public information the
/// utility would hold for its own country, not fitted to the meters; the UK has no make-up working days and no bridge
/// days, so none are listed.
/// </summary>
public static class UkBankHolidays
{
    public static IReadOnlyList<CalendarDay> EnglandAndWales { get; } =
    [
        .. Year(2013, new(2013, 3, 29), new(2013, 4, 1), new(2013, 5, 6), new(2013, 5, 27), new(2013, 8, 26), new(2013, 12, 25), new(2013, 12, 26)),
        .. Year(2018, new(2018, 3, 30), new(2018, 4, 2), new(2018, 5, 7), new(2018, 5, 28), new(2018, 8, 27), new(2018, 12, 25), new(2018, 12, 26)),
        .. Year(2019, new(2019, 4, 19), new(2019, 4, 22), new(2019, 5, 6), new(2019, 5, 27), new(2019, 8, 26), new(2019, 12, 25), new(2019, 12, 26)),
    ];

    // New Year's Day, Good Friday, Easter Monday, early May, spring and summer bank holidays, Christmas Day, Boxing Day.
    private static IEnumerable<CalendarDay> Year(int year, DateOnly goodFriday, DateOnly easterMonday, DateOnly earlyMay, DateOnly spring, DateOnly summer,
        DateOnly christmas, DateOnly boxingDay) =>
    [
        new(new DateOnly(year, 1, 1), CalendarDayKind.Holiday, "New Year's Day"),
        new(goodFriday, CalendarDayKind.Holiday, "Good Friday"),
        new(easterMonday, CalendarDayKind.Holiday, "Easter Monday"),
        new(earlyMay, CalendarDayKind.Holiday, "Early May bank holiday"),
        new(spring, CalendarDayKind.Holiday, "Spring bank holiday"),
        new(summer, CalendarDayKind.Holiday, "Summer bank holiday"),
        new(christmas, CalendarDayKind.Holiday, "Christmas Day"),
        new(boxingDay, CalendarDayKind.Holiday, "Boxing Day"),
    ];
}
