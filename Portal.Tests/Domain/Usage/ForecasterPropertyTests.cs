using Portal.Domain.Calendar;
using Portal.Domain.Usage;
using Xunit;

namespace Portal.Tests.Domain.Usage;

/// <summary>
/// Seeded random histories with everything real meters do (zero runs, spikes, gaps, estimated and partial days, a
/// week of history, a meter that stops, one that starts, a weekday that is always zero): whatever the forecaster
/// answers must be finite, non-negative and ordered low ≤ point ≤ high, and it answers whenever a week is known.
/// </summary>
public class ForecasterPropertyTests
{
    private const int Cases = 600;

    private sealed record Generated(string Description, List<DailyKwh> History, DateOnly CycleStart, DateOnly CycleEnd, DateOnly Origin, List<CalendarDay> Calendar,
        List<DailyTemperature> Temperatures);

    private static Generated Generate(int seed)
    {
        var rng = new Random(seed);
        var cycleStart = new DateOnly(2024, 1, 1).AddMonths(rng.Next(0, 24));
        var cycleEnd = cycleStart.AddMonths(1).AddDays(-1);
        var origin = cycleStart.AddDays(rng.Next(-1, cycleEnd.Day));
        var length = rng.Next(4) switch { 0 => rng.Next(1, 15), 1 => rng.Next(15, 90), _ => rng.Next(90, 800) };
        var first = origin.AddDays(-length + 1);
        var level = Math.Pow(10, rng.NextDouble() * 5 - 1); // 0.1 to 10,000 kWh a day
        var weekday = Enumerable.Range(0, 7).Select(_ => 0.3 + rng.NextDouble() * 1.4).ToArray();
        var traits = new List<string>();
        if (rng.Next(4) == 0) { weekday[rng.Next(7)] = 0; traits.Add("a weekday always zero"); }
        var history = new List<DailyKwh>();
        for (var d = first; d <= origin; d = d.AddDays(1))
        {
            var season = 1 + 0.4 * Math.Sin(2 * Math.PI * d.DayOfYear / 365.25);
            history.Add(new DailyKwh(d, level * weekday[(int)d.DayOfWeek] * season * (0.6 + 0.8 * rng.NextDouble())));
        }
        int Pick() => rng.Next(history.Count);
        void Traits(string name, Action apply)
        {
            if (rng.Next(3) != 0) return;
            apply();
            traits.Add(name);
        }
        Traits("zero runs", () =>
        {
            for (var r = rng.Next(1, 4); r > 0; r--)
            {
                var at = Pick();
                for (var i = at; i < Math.Min(history.Count, at + rng.Next(1, 60)); i++) history[i] = history[i] with { Kwh = 0 };
            }
        });
        Traits("spikes", () =>
        {
            for (var r = rng.Next(1, 3); r > 0; r--) { var at = Pick(); history[at] = history[at] with { Kwh = history[at].Kwh * 1000 + 1 }; }
        });
        Traits("estimated and partial days", () =>
        {
            for (var r = rng.Next(1, 20); r > 0; r--) { var at = Pick(); history[at] = history[at] with { Kwh = rng.Next(2) == 0 ? level : history[at].Kwh * rng.NextDouble() }; }
        });
        Traits("a meter that stops", () =>
        {
            var stop = Pick();
            history.RemoveRange(stop, history.Count - stop);
        });
        Traits("a meter that starts after a dead spell", () =>
        {
            var start = Pick();
            for (var i = 0; i < start; i++) history[i] = history[i] with { Kwh = 0 };
        });
        Traits("gaps", () =>
        {
            var keep = 0.3 + 0.7 * rng.NextDouble();
            history.RemoveAll(_ => rng.NextDouble() > keep);
        });
        if (rng.Next(10) == 0) { history = history.Select(h => h with { Kwh = 0 }).ToList(); traits.Add("all zero"); }
        // A calendar from none to one day in three a holiday (a whole window of holidays included), some make-up days.
        var calendar = new List<CalendarDay>();
        var holidayShare = rng.Next(3) switch { 0 => 0, 1 => 0.05, _ => rng.NextDouble() * 0.34 };
        for (var d = first.AddDays(-10); d <= cycleEnd.AddDays(62); d = d.AddDays(1))
        {
            var x = rng.NextDouble();
            if (x < holidayShare) calendar.Add(new CalendarDay(d, CalendarDayKind.Holiday, "h"));
            else if (x < holidayShare + 0.03) calendar.Add(new CalendarDay(d, CalendarDayKind.MakeUpWorkingDay, "m"));
        }
        if (rng.Next(20) == 0) { calendar = [.. Enumerable.Range(-70, 140).Select(i => new CalendarDay(origin.AddDays(i), CalendarDayKind.Holiday, "h"))]; traits.Add("every day a holiday"); }
        traits.Add($"{calendar.Count} calendar days");
        // Temperatures: none, or a seasonal curve with noise, gaps, frozen and tropical spells, the odd NaN, ±∞ or absurd
        // reading, and use that follows them (heating and cooling) or not at all.
        var temperatures = new List<DailyTemperature>();
        if (rng.Next(4) != 0)
        {
            var follows = rng.Next(3);
            for (var d = first.AddDays(-rng.Next(0, 30)); d <= cycleEnd.AddDays(62); d = d.AddDays(1))
            {
                if (rng.NextDouble() < 0.1) continue;
                var t = 10 + 12 * Math.Sin(2 * Math.PI * d.DayOfYear / 365.25) + 4 * (rng.NextDouble() - 0.5);
                t = rng.Next(50) switch { 0 => double.NaN, 1 => rng.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity, 2 => 1e6, 3 => -40, 4 => 45, _ => t };
                temperatures.Add(new DailyTemperature(d, t));
            }
            var byDate = temperatures.ToDictionary(x => x.Date, x => x.MeanC);
            if (follows > 0)
                for (var i = 0; i < history.Count; i++)
                {
                    if (byDate.TryGetValue(history[i].Date, out var t) && double.IsFinite(t) && Math.Abs(t) < 100)
                        history[i] = history[i] with { Kwh = history[i].Kwh + level * 0.1 * follows * (DegreeDayTerm.HeatingDegreeDays(t) + DegreeDayTerm.CoolingDegreeDays(t)) };
                }
            traits.Add($"{temperatures.Count} temperatures" + (follows > 0 ? ", use follows them" : ""));
        }
        return new Generated($"seed {seed}, {length} days, level {level:G3}: {string.Join(", ", traits)}", history, cycleStart, cycleEnd, origin, calendar, temperatures);
    }

    private static void AssertSane(string what, ForecastRange r, string description)
    {
        Assert.True(double.IsFinite(r.Kwh) && double.IsFinite(r.Low) && double.IsFinite(r.High), $"{what} not finite ({r}) — {description}");
        Assert.True(r.Low >= 0, $"{what} negative ({r}) — {description}");
        Assert.True(r.Low <= r.Kwh && r.Kwh <= r.High, $"{what} band out of order ({r}) — {description}");
    }

    [Fact]
    public void Every_forecast_of_a_random_real_looking_history_is_finite_non_negative_and_inside_its_band()
    {
        var answered = 0;
        for (var seed = 1; seed <= Cases; seed++)
        {
            var g = Generate(seed);
            foreach (var (calendar, temperatures) in new (List<CalendarDay>?, List<DailyTemperature>?)[] { (null, null), (g.Calendar, null), (g.Calendar, g.Temperatures) })
            {
                var f = Forecaster.Forecast(new ForecastRequest(g.CycleStart, g.CycleEnd, g.Origin, g.History, Calendar: calendar, Temperatures: temperatures));
                var known = g.History.Count(h => h.Date > g.Origin.AddDays(-Forecaster.WeekdayWindowDays) && h.Date <= g.Origin);
                if (f is null)
                {
                    Assert.True(known < Forecaster.MinimumHistoryDays, $"no forecast with {known} known days — {g.Description}");
                    continue;
                }
                answered++;
                Assert.True(known >= Forecaster.MinimumHistoryDays, $"a forecast from {known} known days — {g.Description}");
                AssertSane("cycle", f.Cycle, g.Description);
                AssertSane("next cycle", f.NextCycle, g.Description);
                Assert.True(double.IsFinite(f.ToDateKwh) && f.ToDateKwh >= 0, g.Description);
                Assert.True(f.Cycle.Low >= f.ToDateKwh - 0.1, $"the band's low end is below what is already used — {g.Description}");
            }
        }
        // The generator must exercise the forecasting path, not only the "too little history" one.
        Assert.InRange(answered, Cases, 3 * Cases);
    }

    [Fact]
    public void A_weekday_that_is_always_zero_never_makes_the_forecast_not_a_number()
    {
        var june = new DateOnly(2025, 6, 1);
        for (var closed = 0; closed < 7; closed++)
        {
            var history = Enumerable.Range(1, 400).Select(i => june.AddDays(-i))
                .Select(d => new DailyKwh(d, (int)d.DayOfWeek == closed ? 0 : 5 + d.DayOfYear % 3)).ToList();
            // With and without a calendar whose holidays and make-up days fall in the history and in the cycle.
            List<CalendarDay> calendar = [.. Enumerable.Range(-60, 120).Where(i => i % 9 == 0).Select(i => new CalendarDay(june.AddDays(i), i % 2 == 0 ? CalendarDayKind.Holiday : CalendarDayKind.MakeUpWorkingDay, "x"))];
            foreach (var days in new[] { null, calendar })
            {
                var f = Forecaster.Forecast(new ForecastRequest(june, june.AddDays(29), june.AddDays(-1), history, Calendar: days))!;
                AssertSane("cycle", f.Cycle, $"closed on {(DayOfWeek)closed}");
                AssertSane("next cycle", f.NextCycle, $"closed on {(DayOfWeek)closed}");
                Assert.InRange(f.Cycle.Kwh, 100, 200);
            }
        }
    }
}
