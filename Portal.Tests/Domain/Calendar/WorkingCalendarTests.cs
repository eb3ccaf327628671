using Portal.Domain.Calendar;
using Portal.Domain.Common;
using Xunit;

namespace Portal.Tests.Domain.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar China = new(ChinaPublicHolidays.Seed());
    private static DateTime At(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0);

    [Fact]
    public void One_working_day_is_the_same_clock_time_on_the_next_working_day() =>
        Assert.Equal(At(2026, 3, 11, 10), China.AddWorkingDays(At(2026, 3, 10, 10), 1));

    [Fact]
    public void A_friday_submission_is_due_on_monday() =>
        Assert.Equal(At(2026, 3, 16, 10), China.AddWorkingDays(At(2026, 3, 13, 10), 1));

    [Fact]
    public void A_submission_after_closing_starts_the_clock_at_the_next_opening()
    {
        Assert.Equal(At(2026, 3, 16, 8, 30), China.ClockStart(At(2026, 3, 13, 20)));
        Assert.Equal(At(2026, 3, 17, 8, 30), China.AddWorkingDays(At(2026, 3, 13, 20), 1));
    }

    [Fact]
    public void A_submission_before_opening_starts_the_clock_at_that_days_opening() =>
        Assert.Equal(At(2026, 3, 11, 8, 30), China.AddWorkingDays(At(2026, 3, 10, 7), 1));

    [Fact]
    public void Closing_time_is_exclusive_and_one_minute_before_still_counts_as_today()
    {
        Assert.Equal(At(2026, 3, 10, 17, 29), China.ClockStart(At(2026, 3, 10, 17, 29)));
        Assert.Equal(At(2026, 3, 11, 8, 30), China.ClockStart(At(2026, 3, 10, 17, 30)));
    }

    [Fact]
    public void Opening_time_itself_is_inside_working_hours()
    {
        Assert.True(China.IsWithinWorkingHours(At(2026, 3, 10, 8, 30)));
        Assert.False(China.IsWithinWorkingHours(At(2026, 3, 10, 8, 29)));
    }

    [Fact]
    public void A_make_up_saturday_is_a_working_day()
    {
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 2, 14)));
        Assert.Equal(At(2026, 2, 14, 10), China.AddWorkingDays(At(2026, 2, 13, 10), 1));
    }

    [Fact]
    public void The_spring_festival_holiday_is_skipped()
    {
        // Feb 13 (Fri) → Feb 14 (make-up Sat) → Feb 15–23 off → Feb 24 (Tue).
        Assert.Equal(At(2026, 2, 24, 10), China.AddWorkingDays(At(2026, 2, 13, 10), 2));
        Assert.Equal(At(2026, 2, 25, 8, 30), China.AddWorkingDays(At(2026, 2, 14, 18), 1));
    }

    [Fact]
    public void An_ordinary_saturday_is_not_a_working_day() =>
        Assert.False(China.IsWorkingDay(new DateOnly(2026, 3, 14)));

    [Fact]
    public void A_holiday_on_a_weekday_is_not_a_working_day() =>
        Assert.False(China.IsWorkingDay(new DateOnly(2026, 10, 7)));

    [Fact]
    public void New_year_2026_runs_into_the_make_up_sunday() =>
        Assert.Equal(At(2026, 1, 4, 10), China.AddWorkingDays(At(2025, 12, 31, 10), 1));

    [Fact]
    public void The_year_end_2026_crosses_into_2027() =>
        Assert.Equal(At(2027, 1, 4, 10), China.AddWorkingDays(At(2026, 12, 31, 10), 1));

    [Fact]
    public void Seven_working_days_across_national_day_count_the_make_up_saturday() =>
        Assert.Equal(At(2026, 10, 15, 10), China.AddWorkingDays(At(2026, 9, 30, 10), 7));

    [Fact]
    public void Zero_working_days_is_the_clock_start() =>
        Assert.Equal(At(2026, 3, 16, 8, 30), China.AddWorkingDays(At(2026, 3, 14, 12), 0));

    [Fact]
    public void Negative_working_days_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => China.AddWorkingDays(At(2026, 3, 10, 10), -1));

    [Fact]
    public void Working_hours_carry_over_closing_into_the_next_working_day() =>
        Assert.Equal(At(2026, 3, 17, 9, 30), China.AddWorkingHours(At(2026, 3, 16, 16, 30), 2));

    [Fact]
    public void Working_hours_that_end_exactly_at_closing_stay_on_that_day()
    {
        Assert.Equal(At(2026, 3, 16, 17, 30), China.AddWorkingHours(At(2026, 3, 16, 15, 30), 2));
        Assert.Equal(At(2026, 3, 16, 17, 30), China.AddWorkingHours(At(2026, 3, 16, 8, 30), 9));
    }

    [Fact]
    public void Working_hours_skip_a_weekend() =>
        Assert.Equal(At(2026, 3, 16, 9, 30), China.AddWorkingHours(At(2026, 3, 13, 16, 30), 2));

    [Fact]
    public void Working_time_between_counts_only_the_service_window()
    {
        Assert.Equal(TimeSpan.FromHours(2), China.WorkingTimeBetween(At(2026, 3, 13, 16, 30), At(2026, 3, 16, 9, 30)));
        Assert.Equal(TimeSpan.Zero, China.WorkingTimeBetween(At(2026, 3, 14, 9), At(2026, 3, 15, 18)));
        Assert.Equal(TimeSpan.Zero, China.WorkingTimeBetween(At(2026, 3, 16, 10), At(2026, 3, 16, 9)));
    }

    [Theory]
    [InlineData(2026, 3, 10, 10, 0)]
    [InlineData(2026, 2, 13, 17, 0)]
    [InlineData(2026, 9, 30, 8, 30)]
    public void One_working_day_is_always_one_full_window_of_working_time(int y, int m, int d, int h, int min)
    {
        var start = At(y, m, d, h, min);
        Assert.Equal(China.Hours.Length, China.WorkingTimeBetween(start, China.AddWorkingDays(start, 1)));
    }

    [Fact]
    public void Working_hours_are_configurable()
    {
        var cal = WorkingCalendar.WeekdaysOnly(new WorkingHours(new TimeOnly(9, 0), new TimeOnly(17, 0)));
        Assert.Equal(At(2026, 3, 11, 9, 0), cal.AddWorkingDays(At(2026, 3, 10, 8, 45), 1));
        Assert.Equal(TimeSpan.FromHours(8), cal.Hours.Length);
    }

    [Fact]
    public void Working_hours_must_close_after_they_open()
    {
        var ex = Assert.Throws<DomainException>(() => new WorkingHours(new TimeOnly(17, 0), new TimeOnly(9, 0)));
        Assert.Equal("Calendar.InvalidWorkingHours", ex.Code);
    }

    [Fact]
    public void A_date_cannot_be_both_a_holiday_and_a_make_up_day()
    {
        var d = new DateOnly(2026, 3, 14);
        var ex = Assert.Throws<DomainException>(() => new WorkingCalendar(
            [new CalendarDay(d, CalendarDayKind.Holiday, "x"), new CalendarDay(d, CalendarDayKind.MakeUpWorkingDay, "y")]));
        Assert.Equal("Calendar.HolidayAndMakeUpDay", ex.Code);
    }

    [Fact]
    public void A_date_listed_twice_is_refused()
    {
        var d = new DateOnly(2026, 3, 16);
        var ex = Assert.Throws<DomainException>(() => new WorkingCalendar(
            [new CalendarDay(d, CalendarDayKind.Holiday, "x"), new CalendarDay(d, CalendarDayKind.Holiday, "x")]));
        Assert.Equal("Calendar.DuplicateDate", ex.Code);
    }

    [Fact]
    public void A_calendar_without_any_working_day_fails_instead_of_looping()
    {
        var start = new DateOnly(2026, 1, 1);
        var allOff = Enumerable.Range(0, 800).Select(i => new CalendarDay(start.AddDays(i), CalendarDayKind.Holiday, "x"));
        var ex = Assert.Throws<DomainException>(() => new WorkingCalendar(allOff).NextWorkingDay(start));
        Assert.Equal("Calendar.NoWorkingDay", ex.Code);
    }
}

public class ChinaPublicHolidaysTests
{
    [Fact]
    public void The_2026_seed_matches_the_state_council_notice_totals()
    {
        Assert.Equal(33, ChinaPublicHolidays.Year2026.Count(d => d.Kind == CalendarDayKind.Holiday));
        Assert.Equal(6, ChinaPublicHolidays.Year2026.Count(d => d.Kind == CalendarDayKind.MakeUpWorkingDay));
    }

    [Fact]
    public void Every_seeded_make_up_day_falls_on_a_weekend() =>
        Assert.All(ChinaPublicHolidays.Seed().Where(d => d.Kind == CalendarDayKind.MakeUpWorkingDay),
            d => Assert.True(d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, d.Date.ToString()));

    [Fact]
    public void Seeded_dates_are_unique_and_load_into_a_calendar()
    {
        var seed = ChinaPublicHolidays.Seed();
        Assert.Equal(seed.Count, seed.Select(d => d.Date).Distinct().Count());
        Assert.False(new WorkingCalendar(seed).IsWorkingDay(new DateOnly(2027, 2, 5)));
    }
}
