using Portal.Domain.Calendar;
using Portal.Domain.Common;
using Portal.Domain.Usage;
using Xunit;

namespace Portal.Tests.Domain.Usage;

public class ForecasterTests
{
    private static readonly DateOnly June = new(2025, 6, 1);
    private static readonly DateOnly JuneEnd = new(2025, 6, 30);

    private static List<DailyKwh> History(DateOnly first, DateOnly last, Func<DateOnly, double> kwh)
    {
        var list = new List<DailyKwh>();
        for (var d = first; d <= last; d = d.AddDays(1)) list.Add(new DailyKwh(d, kwh(d)));
        return list;
    }

    [Fact]
    public void A_steady_account_is_forecast_at_its_run_rate()
    {
        var history = History(June.AddDays(-90), June.AddDays(9), _ => 10);
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(9), history))!;
        Assert.Equal(100, f.ToDateKwh);
        Assert.Equal((10, 20), (f.DaysElapsed, f.DaysRemaining));
        Assert.Equal(300, f.Cycle.Kwh);
        Assert.Equal(310, f.NextCycle.Kwh); // July has 31 days
        Assert.Equal(ForecastBandSource.OwnHistory, f.BandSource);
        Assert.Equal((300, 300), (f.Cycle.Low, f.Cycle.High)); // no past error, no spread
    }

    [Fact]
    public void Weekday_pattern_is_carried_into_the_days_left()
    {
        // 20 kWh on weekdays, 6 on weekends: a business.
        static double Kwh(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 6 : 20;
        var history = History(June.AddDays(-120), June.AddDays(13), Kwh);
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(13), history))!;
        var actual = Enumerable.Range(0, 30).Sum(i => Kwh(June.AddDays(i)));
        var naive = f.ToDateKwh + history.TakeLast(28).Average(h => h.Kwh) * 16;
        Assert.True(Math.Abs(f.Cycle.Kwh - actual) < Math.Abs(naive - actual), $"forecast {f.Cycle.Kwh}, naive {naive}, actual {actual}");
        Assert.InRange(f.Cycle.Kwh, actual * 0.98, actual * 1.02);
    }

    [Fact]
    public void A_single_spike_does_not_move_the_forecast_much()
    {
        var history = History(June.AddDays(-90), June.AddDays(9), d => d == June.AddDays(5) ? 1000 : 10);
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(9), history))!;
        Assert.InRange(f.Cycle.Kwh - f.ToDateKwh, 200, 240); // 20 days × ~10; uncapped the spike gave 454, repeated from last week it would add 2,970
    }

    [Fact]
    public void A_step_up_last_week_moves_the_days_left_to_the_mean_of_the_fits_level_and_last_weeks_level()
    {
        // 10 kWh a day, then 20 for the last 7 days (4–10 June). The fit's level (half-life 7 days over 28) puts
        // 1 / (1 + 1/2 + 1/4 + 1/8) = 8/15 of its weight on the last week: 10 + 10 × 8/15 = 15.33; last week's level is 20.
        var history = History(June.AddDays(-90), June.AddDays(9), d => d >= June.AddDays(3) ? 20 : 10);
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(9), history))!;
        Assert.Equal(3 * 10 + 7 * 20, f.ToDateKwh);
        Assert.Equal(Math.Round(20 * (10 + 10 * 8.0 / 15 + 20) / 2, 1), f.Cycle.Kwh - f.ToDateKwh, 1e-9); // 353.3
    }

    [Fact]
    public void A_missing_day_last_week_does_not_change_the_forecast_of_a_steady_weekday_pattern()
    {
        // A business at 20 kWh on weekdays and 6 at weekends; 30 May (before the cycle) is missing in one history.
        static double Kwh(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 6 : 20;
        var whole = History(June.AddDays(-120), June.AddDays(2), Kwh);
        var gap = whole.Where(h => h.Date != June.AddDays(-2)).ToList();
        var a = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(2), whole))!;
        var b = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(2), gap))!;
        Assert.Equal(Enumerable.Range(0, 30).Sum(i => Kwh(June.AddDays(i))), a.Cycle.Kwh, 1e-9);
        Assert.Equal(a.Cycle.Kwh, b.Cycle.Kwh, 1e-9);
    }

    [Fact]
    public void Last_years_seasonal_change_is_applied_half_strength()
    {
        // Last year June doubled against May; this year's May runs at 10/day.
        var lastYear = History(new DateOnly(2024, 3, 1), new DateOnly(2024, 8, 31), d => d.Month >= 6 ? 20 : 10);
        var thisYear = History(new DateOnly(2025, 3, 1), June.AddDays(-1), _ => 10);
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(-1), [.. lastYear, .. thisYear]))!;
        Assert.True(f.UsedLastYear);
        Assert.Equal(0, f.DaysElapsed);
        Assert.Equal(450, f.Cycle.Kwh); // 30 × 10 × (1 + 0.5 × (2 − 1))
    }

    [Fact]
    public void Without_last_year_the_season_factor_is_neutral()
    {
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(-1), History(new DateOnly(2025, 3, 1), June.AddDays(-1), _ => 10)))!;
        Assert.False(f.UsedLastYear);
        Assert.Equal(300, f.Cycle.Kwh);
    }

    [Fact]
    public void Short_history_gets_the_wide_default_band()
    {
        var history = History(June.AddDays(-20), June.AddDays(9), _ => 10);
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(9), history))!;
        Assert.Equal(ForecastBandSource.Default, f.BandSource);
        Assert.Equal(100 + 200 * Forecaster.DefaultLowRatio, f.Cycle.Low);
        Assert.Equal(100 + 200 * Forecaster.DefaultHighRatio, f.Cycle.High);
    }

    [Fact]
    public void The_band_widens_with_the_accounts_own_past_errors()
    {
        var rng = new Random(7);
        var history = History(June.AddDays(-400), June.AddDays(9), _ => 10 + rng.NextDouble() * 10);
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(9), history))!;
        Assert.Equal(ForecastBandSource.OwnHistory, f.BandSource);
        Assert.True(f.Cycle.Low < f.Cycle.Kwh && f.Cycle.Kwh < f.Cycle.High);
        Assert.True(f.NextCycle.High - f.NextCycle.Low > 0);
    }

    [Fact]
    public void A_complete_cycle_has_an_exact_band()
    {
        var history = History(June.AddDays(-90), JuneEnd, _ => 10);
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, JuneEnd, history))!;
        Assert.Equal(ForecastBandSource.Exact, f.BandSource);
        Assert.Equal((300, 300, 300), (f.Cycle.Kwh, f.Cycle.Low, f.Cycle.High));
    }

    [Fact]
    public void Missing_days_in_the_cycle_are_filled_not_counted_as_zero()
    {
        var history = History(June.AddDays(-90), June.AddDays(9), _ => 10).Where(h => h.Date != June.AddDays(3)).ToList();
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(9), history))!;
        Assert.Equal(100, f.ToDateKwh);
    }

    [Fact]
    public void Data_after_the_last_complete_day_is_ignored()
    {
        var history = History(June.AddDays(-90), JuneEnd, d => d > June.AddDays(9) ? 1000 : 10);
        Assert.Equal(300, Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(9), history))!.Cycle.Kwh);
    }

    [Fact]
    public void No_history_gives_no_forecast_rather_than_a_made_up_figure() =>
        Assert.Null(Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(-1), [])));

    [Fact]
    public void Six_days_of_history_give_no_forecast_and_seven_give_one()
    {
        var six = History(June.AddDays(-6), June.AddDays(-1), _ => 10);
        Assert.Null(Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(-1), six)));
        var seven = History(June.AddDays(-7), June.AddDays(-1), _ => 10);
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(-1), seven))!;
        Assert.Equal(300, f.Cycle.Kwh);
        Assert.Equal(ForecastBandSource.Default, f.BandSource);
    }

    [Fact]
    public void A_meter_silent_for_the_last_eight_weeks_gives_no_forecast()
    {
        var history = History(June.AddDays(-200), June.AddDays(-57), _ => 10);
        Assert.Null(Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(9), history)));
    }

    [Fact]
    public void A_business_closed_on_sundays_is_forecast_with_nothing_on_sundays()
    {
        // 12 kWh Monday to Saturday, 0 on Sundays, for 16 weeks. June 2025 has 5 Sundays, so 25 open days.
        static double Kwh(DateOnly d) => d.DayOfWeek == DayOfWeek.Sunday ? 0 : 12;
        var history = History(June.AddDays(-112), June.AddDays(9), Kwh);
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(9), history))!;
        // 1–10 June: 8 open days (Sundays 1 and 8 June) = 96 kWh; 11–30 June: 17 open days = 204 kWh.
        Assert.Equal(96, f.ToDateKwh);
        Assert.Equal(300, f.Cycle.Kwh);
        Assert.Equal((300, 300), (f.Cycle.Low, f.Cycle.High));
        // July 2025: 31 days, 4 Sundays: 27 × 12.
        Assert.Equal(324, f.NextCycle.Kwh);
    }

    // A business: 20 kWh Monday to Friday, 6 on Saturdays, 2 on Sundays. June 2025 starts on a Sunday.
    private static double Business(DateOnly d) => d.DayOfWeek switch { DayOfWeek.Saturday => 6, DayOfWeek.Sunday => 2, _ => 20 };

    private static CalendarDay Holiday(DateOnly d) => new(d, CalendarDayKind.Holiday, "holiday");

    [Fact]
    public void A_cycle_with_a_three_day_holiday_is_forecast_lower_by_three_weekdays_less_three_rest_days()
    {
        // Origin Monday 9 June; Wednesday 11 to Friday 13 June are public holidays. Each takes the account's Saturday
        // factor: 3 × (20 − 6) = 42 kWh less than the forecast without a calendar, which is the plain weekly pattern.
        var history = History(June.AddDays(-120), June.AddDays(8), Business);
        var without = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(8), history))!;
        var with = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(8), history,
            Calendar: [Holiday(new(2025, 6, 11)), Holiday(new(2025, 6, 12)), Holiday(new(2025, 6, 13))]))!;
        Assert.Equal(Enumerable.Range(0, 30).Sum(i => Business(June.AddDays(i))), without.Cycle.Kwh, 1);
        Assert.Equal(without.Cycle.Kwh - 3 * (20 - 6), with.Cycle.Kwh, 1);
        Assert.Equal(without.ToDateKwh, with.ToDateKwh);
        Assert.Equal(without.NextCycle.Kwh, with.NextCycle.Kwh, 1);
    }

    [Fact]
    public void A_make_up_working_sunday_is_forecast_like_a_weekday()
    {
        var history = History(June.AddDays(-120), June.AddDays(8), Business);
        var without = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(8), history))!;
        var with = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(8), history,
            Calendar: [new CalendarDay(new(2025, 6, 15), CalendarDayKind.MakeUpWorkingDay, "make-up day")]))!;
        Assert.Equal(DayOfWeek.Sunday, new DateOnly(2025, 6, 15).DayOfWeek);
        Assert.Equal(without.Cycle.Kwh + (20 - 2), with.Cycle.Kwh, 1);
    }

    [Fact]
    public void Holidays_in_the_history_do_not_pull_down_the_weekdays_or_the_level()
    {
        // Monday 26 to Wednesday 28 May were holidays and the business used Saturday's 6 kWh; June has none. With the
        // calendar those days are left out and June is forecast as the plain pattern; without it they read as a dip.
        var closed = new[] { new DateOnly(2025, 5, 26), new DateOnly(2025, 5, 27), new DateOnly(2025, 5, 28) };
        var history = History(June.AddDays(-120), June.AddDays(8), d => closed.Contains(d) ? 6 : Business(d));
        var plain = Enumerable.Range(0, 30).Sum(i => Business(June.AddDays(i)));
        var with = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(8), history, Calendar: [.. closed.Select(Holiday)]))!;
        var without = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(8), history))!;
        Assert.Equal(plain, with.Cycle.Kwh, 1);
        Assert.True(without.Cycle.Kwh < plain - 5, $"without the calendar {without.Cycle.Kwh} vs {plain}");
    }

    [Fact]
    public void No_calendar_an_empty_one_and_one_of_other_years_give_the_same_forecast()
    {
        var history = History(June.AddDays(-400), June.AddDays(12), d => Business(d) * (1 + 0.1 * Math.Sin(d.DayNumber)));
        var none = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(12), history))!;
        var empty = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(12), history, Calendar: []))!;
        var elsewhere = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(12), history,
            Calendar: [Holiday(new(2020, 1, 1)), new CalendarDay(new(2030, 1, 5), CalendarDayKind.MakeUpWorkingDay, "later")]))!;
        Assert.Equal(none, empty);
        Assert.Equal(none, elsewhere);
    }

    [Theory]
    [InlineData(-2, "Forecast.OriginOutsideCycle")]
    [InlineData(30, "Forecast.OriginOutsideCycle")]
    public void The_origin_must_lie_in_the_cycle(int offset, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => Forecaster.Forecast(new ForecastRequest(June, JuneEnd, June.AddDays(offset), []))).Code);

    [Fact]
    public void An_inverted_cycle_is_refused() =>
        Assert.Equal("Forecast.CycleInverted", Assert.Throws<DomainException>(() => Forecaster.Forecast(new ForecastRequest(JuneEnd, June, JuneEnd, []))).Code);
}
