using Portal.Domain.Accounts;
using Portal.Domain.Usage;

namespace Portal.Domain.Planning;

/// <summary>The forecasts compared in the planners' backtest. <see cref="Model"/> is what the page shows.</summary>
public enum PlanningMethod
{
    /// <summary>
    /// The mean of (same month last year × the year-on-year ratio of the last three months) and last month — last month
    /// alone until a year and a quarter of history exists; replaced by the three-month mean once that has beaten it over
    /// <see cref="DemandForecaster.MinWindows"/> or more of the series' own past windows.
    /// </summary>
    Model = 0,
    LastMonth = 1,
    SameMonthLastYear = 2,
    ThreeMonthMean = 3,
}

/// <summary>One node of the planners' hierarchy: the county (all null), a region, a region's consumption level, or a cell (region × level × customer type).</summary>
public readonly record struct PlanningNode(string? Region, int? Level, CustomerType? Type)
{
    public static readonly PlanningNode County = new(null, null, null);

    /// <summary>0 county, 1 region, 2 level, 3 cell.</summary>
    public int Depth => Region is null ? 0 : Level is null ? 1 : Type is null ? 2 : 3;

    /// <summary>Stable key: "" / "region" / "region|level" / "region|level|type".</summary>
    public string Key => Depth switch
    {
        0 => "",
        1 => Region!,
        2 => $"{Region}|{Level}",
        _ => $"{Region}|{Level}|{(int)Type!.Value}",
    };

    public PlanningNode Parent => Depth switch
    {
        3 => new(Region, Level, null),
        2 => new(Region, null, null),
        _ => County,
    };

    public bool Contains(PlanningNode cell) =>
        (Region is null || Region == cell.Region) && (Level is null || Level == cell.Level) && (Type is null || Type == cell.Type);
}

/// <summary>
/// What the refresh gathers per cell from its accounts' monthly roll-ups: monthly kWh and the cell's summed weekday
/// hourly profile (average kW per hour of the day) for each month, the accounts' load-shape archetypes. Kwh are
/// <c>double</c>: these are forecast inputs, not billed quantities.
/// </summary>
public sealed class CellHistory
{
    public const int Hours = 24;

    public CellHistory(PlanningNode cell, int months)
    {
        if (cell.Depth != 3) throw new Common.DomainException("Planning.NotACell", "A cell has a region, a level and a customer type.");
        Cell = cell;
        Kwh = new double[months];
        WeekdayKw = new double[months * Hours];
    }

    public PlanningNode Cell { get; }
    public double[] Kwh { get; }
    /// <summary>Month m's hour h at [m × 24 + h]: the sum of the accounts' average weekday kW in that hour.</summary>
    public double[] WeekdayKw { get; }
    public int Accounts { get; private set; }
    /// <summary>Accounts per <see cref="LoadArchetype"/> (index = archetype), and at the end those not classified.</summary>
    public int[] Archetypes { get; } = new int[SegmentMix.Slots];
    public double AnnualKwh { get; private set; }

    public void AddAccount(LoadArchetype? archetype, double annualKwh)
    {
        Accounts++;
        Archetypes[archetype is { } a ? (int)a : SegmentMix.Slots - 1]++;
        AnnualKwh += annualKwh;
    }

    public void AddMonth(int month, double kwh, ReadOnlySpan<double> weekdayKwByHour)
    {
        Kwh[month] += kwh;
        for (var h = 0; h < Math.Min(Hours, weekdayKwByHour.Length); h++) WeekdayKw[month * Hours + h] += weekdayKwByHour[h];
    }
}

/// <summary>Accounts per archetype as stored text: six archetype counts and the unclassified count, comma-separated.</summary>
public static class SegmentMix
{
    public const int Slots = 7;

    public static string Format(IReadOnlyList<int> counts) => string.Join(",", counts);

    public static int[] Parse(string? text)
    {
        var result = new int[Slots];
        if (string.IsNullOrEmpty(text)) return result;
        var parts = text.Split(',');
        for (var i = 0; i < Math.Min(Slots, parts.Length); i++)
            result[i] = int.TryParse(parts[i], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
        return result;
    }
}

/// <summary>A forecast with its 80 % band (10 % and 90 % quantiles).</summary>
public readonly record struct Banded(double Value, double Low, double High);

/// <summary>Where a node's 80 % band at one horizon comes from (docs/adr/0006-forecasting.md, planners' section).</summary>
public enum BandSource
{
    /// <summary>No backtest window at all: the fixed ±<see cref="DemandForecaster.FallbackSpread1"/> / ±<see cref="DemandForecaster.FallbackSpread3"/>.</summary>
    Fixed = 0,
    /// <summary>1 … <see cref="DemandForecaster.MinWindows"/> − 1 windows: the pooled errors of every node at the same depth, scaled by √accounts, widened by Student's t for the few windows.</summary>
    Pooled = 1,
    /// <summary>At least <see cref="DemandForecaster.MinWindows"/> windows: the 10 % and 90 % quantiles of the node's own ratios.</summary>
    OwnWindows = 2,
}

/// <summary>One node's stored figures. <see cref="BacktestWindows"/> is the smaller of the two horizons' window counts; <see cref="FromBacktest"/> says both bands come from the node's own windows.</summary>
public sealed record NodeForecast(
    PlanningNode Node,
    int Accounts,
    double AnnualKwh,
    int[] Archetypes,
    Banded Next1Kwh,
    Banded Next3Kwh,
    Banded Next1PeakKw,
    Banded Next3PeakKw,
    int BacktestWindows,
    bool FromBacktest,
    BandSource Band1Source,
    BandSource Band3Source);

/// <summary>Mean absolute percentage error of a method at a node and horizon (1 = next month, 3 = the next three months' sum) over the backtest windows.</summary>
public sealed record BacktestScore(PlanningNode Node, int Horizon, PlanningMethod Method, double Mape, int Windows);

public sealed record PlanningResult(
    DateOnly FirstTargetMonth,
    int SystemPeakHour,
    IReadOnlyList<NodeForecast> Nodes,
    IReadOnlyList<BacktestScore> Backtest);

/// <summary>
/// Demand for planners by region × consumption level × customer type (docs/adr/0006-forecasting.md, planners' section).
/// <para><b>Energy.</b> Each cell's monthly kWh series (the sum of its accounts') is forecast by the model: the mean of
/// (the same month last year × (last three months ÷ the same three months a year earlier)) and last month. With under 15
/// months of history, or any of the year-ago months at 0 (not known), it is last month's kWh (chosen on the tuning meters
/// over the three-month mean, which lags the season). Once the three-month mean has beaten that over at least
/// <see cref="MinWindows"/> of the cell's own past windows (each horizon), the three-month mean is used instead — a smooth
/// series shows it by itself. Regions, levels and the county are the sums of their cells' forecasts (bottom-up), so parts
/// add up to the total exactly.</para>
/// <para><b>Bands.</b> Quantiles are not summed. Every node is backtested as a whole: at each past origin its forecast is
/// the sum of its cells' forecasts from data up to that origin, compared with the node's actual sum. The node's 80 % band
/// is its forecast × the 10 % and 90 % quantiles of those actual ÷ forecast ratios (widened to hold 1). So a region's
/// band reflects how its cells' errors actually co-moved, whatever their correlation. With fewer than
/// <see cref="MinWindows"/> windows at a horizon, the band is pooled: σ = √(mean of accounts × ln²(ratio)) over every window
/// of every node at the same depth (an aggregate of N accounts errs ~1/√N as much), the node's half-width in log terms is
/// t(0.90, n) × σ ÷ √N with n its own window count (Student's t: few windows, wider band). With no window at all the band is
/// a fixed ±<see cref="FallbackSpread1"/> (one month) or ±<see cref="FallbackSpread3"/> (three months).</para>
/// <para><b>Coincident peak.</b> From the monthly roll-ups' weekday hourly profiles: the system peak hour of a month is
/// the hour of the day with the highest summed average weekday kW over all accounts; a cell's coincident demand is its
/// accounts' average weekday kW in that hour (an average weekday's load at the system's peak hour, not a single
/// interval's maximum). A target month's coincident kW = its kWh forecast × the cell's kW per kWh in the same month
/// last year (the last known month without a year). The three-month figure is each node's value in the target month
/// whose county coincident demand is highest, so it adds up as well. Its band is the wider, on each side, of the kWh band
/// and a band made by the same rule from the node's own peak backtest (actual coincident kW ÷ the peak forecast at each
/// past origin; the three-month actual is in the month whose county coincident kW was highest): the peak forecast is the
/// kWh forecast times a kW per kWh, so it errs at least as much as the kWh, and its own short record must not narrow that.</para>
/// </summary>
public static class DemandForecaster
{
    public const int SeasonLag = 12;
    public const int RatioMonths = 3;
    /// <summary>Months of history the model needs at an origin: the last quarter and the same quarter a year earlier.</summary>
    public const int ModelHistory = SeasonLag + RatioMonths;
    /// <summary>
    /// Windows a node needs before its own past errors decide anything: the smallest n whose 90 % order statistic
    /// ⌈(n + 1) × 0.9⌉ lies inside the sample (n = 9). Below it the band is pooled and the model is not replaced.
    /// </summary>
    public const int MinWindows = 9;
    public const double FallbackSpread1 = 0.15;
    public const double FallbackSpread3 = 0.20;

    /// <summary>
    /// The forecast of <paramref name="method"/> for month <c>origin + horizon</c> (1 ≤ horizon ≤ 12) from the months up to
    /// and including <paramref name="origin"/>; null when the method has no data for it.
    /// </summary>
    public static double? Point(ReadOnlySpan<double> kwh, int origin, int horizon, PlanningMethod method)
    {
        if (origin < 0 || origin >= kwh.Length || horizon is < 1 or > SeasonLag) return null;
        switch (method)
        {
            case PlanningMethod.LastMonth:
                return kwh[origin];
            case PlanningMethod.ThreeMonthMean:
                return origin >= RatioMonths - 1 ? (kwh[origin] + kwh[origin - 1] + kwh[origin - 2]) / 3 : null;
            case PlanningMethod.SameMonthLastYear:
                // 0 is an unknown month here (no account read then), not a forecast of nothing.
                var back = origin + horizon - SeasonLag;
                return back >= 0 && kwh[back] > 0 ? kwh[back] : null;
            default:
                return Model(kwh, origin, horizon);
        }
    }

    /// <summary>
    /// The model before the choice: the mean of the seasonal forecast (same month last year × the last quarter over the same
    /// quarter a year earlier) and last month; last month alone while the seasonal forecast has no known year.
    /// </summary>
    public static double Base(ReadOnlySpan<double> kwh, int origin, int horizon) =>
        Seasonal(kwh, origin, horizon) is { } seasonal ? (seasonal + kwh[origin]) / 2 : kwh[origin];

    /// <summary>
    /// <see cref="Base"/>, or the three-month mean once that has a lower total absolute percentage error over at least
    /// <see cref="MinWindows"/> of the series' own past windows at this horizon (targets up to <paramref name="origin"/>,
    /// so nothing later is used).
    /// </summary>
    private static double Model(ReadOnlySpan<double> kwh, int origin, int horizon)
    {
        var model = Base(kwh, origin, horizon);
        if (origin < RatioMonths - 1) return model;
        double errBase = 0, errMean = 0;
        var windows = 0;
        for (var s = RatioMonths - 1; s + horizon <= origin; s++)
        {
            var actual = kwh[s + horizon];
            if (actual <= 0) continue;
            errBase += Math.Abs(Base(kwh, s, horizon) - actual) / actual;
            errMean += Math.Abs(Mean3(kwh, s) - actual) / actual;
            windows++;
        }
        return windows >= MinWindows && errMean < errBase ? Mean3(kwh, origin) : model;
    }

    private static double Mean3(ReadOnlySpan<double> kwh, int origin) => (kwh[origin] + kwh[origin - 1] + kwh[origin - 2]) / 3;

    /// <summary>Same month last year × (last three months ÷ the same three a year earlier); null without a fully known year-ago quarter and month.</summary>
    private static double? Seasonal(ReadOnlySpan<double> kwh, int origin, int horizon)
    {
        if (origin < ModelHistory - 1) return null;
        // Every year-ago month must be known (> 0): a cell whose data starts inside that quarter would inflate the ratio.
        double now = 0, then = 0;
        var known = kwh[origin + horizon - SeasonLag] > 0;
        for (var k = 0; k < RatioMonths; k++)
        {
            now += kwh[origin - k];
            then += kwh[origin - k - SeasonLag];
            known &= kwh[origin - k - SeasonLag] > 0;
        }
        return known ? kwh[origin + horizon - SeasonLag] * now / then : null;
    }

    /// <summary>The sum of the method's forecasts for months origin+1 … origin+months; null when any is missing.</summary>
    public static double? Sum(ReadOnlySpan<double> kwh, int origin, int months, PlanningMethod method)
    {
        double s = 0;
        for (var h = 1; h <= months; h++)
        {
            if (Point(kwh, origin, h, method) is not { } v) return null;
            s += v;
        }
        return s;
    }

    /// <summary>
    /// Forecasts every node from the cells' histories (index 0 = <paramref name="firstMonth"/>, the last index = the last
    /// complete month). Cells with no accounts are left out; the county is always present.
    /// </summary>
    public static PlanningResult Forecast(IReadOnlyCollection<CellHistory> cells, DateOnly firstMonth)
    {
        var months = cells.Count == 0 ? 0 : cells.First().Kwh.Length;
        if (cells.Any(c => c.Kwh.Length != months)) throw new Common.DomainException("Planning.Months", "Every cell covers the same months.");
        var origin = months - 1;
        var firstWindow = origin >= ModelHistory - 1 ? ModelHistory - 1 : 0;
        var live = cells.Where(c => c.Accounts > 0).OrderBy(c => c.Cell.Key, StringComparer.Ordinal).ToArray();

        var nodes = new List<PlanningNode> { PlanningNode.County };
        foreach (var c in live)
            for (var n = c.Cell; n.Depth > 0; n = n.Parent)
                if (!nodes.Contains(n)) nodes.Add(n);
        nodes.Sort((a, b) => a.Depth != b.Depth ? a.Depth.CompareTo(b.Depth) : string.CompareOrdinal(a.Key, b.Key));

        // Per cell, per origin, the model's forecasts of months t+1, t+2, t+3 (the model always has a value), computed once;
        // the one-month forecast and the three-month sum come from them.
        var cellPoint = live.Select(c => Enumerable.Range(0, months).Select(t => Enumerable.Range(1, 3).Select(h => Point(c.Kwh, t, h, PlanningMethod.Model) ?? 0).ToArray()).ToArray()).ToArray();
        var cellF1 = cellPoint.Select(p => p.Select(f => f[0]).ToArray()).ToArray();
        var cellF3 = cellPoint.Select(p => p.Select(f => f[0] + f[1] + f[2]).ToArray()).ToArray();

        // System peak hour per month and each cell's kW per kWh in it.
        var peakHour = new int[months];
        for (var m = 0; m < months; m++)
        {
            double best = -1;
            for (var h = 0; h < CellHistory.Hours; h++)
            {
                double s = 0;
                foreach (var c in live) s += c.WeekdayKw[m * CellHistory.Hours + h];
                if (s > best) { best = s; peakHour[m] = h; }
            }
        }
        double KwPerKwh(CellHistory c, int target, int at)
        {
            // Same calendar month last year, else the last known month at the origin.
            var m = target - SeasonLag >= 0 ? target - SeasonLag : at;
            if (m < 0 || c.Kwh[m] <= 0) return 0;
            return c.WeekdayKw[m * CellHistory.Hours + peakHour[m]] / c.Kwh[m];
        }

        // The peak backtest's inputs: each cell's actual coincident kW per month, its peak forecasts from every origin for
        // months t+1 … t+3, and per origin the forecast and the actual month of the county's three-month peak (0, 1, 2).
        var cellKw = live.Select(c => Enumerable.Range(0, months).Select(m => c.WeekdayKw[m * CellHistory.Hours + peakHour[m]]).ToArray()).ToArray();
        var cellPeakAt = live.Select((c, i) => Enumerable.Range(0, months).Select(t => Enumerable.Range(1, 3)
            .Select(h => t + h < months ? cellPoint[i][t][h - 1] * KwPerKwh(c, t + h, t) : 0).ToArray()).ToArray()).ToArray();
        var countyKw = Enumerable.Range(0, months).Select(m => cellKw.Sum(k => k[m])).ToArray();
        var forecastPeakMonth = Enumerable.Range(0, months).Select(t => Enumerable.Range(0, 3).MaxBy(h => cellPeakAt.Sum(p => p[t][h]))).ToArray();
        var actualPeakMonth = Enumerable.Range(0, months).Select(t => Enumerable.Range(0, 3).MaxBy(h => t + h + 1 < months ? countyKw[t + h + 1] : -1)).ToArray();

        var cellNext = live.Select(c => Enumerable.Range(1, 3).Select(h => Point(c.Kwh, origin, h, PlanningMethod.Model) ?? 0).ToArray()).ToArray();
        var cellPeak = live.Select((c, i) => Enumerable.Range(1, 3).Select(h => cellNext[i][h - 1] * KwPerKwh(c, origin + h, origin)).ToArray()).ToArray();
        var countyPeak = Enumerable.Range(0, 3).Select(h => cellPeak.Sum(p => p[h])).ToArray();
        var peakMonth = months == 0 ? 0 : Array.IndexOf(countyPeak, countyPeak.Max());

        var results = new List<NodeForecast>(nodes.Count);
        var scores = new List<BacktestScore>();
        var backtested = new List<(PlanningNode Node, int[] Members, int Accounts, List<double> Ratios1, List<double> Ratios3, List<double> Peak1, List<double> Peak3)>(nodes.Count);
        foreach (var node in nodes)
        {
            var members = Enumerable.Range(0, live.Length).Where(i => node.Contains(live[i].Cell)).ToArray();
            var actual = new double[months];
            foreach (var i in members) for (var m = 0; m < months; m++) actual[m] += live[i].Kwh[m];

            // Backtest windows: origins where the model worked as it does now (with a year and a quarter of history when the
            // last origin has one, else from the start, last month repeated) and the targets are known.
            var ratios1 = new List<double>();
            var ratios3 = new List<double>();
            var peak1Ratios = new List<double>();
            var peak3Ratios = new List<double>();
            var ape = new Dictionary<(int, PlanningMethod), List<double>>();
            foreach (var horizon in new[] { 1, 3 })
            {
                for (var t = firstWindow; t + horizon < months; t++)
                {
                    // Coincident peak: one month ahead in month t+1; three months ahead the node at the county's peak month,
                    // forecast where the county's forecast peaks, actual where its actual peaks.
                    var peakActual = members.Sum(i => cellKw[i][t + 1 + (horizon == 1 ? 0 : actualPeakMonth[t])]);
                    var peakForecast = members.Sum(i => cellPeakAt[i][t][horizon == 1 ? 0 : forecastPeakMonth[t]]);
                    if (peakActual > 0 && peakForecast > 0) (horizon == 1 ? peak1Ratios : peak3Ratios).Add(peakActual / peakForecast);
                    var a = 0.0;
                    for (var h = 1; h <= horizon; h++) a += actual[t + h];
                    if (a <= 0) continue;
                    var f = members.Sum(i => horizon == 1 ? cellF1[i][t] : cellF3[i][t]);
                    if (f > 0) (horizon == 1 ? ratios1 : ratios3).Add(a / f);
                    foreach (var method in Enum.GetValues<PlanningMethod>())
                    {
                        var fm = method == PlanningMethod.Model ? f : Sum(actual, t, horizon, method);
                        if (fm is not { } v) continue;
                        if (!ape.TryGetValue((horizon, method), out var list)) ape[(horizon, method)] = list = [];
                        list.Add(Math.Abs(v - a) / a);
                    }
                }
            }
            foreach (var ((horizon, method), list) in ape.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2))
                scores.Add(new BacktestScore(node, horizon, method, list.Average(), list.Count));
            backtested.Add((node, members, members.Sum(i => live[i].Accounts), ratios1, ratios3, peak1Ratios, peak3Ratios));
        }

        // Pooled spread per depth and horizon, for the nodes with too few windows of their own.
        var pooled1 = new double[4];
        var pooled3 = new double[4];
        var pooledPeak1 = new double[4];
        var pooledPeak3 = new double[4];
        for (var depth = 0; depth < 4; depth++)
        {
            var atDepth = backtested.Where(b => b.Node.Depth == depth).ToList();
            pooled1[depth] = PooledSigma(atDepth.Select(b => ((IReadOnlyList<double>)b.Ratios1, b.Accounts)));
            pooled3[depth] = PooledSigma(atDepth.Select(b => ((IReadOnlyList<double>)b.Ratios3, b.Accounts)));
            pooledPeak1[depth] = PooledSigma(atDepth.Select(b => ((IReadOnlyList<double>)b.Peak1, b.Accounts)));
            pooledPeak3[depth] = PooledSigma(atDepth.Select(b => ((IReadOnlyList<double>)b.Peak3, b.Accounts)));
        }

        foreach (var (node, members, accounts, ratios1, ratios3, peakRatios1, peakRatios3) in backtested)
        {
            var next1 = members.Sum(i => cellNext[i][0]);
            var next3 = members.Sum(i => cellNext[i].Sum());
            var peak1 = members.Sum(i => cellPeak[i][0]);
            var peak3 = members.Sum(i => cellPeak[i][peakMonth]);
            var band1 = Band(ratios1, FallbackSpread1, accounts, pooled1[node.Depth]);
            var band3 = Band(ratios3, FallbackSpread3, accounts, pooled3[node.Depth]);
            var peakBand1 = Widest(band1, Band(peakRatios1, FallbackSpread1, accounts, pooledPeak1[node.Depth]));
            var peakBand3 = Widest(band3, Band(peakRatios3, FallbackSpread3, accounts, pooledPeak3[node.Depth]));
            var archetypes = new int[SegmentMix.Slots];
            foreach (var i in members) for (var k = 0; k < SegmentMix.Slots; k++) archetypes[k] += live[i].Archetypes[k];
            results.Add(new NodeForecast(node, accounts, members.Sum(i => live[i].AnnualKwh), archetypes,
                Apply(next1, band1), Apply(next3, band3), Apply(peak1, peakBand1), Apply(peak3, peakBand3),
                Math.Min(ratios1.Count, ratios3.Count), band1.Source == BandSource.OwnWindows && band3.Source == BandSource.OwnWindows,
                band1.Source, band3.Source));
        }
        return new PlanningResult(firstMonth.AddMonths(months), months == 0 ? 0 : peakHour[origin], results, scores);
    }

    /// <summary>
    /// A node's band at one horizon as ratios to its forecast: with at least <see cref="MinWindows"/> ratios (actual ÷
    /// forecast), their 10 % and 90 % quantiles, each widened to hold 1; with 1 … <see cref="MinWindows"/> − 1, the pooled
    /// spread <paramref name="pooledSigma"/> (see <see cref="PooledSigma"/>) scaled to the node's accounts and widened by
    /// Student's t for its n windows, exp(± t(0.90, n) × σ ÷ √accounts); with none (or no pooled spread), the fixed spread.
    /// </summary>
    public static (double Low, double High, BandSource Source) Band(List<double> ratios, double fallbackSpread, int accounts, double pooledSigma)
    {
        var n = ratios.Count;
        if (n >= MinWindows)
        {
            ratios.Sort();
            return (Math.Min(1, Quantile(ratios, 0.10)), Math.Max(1, Quantile(ratios, 0.90)), BandSource.OwnWindows);
        }
        if (n == 0 || !double.IsFinite(pooledSigma)) return (1 - fallbackSpread, 1 + fallbackSpread, BandSource.Fixed);
        var half = StudentT90[n - 1] * pooledSigma / Math.Sqrt(Math.Max(1, accounts));
        return (Math.Exp(-half), Math.Exp(half), BandSource.Pooled);
    }

    /// <summary>
    /// The coincident-peak band: on each side the wider of the kWh band <paramref name="kwh"/> and the band of the node's own
    /// peak backtest <paramref name="peak"/> (both as ratios to the forecast). The peak forecast is the kWh forecast × a kW
    /// per kWh, so its error holds the kWh error and the load shape's; its own record may only widen the band. The source
    /// stays the kWh band's (both come from the same windows).
    /// </summary>
    public static (double Low, double High, BandSource Source) Widest((double Low, double High, BandSource Source) kwh, (double Low, double High, BandSource Source) peak) =>
        (Math.Min(kwh.Low, peak.Low), Math.Max(kwh.High, peak.High), kwh.Source);

    /// <summary>
    /// The pooled spread of log errors per √account: √(Σ accounts × ln²(ratio) ÷ the number of ratios) over every ratio of
    /// every node given (NaN when there is none). The relative error of a sum of N independent-ish accounts shrinks ~ 1/√N,
    /// so multiplying by √N puts nodes of different sizes on one scale.
    /// </summary>
    public static double PooledSigma(IEnumerable<(IReadOnlyList<double> Ratios, int Accounts)> nodes)
    {
        double sum = 0;
        var count = 0;
        foreach (var (ratios, accounts) in nodes)
            foreach (var r in ratios)
            {
                var l = Math.Log(r);
                sum += l * l * Math.Max(1, accounts);
                count++;
            }
        return count == 0 ? double.NaN : Math.Sqrt(sum / count);
    }

    /// <summary>Student's t one-sided 90 % quantiles for 1 … <see cref="MinWindows"/> − 1 degrees of freedom.</summary>
    public static readonly double[] StudentT90 = [3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397];

    private static Banded Apply(double value, (double Low, double High, BandSource Source) band) => new(value, value * band.Low, value * band.High);
    private static double Quantile(List<double> sorted, double q)
    {
        var pos = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
