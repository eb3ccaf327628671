using Portal.Domain.Usage;
using Xunit;

namespace Portal.Tests.Domain.Usage;

public class DegreeDayTermTests
{
    private static readonly DateOnly June = new(2025, 6, 1);
    private static readonly DateOnly JuneEnd = new(2025, 6, 30);
    private static readonly DateOnly Origin = June.AddDays(9); // 10 days in, 20 left

    /// <summary>
    /// 120 days up to the origin: 60 older days with temperatures 5–14 °C (1.5–10.5 heating degree days) and the last 60
    /// at 15.5 °C (none), kWh = 10 + <paramref name="perDegreeDay"/> × heating degree days: the level of the last weeks is
    /// exactly 10 a day on every weekday.
    /// </summary>
    private static (List<DailyKwh> History, List<DailyTemperature> Past) HeatingAccount(double perDegreeDay)
    {
        var history = new List<DailyKwh>();
        var past = new List<DailyTemperature>();
        for (var i = 119; i >= 0; i--)
        {
            var d = Origin.AddDays(-i);
            var t = i >= 60 ? 5 + i % 10 : 15.5;
            past.Add(new DailyTemperature(d, t));
            history.Add(new DailyKwh(d, 10 + perDegreeDay * DegreeDayTerm.HeatingDegreeDays(t)));
        }
        return (history, past);
    }

    private static List<DailyTemperature> Normals(DateOnly from, DateOnly to, double meanC)
    {
        var list = new List<DailyTemperature>();
        for (var d = from; d <= to; d = d.AddDays(1)) list.Add(new DailyTemperature(d, meanC));
        return list;
    }

    [Fact]
    public void The_heating_sensitivity_of_a_history_that_follows_degree_days_is_fitted_exactly()
    {
        var (history, past) = HeatingAccount(2);
        var fit = DegreeDayTerm.Fit(history, past, Origin)!;
        Assert.Equal(2, fit.HeatingKwhPerDegreeDay, 9);
        Assert.True(fit.UsesHeating);
        Assert.False(fit.UsesCooling); // never above 22 °C: no cooling term
        Assert.Equal(120, fit.Days);
    }

    [Fact]
    public void Cold_normals_raise_the_days_left_by_the_sensitivity_times_their_extra_degree_days()
    {
        // Level 10 a day at 0 heating degree days; the normal for the 20 days left is 5.5 °C = 10 degree days, 2 kWh each:
        // 10 + 2 × 10 = 30 a day. 100 so far + 20 × 30 = 700 (without weather 100 + 20 × 10 = 300).
        var (history, past) = HeatingAccount(2);
        var without = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history))!;
        var with = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history, Temperatures: [.. past, .. Normals(Origin.AddDays(1), new(2025, 7, 31), 5.5)]))!;
        Assert.Equal(300, without.Cycle.Kwh);
        Assert.Equal(700, with.Cycle.Kwh);
        Assert.Equal(31 * 30, with.NextCycle.Kwh); // July: 31 days at 30
        Assert.Equal(without.ToDateKwh, with.ToDateKwh);
    }

    [Fact]
    public void Normals_as_warm_as_the_recent_days_change_nothing()
    {
        var (history, past) = HeatingAccount(2);
        var without = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history))!;
        var with = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history, Temperatures: [.. past, .. Normals(Origin.AddDays(1), new(2025, 7, 31), 18)]))!;
        Assert.Equal(without, with); // above the 15.5 °C base both ways: no heating degree days
    }

    [Fact]
    public void No_temperatures_and_an_empty_list_give_exactly_the_forecast_without_weather()
    {
        var (history, _) = HeatingAccount(2);
        var none = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history))!;
        Assert.Equal(none, Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history, Temperatures: null)));
        Assert.Equal(none, Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history, Temperatures: [])));
    }

    [Fact]
    public void A_single_meter_spike_on_a_cold_day_does_not_tilt_the_sensitivity()
    {
        // The exact 2 kWh/degree-day account with one 1,000 kWh day on its coldest day: capped at 3 × the upper median of
        // the fit's days (13 kWh, so 39), the slope moves little and the days left stay near 30 a day (700 for the cycle).
        var (history, past) = HeatingAccount(2);
        var coldest = past.Take(60).MinBy(t => t.MeanC).Date;
        history = [.. history.Select(h => h.Date == coldest ? h with { Kwh = 1000 } : h)];
        var fit = DegreeDayTerm.Fit(history, past, Origin)!;
        Assert.InRange(fit.HeatingKwhPerDegreeDay, 1.5, 2.5);
        var f = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history, Temperatures: [.. past, .. Normals(Origin.AddDays(1), new(2025, 7, 31), 5.5)]))!;
        Assert.InRange(f.Cycle.Kwh, 600, 800);
    }

    [Fact]
    public void Use_that_falls_as_it_gets_colder_is_not_a_heating_term_and_is_not_used()
    {
        var (history, past) = HeatingAccount(-0.5);
        Assert.False(DegreeDayTerm.Fit(history, past, Origin)!.UsesHeating);
        var without = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history))!;
        Assert.Equal(without, Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history, Temperatures: [.. past, .. Normals(Origin.AddDays(1), new(2025, 7, 31), 5.5)])));
    }

    [Fact]
    public void A_sensitivity_lost_in_noise_is_not_used()
    {
        // kWh unrelated to temperature: whatever slope the fit finds is within two standard errors of nothing.
        var rng = new Random(7);
        var history = new List<DailyKwh>();
        var past = new List<DailyTemperature>();
        for (var i = 200; i >= 0; i--)
        {
            var d = Origin.AddDays(-i);
            past.Add(new DailyTemperature(d, 15 * rng.NextDouble()));
            history.Add(new DailyKwh(d, 8 + 4 * rng.NextDouble()));
        }
        var fit = DegreeDayTerm.Fit(history, past, Origin)!;
        Assert.InRange(fit.HeatingT, -DegreeDayTerm.MinimumT, DegreeDayTerm.MinimumT);
        Assert.False(fit.UsesHeating);
        var without = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history))!;
        Assert.Equal(without, Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history, Temperatures: [.. past, .. Normals(Origin.AddDays(1), new(2025, 7, 31), 0)])));
    }

    [Theory]
    [InlineData(2.0001, true)]
    [InlineData(2.0, false)]
    [InlineData(1.9999, false)]
    [InlineData(-5, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, true)]
    public void A_term_is_used_only_when_it_is_more_than_two_standard_errors_above_zero(double t, bool used) =>
        Assert.Equal(used, DegreeDayTerm.IsSignificant(t));

    [Theory]
    [InlineData(5, true)]
    [InlineData(4, false)]
    public void A_cooling_term_needs_five_warm_days_in_the_fit(int warmDays, bool fitted)
    {
        // Cold days 5–14 °C (1 kWh per heating degree day), mild days 16–20 °C (no degree days either way) and warmDays days
        // at 23–26 °C with 3 kWh per cooling degree day.
        var history = new List<DailyKwh>();
        var past = new List<DailyTemperature>();
        for (var i = 99; i >= 0; i--)
        {
            var d = Origin.AddDays(-i);
            var t = i >= 80 ? 5 + i % 10 : i >= 50 && i < 50 + warmDays ? 23 + i % 4 : 16 + i % 5;
            past.Add(new DailyTemperature(d, t));
            history.Add(new DailyKwh(d, 10 + DegreeDayTerm.HeatingDegreeDays(t) + 3 * DegreeDayTerm.CoolingDegreeDays(t)));
        }
        var fit = DegreeDayTerm.Fit(history, past, Origin)!;
        Assert.Equal(fitted, fit.UsesCooling);
        Assert.Equal(fitted ? 3 : 0, fit.CoolingKwhPerDegreeDay, 9);
    }

    [Fact]
    public void Too_few_days_with_a_temperature_give_no_fit()
    {
        var (history, past) = HeatingAccount(2);
        // 8 coefficients + 20 spare days are needed: 28 days fit, 27 do not.
        Assert.NotNull(DegreeDayTerm.Fit(history, past.TakeLast(28).Select((t, i) => t with { MeanC = 5 + i % 10 }).ToList(), Origin));
        Assert.Null(DegreeDayTerm.Fit(history, past.TakeLast(27).Select((t, i) => t with { MeanC = 5 + i % 10 }).ToList(), Origin));
    }

    [Fact]
    public void Where_last_years_season_factor_is_used_temperatures_change_nothing()
    {
        // Two years of a heating account: last year's same weeks are known, so the season comes from them.
        var history = new List<DailyKwh>();
        var temps = new List<DailyTemperature>();
        for (var d = Origin.AddDays(-500); d <= new DateOnly(2025, 7, 31); d = d.AddDays(1))
        {
            var t = 10 + 8 * Math.Sin(2 * Math.PI * (d.DayOfYear - 100) / 365.25);
            temps.Add(new DailyTemperature(d, t));
            if (d <= Origin) history.Add(new DailyKwh(d, 10 + 2 * DegreeDayTerm.HeatingDegreeDays(t)));
        }
        var without = Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history))!;
        Assert.True(without.UsedLastYear);
        Assert.True(DegreeDayTerm.Fit(history, temps, Origin)!.UsesHeating);
        Assert.Equal(without, Forecaster.Forecast(new ForecastRequest(June, JuneEnd, Origin, history, Temperatures: temps)));
    }
}
