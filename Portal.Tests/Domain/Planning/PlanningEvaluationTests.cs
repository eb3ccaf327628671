using System.Globalization;
using Portal.Domain.Accounts;
using Portal.Domain.Planning;
using Portal.Domain.Usage;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Tests.Domain.Planning;

/// <summary>
/// The planners' aggregate forecast backtested on the shared real meters (docs/adr/0006-forecasting.md, planners' section).
/// <para>Pseudo-regions (fixed rule): meters in <c>meters.csv</c> order, counted per dataset from 1; meter k is in region
/// "dataset-((k − 1) mod 3)". The tuning / held-out split is the per-account evaluation's (even k held out), so each region
/// holds both. Each dataset is its own county (London 2013 and Cambridge 2018–19 share no calendar). Level: the band of the
/// meter's first three months × 4 (no later data); customer type: residential for London, business for Cambridge.</para>
/// <para>Protocol: for every origin month t with three months behind it, the cells are cut after t and
/// <see cref="DemandForecaster.Forecast"/> runs on them as the nightly job would; its county and region forecasts of month
/// t+1 and of months t+1…t+3 are scored against the actual sums, the baselines are computed on the node's own series, and
/// the 80 % band's coverage is counted. A month counts when at least 90 % of a meter's intervals are present (the rest
/// scaled up), else the meter's month is 0 kWh, as a missing roll-up would be. Coincident peak: the node's average weekday
/// kW in the county's peak hour of the target month, against the forecast's next-month peak; at three months, in the
/// target month whose county coincident kW is highest, against the three-month peak; the peak band's coverage likewise.</para>
/// </summary>
public sealed class PlanningRealMeterEvaluation
{
    public sealed record Meter(string Id, string Dataset, int Index, bool HeldOut, string Region, int Level, CustomerType Type, int Months, double[] Kwh, double[] WeekdayKw);

    public sealed record Case(string Dataset, bool HeldOut, string Node, int Horizon, int Origin, double Actual, double Model, double Low, double High,
        double LastMonth, double? SameMonthLastYear, double? ThreeMonthMean, double? PeakActual, double? PeakForecast, double? PeakLow, double? PeakHigh);

    public PlanningRealMeterEvaluation()
    {
        Folder = FindFolder();
        if (Folder is null) return;
        Meters = Load(Folder);
        foreach (var dataset in Meters.Select(m => m.Dataset).Distinct())
            foreach (var heldOut in new[] { false, true })
                Evaluate(Meters.Where(m => m.Dataset == dataset && m.HeldOut == heldOut).ToList(), heldOut);
    }

    public string? Folder { get; }
    public List<Meter> Meters { get; } = [];
    public List<Case> Cases { get; } = [];

    private static string? FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "real-meters");
            if (File.Exists(Path.Combine(candidate, "meters.csv"))) return candidate;
        }
        return null;
    }

    private static List<Meter> Load(string folder)
    {
        var info = File.ReadLines(Path.Combine(folder, "meters.csv")).Skip(1).Select(l => l.Split(','))
            .Select(p => (Id: p[0], Dataset: p[1], Minutes: int.Parse(p[3], CultureInfo.InvariantCulture), First: DateTime.Parse(p[5], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)))
            .ToList();
        var start = info.GroupBy(i => i.Dataset).ToDictionary(g => g.Key, g => g.Min(i => new DateOnly(i.First.Year, i.First.Month, 1)));
        var seen = new Dictionary<string, int>();
        var meters = new Dictionary<string, (string Dataset, int Index, int Minutes, DateOnly Start, double[] Kwh, int[] Count, double[] KwSum, int[] KwCount)>();
        foreach (var i in info)
        {
            seen[i.Dataset] = seen.GetValueOrDefault(i.Dataset) + 1;
            const int months = 24;
            meters[i.Id] = (i.Dataset, seen[i.Dataset], i.Minutes, start[i.Dataset], new double[months], new int[months], new double[months * 24], new int[months * 24]);
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv").Where(f => !f.EndsWith("meters.csv", StringComparison.Ordinal)).Order())
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var p = line.Split(',');
                if (!meters.TryGetValue(p[0], out var m)) continue;
                var t = DateTime.Parse(p[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                var month = (t.Year - m.Start.Year) * 12 + t.Month - m.Start.Month;
                if (month is < 0 or >= 24) continue;
                var kwh = double.Parse(p[2], CultureInfo.InvariantCulture);
                m.Kwh[month] += kwh;
                m.Count[month]++;
                if (t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    m.KwSum[month * 24 + t.Hour] += kwh * 60 / m.Minutes;
                    m.KwCount[month * 24 + t.Hour]++;
                }
            }
        }
        var result = new List<Meter>();
        foreach (var (id, m) in meters)
        {
            var months = Enumerable.Range(0, 24).Count(k => m.Count[k] > 0) > 12 ? 24 : 12;
            var kwh = new double[months];
            var kw = new double[months * 24];
            for (var k = 0; k < months; k++)
            {
                var expected = DateTime.DaysInMonth(m.Start.AddMonths(k).Year, m.Start.AddMonths(k).Month) * 1440 / m.Minutes;
                if (m.Count[k] < 0.9 * expected) continue;
                kwh[k] = m.Kwh[k] * expected / m.Count[k];
                for (var h = 0; h < 24; h++) kw[k * 24 + h] = m.KwCount[k * 24 + h] == 0 ? 0 : m.KwSum[k * 24 + h] / m.KwCount[k * 24 + h];
            }
            var business = m.Dataset.StartsWith("cambridge", StringComparison.Ordinal);
            var level = ConsumptionBand.Of(business, (decimal)(kwh.Take(3).Sum() * 4));
            result.Add(new Meter(id, m.Dataset, m.Index, m.Index % 2 == 0, $"{m.Dataset}-{(m.Index - 1) % 3}", level,
                business ? CustomerType.Business : CustomerType.Residential, months, kwh, kw));
        }
        return result.OrderBy(m => m.Dataset).ThenBy(m => m.Index).ToList();
    }

    private void Evaluate(List<Meter> meters, bool heldOut)
    {
        var months = meters[0].Months;
        var dataset = meters[0].Dataset;
        for (var t = DemandForecaster.RatioMonths - 1; t + 1 < months; t++)
        {
            var cells = new Dictionary<PlanningNode, CellHistory>();
            foreach (var m in meters)
            {
                var node = new PlanningNode(m.Region, m.Level, m.Type);
                if (!cells.TryGetValue(node, out var cell)) cells[node] = cell = new CellHistory(node, t + 1);
                cell.AddAccount(null, 0);
                for (var k = 0; k <= t; k++) cell.AddMonth(k, m.Kwh[k], m.WeekdayKw.AsSpan(k * 24, 24));
            }
            var result = DemandForecaster.Forecast(cells.Values, new DateOnly(2000, 1, 1));
            // The county's peak hour in each target month, from the actual profiles; the three-month peak is in the target month
            // whose county coincident kW is highest.
            double CountyKw(int month, int hour) => meters.Sum(m => m.WeekdayKw[month * 24 + hour]);
            var peakHour = Enumerable.Range(t + 1, Math.Min(3, months - t - 1)).ToDictionary(k => k, k => Enumerable.Range(0, 24).MaxBy(h => CountyKw(k, h)));
            var peakMonth3 = peakHour.Keys.MaxBy(k => CountyKw(k, peakHour[k]));
            foreach (var n in result.Nodes.Where(n => n.Node.Depth <= 1))
            {
                var members = meters.Where(m => n.Node.Region is null || m.Region == n.Node.Region).ToList();
                var series = Enumerable.Range(0, months).Select(k => members.Sum(m => m.Kwh[k])).ToArray();
                var name = n.Node.Region ?? dataset;
                foreach (var horizon in new[] { 1, 3 })
                {
                    if (t + horizon >= months) continue;
                    var actual = Enumerable.Range(t + 1, horizon).Sum(k => series[k]);
                    if (actual <= 0) continue;
                    var f = horizon == 1 ? n.Next1Kwh : n.Next3Kwh;
                    var peakIn = horizon == 1 ? t + 1 : peakMonth3;
                    var peakActual = members.Sum(m => m.WeekdayKw[peakIn * 24 + peakHour[peakIn]]);
                    var peak = horizon == 1 ? n.Next1PeakKw : n.Next3PeakKw;
                    Cases.Add(new Case(dataset, heldOut, name, horizon, t, actual, f.Value, f.Low, f.High,
                        DemandForecaster.Sum(series, t, horizon, PlanningMethod.LastMonth)!.Value,
                        DemandForecaster.Sum(series, t, horizon, PlanningMethod.SameMonthLastYear),
                        DemandForecaster.Sum(series, t, horizon, PlanningMethod.ThreeMonthMean),
                        peakActual, peak.Value, peak.Low, peak.High));
                }
            }
        }
    }

    public sealed record Row(string Dataset, string Level, int Horizon, int Cases, double Model, double LastMonth, double? SameMonthLastYear, double ThreeMonthMean, double Coverage, double? PeakMape, double? PeakCoverage)
    {
        public double BestBaseline => Math.Min(LastMonth, Math.Min(ThreeMonthMean, SameMonthLastYear ?? double.PositiveInfinity));
        public double Gain => 1 - Model / BestBaseline;
    }

    /// <summary>One row per dataset × level (county / regions pooled) × horizon.</summary>
    public IReadOnlyList<Row> Table(bool heldOut) =>
        Cases.Where(c => c.HeldOut == heldOut)
            .GroupBy(c => (c.Dataset, Level: c.Node == c.Dataset ? "county" : "regions", c.Horizon))
            .OrderBy(g => g.Key.Dataset).ThenBy(g => g.Key.Level).ThenBy(g => g.Key.Horizon)
            .Select(g =>
            {
                var smly = g.Where(c => c.SameMonthLastYear is not null).ToList();
                var peaks = g.Where(c => c.PeakActual is > 0 && c.PeakForecast is not null).ToList();
                // Baselines are compared on the cases where all of them exist, except "same month last year", shown where it does.
                return new Row(g.Key.Dataset, g.Key.Level, g.Key.Horizon, g.Count(), g.Average(c => Ape(c.Model, c.Actual)), g.Average(c => Ape(c.LastMonth, c.Actual)),
                    smly.Count == 0 ? null : smly.Average(c => Ape(c.SameMonthLastYear!.Value, c.Actual)),
                    g.Average(c => Ape(c.ThreeMonthMean!.Value, c.Actual)), g.Count(c => c.Actual >= c.Low && c.Actual <= c.High) / (double)g.Count(),
                    peaks.Count == 0 ? null : peaks.Average(c => Ape(c.PeakForecast!.Value, c.PeakActual!.Value)),
                    peaks.Count == 0 ? null : peaks.Count(c => c.PeakActual >= c.PeakLow && c.PeakActual <= c.PeakHigh) / (double)peaks.Count);
            }).ToList();

    private static double Ape(double forecast, double actual) => Math.Abs(forecast - actual) / actual;
}

public class PlanningEvaluationTests(PlanningRealMeterEvaluation eval, ITestOutputHelper output) : IClassFixture<PlanningRealMeterEvaluation>
{
    private void Print(string title, IReadOnlyList<PlanningRealMeterEvaluation.Row> rows)
    {
        output.WriteLine(title);
        output.WriteLine("dataset | level | months ahead | cases | model | last month | same month last year | 3-month mean | best baseline | gain vs best | 80% band coverage | peak kW MAPE | peak band coverage");
        foreach (var r in rows)
            output.WriteLine($"{r.Dataset} | {r.Level} | {r.Horizon} | {r.Cases} | {r.Model:P2} | {r.LastMonth:P2} | {(r.SameMonthLastYear is { } s ? s.ToString("P2") : "—")} | {r.ThreeMonthMean:P2} | {r.BestBaseline:P2} | {r.Gain:P1} | {r.Coverage:P1} | {(r.PeakMape is { } p ? p.ToString("P2") : "—")} | {(r.PeakCoverage is { } pc ? pc.ToString("P1") : "—")}");
    }

    [Fact]
    public void The_aggregate_forecast_is_backtested_on_pseudo_regions_of_the_real_meters_and_both_tables_are_printed()
    {
        if (eval.Folder is null)
        {
            output.WriteLine("SKIPPED: shared/data/real-meters not found above " + AppContext.BaseDirectory + " — planning evaluation not run.");
            return;
        }
        output.WriteLine($"{eval.Meters.Count} meters; pseudo-regions: {string.Join(", ", eval.Meters.GroupBy(m => m.Region).Select(g => $"{g.Key} ({g.Count()})"))}");
        Print("TUNING meters", eval.Table(heldOut: false));
        Print("HELD-OUT meters", eval.Table(heldOut: true));
        output.WriteLine(Portal.Tests.Domain.Usage.RealMeterEvaluation.Attribution);

        Assert.Equal(90, eval.Meters.Count);
        Assert.Equal(6, eval.Meters.Select(m => m.Region).Distinct().Count());
        Assert.All(eval.Meters.GroupBy(m => m.Region), g => Assert.Contains(g, m => m.HeldOut));
        var held = eval.Table(heldOut: true);
        Assert.Equal(8, held.Count);   // two datasets × county/regions × two horizons
        Assert.All(held, r => Assert.True(double.IsFinite(r.Model) && r.Cases > 0));
        foreach (var r in held.Where(r => r.SameMonthLastYear is not null && r.Dataset.StartsWith("cambridge", StringComparison.Ordinal)))
            output.WriteLine($"{r.Dataset} {r.Level} h={r.Horizon}: model {r.Model:P2} vs best {r.BestBaseline:P2}");

        // Guards for the second round (session 12). Coverage of the 80 % band: within 2.5 binomial standard deviations of
        // 80 % for the row's case count (London county, 9 cases: ± 33 points; Cambridge regions, 63: ± 13), on both tables.
        // The first round's London 33 % / 48 % would fail this.
        foreach (var r in eval.Table(heldOut: false).Concat(held))
        {
            var allowed = 2.5 * Math.Sqrt(0.8 * 0.2 / r.Cases);
            Assert.True(Math.Abs(r.Coverage - 0.8) <= allowed, $"{r.Dataset} {r.Level} h={r.Horizon}: coverage {r.Coverage:P1} outside 80 % ± {allowed:P1}");
            // The coincident-peak band (session 12, peakband) under the same rule. With the kWh band's ratios alone the
            // held-out London county one-month peak was covered 44.4 % of 9 cases, outside 80 % ± 33.3 points.
            Assert.True(r.PeakCoverage is { } pc && Math.Abs(pc - 0.8) <= allowed, $"{r.Dataset} {r.Level} h={r.Horizon}: peak coverage {r.PeakCoverage:P1} outside 80 % ± {allowed:P1}");
        }
        // The point: where a year exists (Cambridge) the model beats the best naive forecast on the held-out meters; without
        // one (London) it is last month. MAPE may not regress beyond the recorded figures + 0.25 points.
        var recorded = new Dictionary<(string, string, int), double>
        {
            [("cambridge_estates", "county", 1)] = 0.0521,
            [("cambridge_estates", "county", 3)] = 0.0414,
            [("cambridge_estates", "regions", 1)] = 0.0516,
            [("cambridge_estates", "regions", 3)] = 0.0444,
            [("lcl_london_2013", "county", 1)] = 0.1020,
            [("lcl_london_2013", "county", 3)] = 0.1743,
            [("lcl_london_2013", "regions", 1)] = 0.1066,
            [("lcl_london_2013", "regions", 3)] = 0.1751,
        };
        foreach (var r in held)
        {
            Assert.True(r.Model <= recorded[(r.Dataset, r.Level, r.Horizon)] + 0.0025, $"{r.Dataset} {r.Level} h={r.Horizon}: MAPE {r.Model:P2} regressed");
            if (r.Dataset.StartsWith("cambridge", StringComparison.Ordinal))
                Assert.True(r.Model < r.BestBaseline, $"{r.Dataset} {r.Level} h={r.Horizon}: model {r.Model:P2} loses to {r.BestBaseline:P2}");
            else
                Assert.Equal(r.LastMonth, r.Model, 9);
        }
    }
}
