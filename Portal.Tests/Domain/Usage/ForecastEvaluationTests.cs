using System.Diagnostics;
using Portal.Domain.Usage;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Tests.Domain.Usage;

/// <summary>
/// Loads the real meter files once (through <see cref="ReadingImportAssembler"/>, so it is also a real-file import
/// check) and backtests the forecaster on held-out months.
/// <para>
/// Protocol: for every meter and every calendar month whose days are all known and which has at least 56 days of
/// history before it, forecast the month's total after 7, 14 and 21 days have elapsed, using only data up to that
/// day. Dead meters (under 0.5 kWh a day in the month) are left out because a percentage error is meaningless there.
/// </para>
/// <para>
/// Baseline (a seasonal-naive run rate, the "previous 4 weeks" option): actual so far + the mean daily kWh of the
/// 28 days up to the origin × the days left. London has one year only, so last year's same month is not available
/// there; Cambridge (2018–2019) lets the forecaster use last year's seasonal change for 2019.
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
        Meters = Load(Folder, out var rows, out var rejected);
        RejectedRows = rejected;
        LoadSummary = $"loaded {rows:N0} rows ({rejected} rejected) from {Meters.Count} meters in {sw.ElapsedMilliseconds} ms";
        sw.Restart();
        foreach (var (meter, days) in Meters) Evaluate(meter, days);
        EvaluateSummary = $"{Cases.Count} forecasts in {sw.ElapsedMilliseconds} ms";
    }

    public string? Folder { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<DailyKwh>> Meters { get; } = new Dictionary<string, IReadOnlyList<DailyKwh>>();
    public List<Case> Cases { get; } = new();
    public int RejectedRows { get; }
    public string LoadSummary { get; } = "";
    public string EvaluateSummary { get; } = "";

    public sealed record Case(string Meter, string Dataset, DateOnly Month, int DaysElapsed, double Actual, double Forecast, double Low, double High, double Baseline)
    {
        public double Ape => Math.Abs(Forecast - Actual) / Actual;
        public double BaselineApe => Math.Abs(Baseline - Actual) / Actual;
        public bool Covered => Actual >= Low && Actual <= High;
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

    private void Evaluate(string meter, IReadOnlyList<DailyKwh> days)
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
                var f = Forecaster.Forecast(new ForecastRequest(month, end, origin, days))!;
                var toDate = monthDays.Take(elapsed).Sum(d => byDate[d]);
                var recent = Enumerable.Range(0, 28).Select(k => origin.AddDays(-k)).Where(byDate.ContainsKey).Select(d => byDate[d]).DefaultIfEmpty(0).Average();
                var baseline = toDate + recent * (end.Day - elapsed);
                Cases.Add(new Case(meter, meter.StartsWith("MAC", StringComparison.Ordinal) ? "London" : "Cambridge",
                    month, elapsed, actual, f.Cycle.Kwh, f.Cycle.Low, f.Cycle.High, baseline));
            }
        }
    }
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

    [Fact]
    public void Forecast_beats_the_four_week_run_rate_baseline_on_held_out_months_of_real_meters()
    {
        if (DataAbsent()) return;
        output.WriteLine(eval.LoadSummary);
        output.WriteLine(eval.EvaluateSummary);
        foreach (var group in eval.Cases.GroupBy(c => c.Dataset).Append(eval.Cases.GroupBy(_ => "All").Single()))
            output.WriteLine($"{group.Key,-9} cases {group.Count(),5}  MAPE forecaster {group.Average(c => c.Ape):P2}  baseline (4-week run rate) {group.Average(c => c.BaselineApe):P2}  80% band coverage {group.Count(c => c.Covered) / (double)group.Count():P1}");
        foreach (var group in eval.Cases.GroupBy(c => c.DaysElapsed))
            output.WriteLine($"after {group.Key,2} days: MAPE forecaster {group.Average(c => c.Ape):P2}  baseline {group.Average(c => c.BaselineApe):P2}");
        output.WriteLine(RealMeterEvaluation.Attribution);

        Assert.True(eval.Cases.Count > 1000, $"only {eval.Cases.Count} cases: the data did not load as expected");
        Assert.True(eval.Cases.Average(c => c.Ape) < eval.Cases.Average(c => c.BaselineApe));
        foreach (var group in eval.Cases.GroupBy(c => c.Dataset))
            Assert.True(group.Average(c => c.Ape) < group.Average(c => c.BaselineApe), $"{group.Key}: forecaster does not beat the baseline");
    }

    [Fact]
    public void Eighty_percent_band_covers_roughly_eighty_percent_of_held_out_months()
    {
        if (DataAbsent()) return;
        var coverage = eval.Cases.Count(c => c.Covered) / (double)eval.Cases.Count;
        output.WriteLine($"80% band coverage {coverage:P1} over {eval.Cases.Count} forecasts");
        Assert.InRange(coverage, 0.65, 0.95);
    }

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
