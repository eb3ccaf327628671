using System.Diagnostics;
using Portal.Domain.Calendar;
using Portal.Domain.Usage;
using Portal.Domain.Weather;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Tests.Domain.Usage;

/// <summary>
/// Loads the real meter files once (through <see cref="ReadingImportAssembler"/>, so it is also a real-file import
/// check) and backtests the forecaster against three naive forecasts on meters split into a tuning and a held-out set.
/// <para>
/// Split (fixed, docs/adr/0006-forecasting.md): meters in <c>meters.csv</c> order, counted per dataset; the 1st, 3rd,
/// 5th … meter of each dataset is a tuning meter, the 2nd, 4th, 6th … a held-out meter (30 + 15 each). Every choice of
/// the forecaster's constants was made on the tuning meters; the held-out figures are the ones to quote.
/// </para>
/// <para>
/// Protocol: for every meter and every calendar month whose days are all known and which has at least 56 days of
/// history before it, forecast the month's total after 7, 14 and 21 days have elapsed, using only data up to that
/// day. Dead meters (under 0.5 kWh a day in the month) are left out because a percentage error is meaningless there.
/// </para>
/// <para>
/// Baselines, each = actual so far + a naive forecast of the days left: the 28-day run rate (mean of the last 28 days
/// × days left); same weekday last week (each day left takes the kWh of the same weekday in the last week before the
/// origin, up to four weeks back where a day is missing); last year (the same days 364 days earlier, so weekdays align,
/// × the ratio of the last 28 days to the same 28 days a year earlier) — only Cambridge 2019 has a year, elsewhere that
/// column falls back to the run rate. The goal is measured against the best baseline per horizon. The forecaster gets
/// the bank holidays of England and Wales (public information, as production has its own country's calendar); the
/// baselines get no calendar.
/// </para>
/// </summary>
public sealed class RealMeterEvaluation
{
    public const string Attribution =
        "Contains data from UK Power Networks' Low Carbon London project (London Datastore); " +
        "Cambridge University Estates building energy archive (Energy Efficient Cities Initiative, University of Cambridge).";

    public RealMeterEvaluation()
    {
        Folder = FindFolder();
        if (Folder is null) return;
        var sw = Stopwatch.StartNew();
        HeldOut = HeldOutMeters(File.ReadLines(Path.Combine(Folder, "meters.csv")).Skip(1).Select(l => l.Split(',')).Select(p => (p[0], p[1])));
        Meters = Load(Folder, out var rows, out var rejected);
        RejectedRows = rejected;
        LoadSummary = $"loaded {rows:N0} rows ({rejected} rejected) from {Meters.Count} meters in {sw.ElapsedMilliseconds} ms";
        sw.Restart();
        foreach (var (meter, days) in Meters) Evaluate(meter, days, UkBankHolidays.EnglandAndWales, Cases);
        EvaluateSummary = $"{Cases.Count} forecasts in {sw.ElapsedMilliseconds} ms";
        foreach (var (meter, days) in Meters) Evaluate(meter, days, null, CasesWithoutCalendar);
        WeatherFile = FindWeatherFile();
        if (WeatherFile is null) return;
        sw.Restart();
        var weather = new TemperatureHistory(WeatherFile);
        // Business accounts (the Cambridge buildings) get temperatures; households none: see docs/adr/0006-forecasting.md, "Fourth round".
        foreach (var (meter, days) in Meters)
        {
            if (meter.StartsWith("MAC", StringComparison.Ordinal)) CasesWithWeather.AddRange(Cases.Where(c => c.Meter == meter));
            else Evaluate(meter, days, UkBankHolidays.EnglandAndWales, CasesWithWeather, weather.ForOrigin);
        }
        WeatherSummary = $"{CasesWithWeather.Count(c => c.Dataset == "Cambridge")} forecasts with temperatures in {sw.ElapsedMilliseconds} ms";
    }

    /// <summary>The committed Bedford temperatures (Portal.Tests/Domain/Usage/Weather), found above the test's bin folder; null when absent.</summary>
    public string? WeatherFile { get; }
    public string WeatherSummary { get; } = "";
    /// <summary>
    /// The forecaster with the calendar and, for the Cambridge buildings (business accounts), daily temperatures: observed
    /// up to the origin, the 10-year normal after it. London households' cases are those of <see cref="Cases"/>.
    /// </summary>
    public List<Case> CasesWithWeather { get; } = new();

    private static string? FindWeatherFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Portal.Tests", "Domain", "Usage", "Weather", "bedford_daily_mean_temperature.csv");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Observed daily means, and what production could know at an origin: those up to it, the normal after it — the
    /// product's own <see cref="RegionClimate"/> (Portal.Domain/Weather), so the evaluation scores the code the refresh runs.
    /// </summary>
    public sealed class TemperatureHistory
    {
        private readonly RegionClimate _climate;

        public TemperatureHistory(string file) =>
            _climate = new RegionClimate(File.ReadLines(file).Skip(1).Select(l => l.Split(','))
                .Select(p => new DailyTemperature(DateOnly.ParseExact(p[0], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))));

        /// <summary>The normal for a day: the mean of the observed days within ± 15 days of its date in each of the 10 years before.</summary>
        public double? Normal(DateOnly day) => _climate.Normal(day);

        /// <summary>Observed up to the origin, normals to the end of the month after the origin's (the next cycle's end).</summary>
        public IReadOnlyList<DailyTemperature> ForOrigin(DateOnly origin) =>
            _climate.ForForecast(origin, new DateOnly(origin.Year, origin.Month, 1).AddMonths(2).AddDays(-1));
    }

    public string? Folder { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<DailyKwh>> Meters { get; } = new Dictionary<string, IReadOnlyList<DailyKwh>>();
    /// <summary>The forecaster given the bank holidays of England and Wales (<see cref="UkBankHolidays"/>), as production gives it its country's calendar.</summary>
    public List<Case> Cases { get; } = new();
    /// <summary>The same cases forecast without a calendar (the second round's forecaster), for comparison.</summary>
    public List<Case> CasesWithoutCalendar { get; } = new();
    public int RejectedRows { get; }
    public string LoadSummary { get; } = "";
    public string EvaluateSummary { get; } = "";

    public sealed record Case(string Meter, string Dataset, bool HeldOut, DateOnly Month, int DaysElapsed, double Actual, double Forecast, double Low, double High,
        double RunRate, double LastWeek, double? LastYear)
    {
        public double Ape => ApeOf(Forecast);
        public double ApeOf(double forecast) => Math.Abs(forecast - Actual) / Actual;
        public double LastYearOrRunRate => LastYear ?? RunRate;
        public bool Covered => Actual >= Low && Actual <= High;
    }

    /// <summary>Held-out meters: the 2nd, 4th, … meter of each dataset in meters.csv order.</summary>
    public IReadOnlySet<string> HeldOut { get; } = new HashSet<string>();

    public static HashSet<string> HeldOutMeters(IEnumerable<(string Meter, string Dataset)> metersInFileOrder)
    {
        var seen = new Dictionary<string, int>();
        var heldOut = new HashSet<string>();
        foreach (var (meter, dataset) in metersInFileOrder)
        {
            seen[dataset] = seen.GetValueOrDefault(dataset) + 1;
            if (seen[dataset] % 2 == 0) heldOut.Add(meter);
        }
        return heldOut;
    }

    private static string? FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "real-meters");
            if (File.Exists(Path.Combine(candidate, "meters.csv"))) return candidate;
        }
        return null;
    }

    private static Dictionary<string, IReadOnlyList<DailyKwh>> Load(string folder, out int rows, out int rejected)
    {
        var ids = File.ReadLines(Path.Combine(folder, "meters.csv")).Skip(1).Select(l => l[..l.IndexOf(',')]).ToArray();
        // The files are UTC; keep UTC dates (offset 0) so London days stay London days.
        var assembler = new ReadingImportAssembler(ids, new ImportOptions(new DateOnly(2013, 1, 1), new DateOnly(2019, 12, 31), LocalUtcOffset: TimeSpan.Zero));
        rows = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv").Where(f => !f.EndsWith("meters.csv", StringComparison.Ordinal)).Order())
        {
            var line = 0;
            foreach (var text in File.ReadLines(file))
            {
                if (++line == 1) continue;
                var s = text.AsSpan();
                var c1 = s.IndexOf(',');
                var c2 = c1 + 1 + s[(c1 + 1)..].IndexOf(',');
                assembler.Add(line, s[..c1], s[(c1 + 1)..c2], s[(c2 + 1)..]);
                rows++;
            }
        }
        var result = assembler.Build();
        rejected = result.Rejected.Count(r => r.Reason == ImportRejectReason.OutOfRange);
        if (rejected != result.Rejected.Count) throw new InvalidOperationException("unexpected rejections: " + string.Join(", ", result.Rejected.Take(5)));
        // A day missing a few intervals is scaled up; one missing more than 10 % is unknown.
        return result.Days
            .Where(d => d.Readings.MissingCount <= d.Readings.IntervalsPerDay / 10)
            .GroupBy(d => d.AccountNumber)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DailyKwh>)g.Select(d => new DailyKwh(d.Readings.Date,
                (double)d.Readings.TotalKwh * d.Readings.IntervalsPerDay / (d.Readings.IntervalsPerDay - d.Readings.MissingCount))).ToArray());
    }

    private void Evaluate(string meter, IReadOnlyList<DailyKwh> days, IReadOnlyCollection<CalendarDay>? calendar, List<Case> cases,
        Func<DateOnly, IReadOnlyList<DailyTemperature>>? temperatures = null)
    {
        var byDate = days.ToDictionary(d => d.Date, d => d.Kwh);
        var first = days.Min(d => d.Date);
        var last = days.Max(d => d.Date);
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            if (month.AddDays(-56) < first || end > last) continue;
            var monthDays = Enumerable.Range(0, end.Day).Select(i => month.AddDays(i)).ToArray();
            if (!monthDays.All(byDate.ContainsKey)) continue;
            var actual = monthDays.Sum(d => byDate[d]);
            if (actual < 0.5 * monthDays.Length) continue;
            foreach (var elapsed in new[] { 7, 14, 21 })
            {
                var origin = month.AddDays(elapsed - 1);
                var f = Forecaster.Forecast(new ForecastRequest(month, end, origin, days, Calendar: calendar, Temperatures: temperatures?.Invoke(origin)))!;
                var toDate = monthDays.Take(elapsed).Sum(d => byDate[d]);
                var left = monthDays.Skip(elapsed).ToArray();
                double? Day(DateOnly d) => byDate.TryGetValue(d, out var v) && d <= origin ? v : null;
                var recent = Enumerable.Range(0, 28).Select(k => Day(origin.AddDays(-k))).OfType<double>().DefaultIfEmpty(0).Average();
                var runRate = toDate + recent * left.Length;
                var lastWeek = toDate + left.Sum(d =>
                {
                    var back = d.AddDays(-7 * ((d.DayNumber - origin.DayNumber + 6) / 7));
                    return Enumerable.Range(0, 4).Select(j => Day(back.AddDays(-7 * j))).FirstOrDefault(v => v is not null) ?? recent;
                });
                double? lastYear = null;
                var lySame = left.Select(d => Day(d.AddDays(-364))).ToArray();
                var pairs = Enumerable.Range(0, 28).Select(k => origin.AddDays(-k)).Select(d => (Now: Day(d), Then: Day(d.AddDays(-364)))).Where(p => p.Now is not null && p.Then is not null).ToArray();
                if (lySame.All(v => v is not null) && pairs.Length >= 21 && pairs.Sum(p => p.Then!.Value) > 0)
                    lastYear = toDate + lySame.Sum(v => v!.Value) * pairs.Sum(p => p.Now!.Value) / pairs.Sum(p => p.Then!.Value);
                cases.Add(new Case(meter, meter.StartsWith("MAC", StringComparison.Ordinal) ? "London" : "Cambridge", HeldOut.Contains(meter),
                    month, elapsed, actual, f.Cycle.Kwh, f.Cycle.Low, f.Cycle.High, runRate, lastWeek, lastYear));
            }
        }
    }

    /// <summary>One row per horizon: MAPE of the forecaster and of each baseline, the best baseline, the gain over it and the band's coverage.</summary>
    public sealed record HorizonRow(int DaysElapsed, int Cases, double Forecaster, double RunRate, double LastWeek, double LastYearOrRunRate, double Coverage)
    {
        public double BestBaseline => Math.Min(RunRate, Math.Min(LastWeek, LastYearOrRunRate));
        public double Gain => 1 - Forecaster / BestBaseline;
    }

    public IReadOnlyList<HorizonRow> Table(bool heldOut, string? dataset = null) => Table(Cases, heldOut, dataset);

    public static IReadOnlyList<HorizonRow> Table(IEnumerable<Case> cases, bool heldOut, string? dataset = null) =>
        cases.Where(c => c.HeldOut == heldOut && (dataset is null || c.Dataset == dataset)).GroupBy(c => c.DaysElapsed).OrderBy(g => g.Key)
            .Select(g => new HorizonRow(g.Key, g.Count(), g.Average(c => c.Ape), g.Average(c => c.ApeOf(c.RunRate)), g.Average(c => c.ApeOf(c.LastWeek)),
                g.Average(c => c.ApeOf(c.LastYearOrRunRate)), g.Count(c => c.Covered) / (double)g.Count()))
            .ToArray();
}

public class ForecastEvaluationTests(RealMeterEvaluation eval, ITestOutputHelper output) : IClassFixture<RealMeterEvaluation>
{
    private bool DataAbsent()
    {
        if (eval.Folder is not null) return false;
        // xunit 2 has no runtime skip; say so loudly and pass, as the brief allows only for an absent folder.
        output.WriteLine("SKIPPED: shared/data/real-meters not found above " + AppContext.BaseDirectory + " — forecast evaluation not run.");
        return true;
    }

    /// <summary>
    /// Held-out floor the forecaster meets: at least this much lower MAPE (relative) than the best naive baseline at every
    /// horizon. With the bank-holiday calendar it scores 5.9 / 8.1 / 10.3 % (docs/adr/0006-forecasting.md, third round);
    /// without it 4.2 / 5.9 / 7.4 %, which would fail. The issue's goal is 10 % at every horizon, met after 21 days only.
    /// </summary>
    private const double HeldOutGainFloor = 0.058;

    /// <summary>
    /// The same floor for the forecaster given temperatures for business accounts (the Cambridge buildings; households get
    /// none): 7.4 / 10.2 / 11.1 % on the held-out meters (docs/adr/0006-forecasting.md, fourth round). The product passes
    /// no temperatures yet (no weather data path), so the figure above is still the product's.
    /// </summary>
    private const double WeatherHeldOutGainFloor = 0.072;

    private void Print(string title, IReadOnlyList<RealMeterEvaluation.HorizonRow> rows)
    {
        output.WriteLine(title);
        output.WriteLine("after | cases | forecaster | 28-day run rate | same weekday last week | last year (else run rate) | best baseline | gain vs best | 80% band coverage");
        foreach (var r in rows)
            output.WriteLine($"{r.DaysElapsed,2} d  | {r.Cases,5} | {r.Forecaster,9:P2} | {r.RunRate,9:P2} | {r.LastWeek,9:P2} | {r.LastYearOrRunRate,9:P2} | {r.BestBaseline,9:P2} | {r.Gain,7:P1} | {r.Coverage,6:P1}");
    }

    [Fact]
    public void Forecast_beats_the_best_naive_forecast_at_every_horizon_on_held_out_real_meters()
    {
        if (DataAbsent()) return;
        output.WriteLine(eval.LoadSummary);
        output.WriteLine(eval.EvaluateSummary);
        output.WriteLine($"split: {eval.Meters.Count - eval.HeldOut.Count} tuning meters, {eval.HeldOut.Count} held-out meters (alternate meters per dataset in meters.csv order)");
        Print("TUNING meters (constants were chosen here), forecaster with the bank-holiday calendar", eval.Table(heldOut: false));
        Print("HELD-OUT meters, forecaster with the bank-holiday calendar", eval.Table(heldOut: true));
        Print("TUNING meters, forecaster without a calendar (second round)", RealMeterEvaluation.Table(eval.CasesWithoutCalendar, heldOut: false));
        Print("HELD-OUT meters, forecaster without a calendar (second round)", RealMeterEvaluation.Table(eval.CasesWithoutCalendar, heldOut: true));
        foreach (var dataset in new[] { "London", "Cambridge" })
            Print($"held-out, {dataset} only", eval.Table(heldOut: true, dataset));
        if (eval.WeatherFile is not null)
        {
            output.WriteLine(eval.WeatherSummary);
            foreach (var heldOut in new[] { false, true })
            {
                var label = heldOut ? "HELD-OUT" : "TUNING";
                Print($"{label} meters, forecaster with the calendar and, for business accounts (Cambridge), temperatures (observed up to the origin, 10-year normals after)",
                    RealMeterEvaluation.Table(eval.CasesWithWeather, heldOut));
                Print($"{label}, Cambridge only, with temperatures", RealMeterEvaluation.Table(eval.CasesWithWeather, heldOut, "Cambridge"));
                var cases = eval.CasesWithWeather.Where(c => c.HeldOut == heldOut).ToList();
                output.WriteLine($"{label} with temperatures: gains {string.Join(" / ", RealMeterEvaluation.Table(eval.CasesWithWeather, heldOut).Select(r => r.Gain.ToString("P2")))}, " +
                    $"80% band coverage {cases.Count(c => c.Covered) / (double)cases.Count:P1} over {cases.Count}");
            }
            Assert.Equal(eval.Cases.Count, eval.CasesWithWeather.Count);
            foreach (var r in RealMeterEvaluation.Table(eval.CasesWithWeather, heldOut: true))
                Assert.True(r.Gain >= WeatherHeldOutGainFloor, $"with temperatures, after {r.DaysElapsed} days: forecaster {r.Forecaster:P2} vs best baseline {r.BestBaseline:P2} ({r.Gain:P1})");
        }
        else output.WriteLine("weather figures not printed: Portal.Tests/Domain/Usage/Weather/bedford_daily_mean_temperature.csv not found");
        var held = eval.Table(heldOut: true);
        output.WriteLine(held.All(r => r.Gain >= 0.10)
            ? "goal met: ≥ 10 % lower MAPE than the best baseline at every horizon on held-out meters"
            : $"goal NOT met (≥ 10 % lower MAPE than the best baseline at every horizon): held-out gains {string.Join(", ", held.Select(r => r.Gain.ToString("P1")))}");
        output.WriteLine(RealMeterEvaluation.Attribution);

        Assert.True(eval.Cases.Count > 3000, $"only {eval.Cases.Count} cases: the data did not load as expected");
        Assert.Equal(eval.Cases.Count, eval.CasesWithoutCalendar.Count);
        Assert.Equal(45, eval.HeldOut.Count);
        Assert.Equal(3, held.Count);
        foreach (var r in held)
            Assert.True(r.Gain >= HeldOutGainFloor, $"after {r.DaysElapsed} days: forecaster {r.Forecaster:P2} vs best baseline {r.BestBaseline:P2} ({r.Gain:P1})");
    }

    [Fact]
    public void Eighty_percent_band_covers_78_to_82_percent_of_held_out_months()
    {
        if (DataAbsent()) return;
        var held = eval.Cases.Where(c => c.HeldOut).ToList();
        var coverage = held.Count(c => c.Covered) / (double)held.Count;
        var tuning = eval.Cases.Where(c => !c.HeldOut).ToList();
        output.WriteLine($"80% band coverage: held-out {coverage:P1} over {held.Count} forecasts; tuning {tuning.Count(c => c.Covered) / (double)tuning.Count:P1} over {tuning.Count}");
        Assert.InRange(coverage, 0.78, 0.82);
    }

    [Fact]
    public void Every_real_meter_gets_a_finite_forecast_every_tenth_day_including_dead_and_zero_heavy_meters()
    {
        if (DataAbsent()) return;
        var origins = 0;
        foreach (var (meter, days) in eval.Meters)
            for (var k = 60; k < days.Count; k += 10)
            {
                var origin = days[k].Date;
                var cycle = new DateOnly(origin.Year, origin.Month, 1);
                var f = Forecaster.Forecast(new ForecastRequest(cycle, cycle.AddMonths(1).AddDays(-1), origin, days, Calendar: UkBankHolidays.EnglandAndWales));
                origins++;
                if (f is null) continue;
                Assert.True(double.IsFinite(f.Cycle.Low) && double.IsFinite(f.Cycle.High) && double.IsFinite(f.NextCycle.Low) && double.IsFinite(f.NextCycle.High),
                    $"{meter} at {origin}: {f}");
                Assert.True(f.Cycle.Low <= f.Cycle.Kwh && f.Cycle.Kwh <= f.Cycle.High && f.NextCycle.Low <= f.NextCycle.Kwh && f.NextCycle.Kwh <= f.NextCycle.High, $"{meter} at {origin}: {f}");
            }
        Assert.True(origins > 3000, $"only {origins} origins");
    }

    [Fact]
    public void The_split_alternates_meters_within_each_dataset_in_file_order() =>
        Assert.Equal(["b", "d", "y"], RealMeterEvaluation.HeldOutMeters([("a", "x"), ("b", "x"), ("c", "x"), ("d", "x"), ("z", "y"), ("y", "y")]).Order());

    [Fact]
    public void Real_files_import_with_the_documented_quirks()
    {
        if (DataAbsent()) return;
        Assert.Equal(90, eval.Meters.Count);
        // The one rejected row is UCam_b91's 10,351 kWh spike, above the default plausible maximum of 10,000 kWh per interval.
        Assert.Equal(1, eval.RejectedRows);
        // MAC000037 is a dead meter: near-zero usage all year.
        Assert.True(eval.Meters["MAC000037"].Average(d => d.Kwh) < 0.5);
        Assert.Equal(365, eval.Meters["MAC000002"].Count);
    }
}
