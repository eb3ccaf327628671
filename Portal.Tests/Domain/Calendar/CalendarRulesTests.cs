using Portal.Domain.Calendar;
using Portal.Domain.Common;

namespace Portal.Tests.Domain.Calendar;

public class CalendarRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly IReadOnlyDictionary<DateOnly, CalendarDayKind> Nothing = new Dictionary<DateOnly, CalendarDayKind>();

    private static string Code(Action act) => Assert.Throws<DomainException>(act).Code;

    [Fact]
    public void A_holiday_period_lasts_one_to_fifteen_days()
    {
        Assert.Single(CalendarRules.HolidayPeriod("元旦", new(2027, 1, 1), 1, Today, Nothing));
        Assert.Equal(15, CalendarRules.HolidayPeriod("春节", new(2027, 2, 1), 15, Today, Nothing).Count);
        Assert.Equal("Calendar.PeriodLength", Code(() => CalendarRules.HolidayPeriod("元旦", new(2027, 1, 1), 0, Today, Nothing)));
        Assert.Equal("Calendar.PeriodLength", Code(() => CalendarRules.HolidayPeriod("春节", new(2027, 2, 1), 16, Today, Nothing)));
    }

    [Fact]
    public void A_holiday_period_is_consecutive_days_of_one_named_holiday()
    {
        var days = CalendarRules.HolidayPeriod(" 国庆节 ", new(2027, 10, 1), 7, Today, Nothing);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => new DateOnly(2027, 10, 1).AddDays(i)), days.Select(d => d.Date));
        Assert.All(days, d => Assert.Equal(("国庆节", CalendarDayKind.Holiday), (d.Name, d.Kind)));
    }

    [Fact]
    public void No_date_before_2000()
    {
        Assert.Equal(new DateOnly(2000, 1, 1), CalendarRules.Day("元旦", new(2000, 1, 1), CalendarDayKind.Holiday, Today, Nothing).Date);
        Assert.Equal("Calendar.DateOutOfRange", Code(() => CalendarRules.Day("元旦", new(1999, 12, 31), CalendarDayKind.Holiday, Today, Nothing)));
    }

    [Fact]
    public void No_date_beyond_the_year_after_next()
    {
        Assert.Equal(2028, CalendarRules.LastYear(Today));
        Assert.Equal(new DateOnly(2028, 12, 31), CalendarRules.Day("除夕", new(2028, 12, 31), CalendarDayKind.MakeUpWorkingDay, Today, Nothing).Date);
        Assert.Equal("Calendar.DateOutOfRange", Code(() => CalendarRules.Day("元旦", new(2029, 1, 1), CalendarDayKind.Holiday, Today, Nothing)));
        // A period that runs past the last year is refused as a whole.
        Assert.Equal("Calendar.DateOutOfRange", Code(() => CalendarRules.HolidayPeriod("元旦", new(2028, 12, 31), 2, Today, Nothing)));
    }

    [Theory]
    [InlineData(2027, 1, 9, true)]    // Saturday
    [InlineData(2027, 1, 10, true)]   // Sunday
    [InlineData(2027, 1, 8, false)]   // Friday
    [InlineData(2027, 1, 11, false)]  // Monday
    public void A_make_up_working_day_falls_on_a_saturday_or_sunday(int y, int m, int d, bool accepted)
    {
        var date = new DateOnly(y, m, d);
        if (accepted) Assert.Equal(CalendarDayKind.MakeUpWorkingDay, CalendarRules.Day("元旦", date, CalendarDayKind.MakeUpWorkingDay, Today, Nothing).Kind);
        else Assert.Equal("Calendar.MakeUpDayNotWeekend", Code(() => CalendarRules.Day("元旦", date, CalendarDayKind.MakeUpWorkingDay, Today, Nothing)));
    }

    [Fact]
    public void A_holiday_may_fall_on_any_day_of_the_week()
    {
        Assert.Equal(CalendarDayKind.Holiday, CalendarRules.Day("端午节", new(2027, 6, 9), CalendarDayKind.Holiday, Today, Nothing).Kind);
        Assert.Equal(CalendarDayKind.Holiday, CalendarRules.Day("端午节", new(2027, 6, 12), CalendarDayKind.Holiday, Today, Nothing).Kind);
    }

    [Fact]
    public void A_date_cannot_be_both_a_holiday_and_a_make_up_working_day()
    {
        var saturday = new DateOnly(2027, 2, 13);
        var makeUp = new Dictionary<DateOnly, CalendarDayKind> { [saturday] = CalendarDayKind.MakeUpWorkingDay };
        var holiday = new Dictionary<DateOnly, CalendarDayKind> { [saturday] = CalendarDayKind.Holiday };

        Assert.Equal("Calendar.BothKinds", Code(() => CalendarRules.HolidayPeriod("春节", saturday.AddDays(-2), 5, Today, makeUp)));
        Assert.Equal("Calendar.BothKinds", Code(() => CalendarRules.Day("春节", saturday, CalendarDayKind.MakeUpWorkingDay, Today, holiday)));
        // The same kind again is a rename, not a conflict.
        Assert.Equal(5, CalendarRules.HolidayPeriod("春节", saturday.AddDays(-2), 5, Today, holiday).Count);
    }

    [Fact]
    public void A_name_is_required_and_at_most_forty_characters()
    {
        Assert.Equal(CalendarRules.MaxNameLength, CalendarRules.Day(new string('节', 40), new(2027, 5, 1), CalendarDayKind.Holiday, Today, Nothing).Name.Length);
        Assert.Equal("Calendar.NameTooLong", Code(() => CalendarRules.Day(new string('节', 41), new(2027, 5, 1), CalendarDayKind.Holiday, Today, Nothing)));
        Assert.Equal("Calendar.NameRequired", Code(() => CalendarRules.Day("  ", new(2027, 5, 1), CalendarDayKind.Holiday, Today, Nothing)));
    }

    [Fact]
    public void From_november_the_coming_year_needs_the_notice_while_it_is_missing_or_provisional()
    {
        int[] has2027 = [2026, 2027];
        int[] official2026 = [2026];
        Assert.Null(CalendarRules.YearNeedingNotice(new(2026, 10, 31), has2027, official2026));
        Assert.Equal(2027, CalendarRules.YearNeedingNotice(new(2026, 11, 1), has2027, official2026));   // provisional
        Assert.Equal(2027, CalendarRules.YearNeedingNotice(new(2026, 12, 31), [2026], official2026));   // missing
        Assert.Equal(2027, CalendarRules.YearNeedingNotice(new(2026, 12, 31), [2026], [2026, 2027]));   // official, yet no days
        Assert.Null(CalendarRules.YearNeedingNotice(new(2026, 11, 1), has2027, [2026, 2027]));
    }
}
