using Portal.Domain.Common;
using Portal.Domain.Usage;

namespace Portal.Domain.Tariffs;

/// <summary>How missing intervals were filled before billing.</summary>
public enum EstimationMethod
{
    /// <summary>Nothing was missing.</summary>
    None = 0,
    /// <summary>Each missing interval took the average (half-up to whole Wh) of the same interval index over the period's present readings.</summary>
    SameIntervalAverage = 1,
    /// <summary>No reading in the whole period was present: missing intervals count as zero.</summary>
    ZeroNoData = 2,
}

/// <summary>One billable day: interval energy with gaps already filled (whole Wh) plus the day's meter figures.</summary>
public sealed class UsageDay
{
    internal UsageDay(DateOnly date, int intervalMinutes, int[] wh, long meteredWh, long varh, bool hasReactive, int maxDemandW)
    {
        Date = date;
        IntervalMinutes = intervalMinutes;
        Wh = wh;
        MeteredWh = meteredWh;
        Varh = varh;
        HasReactive = hasReactive;
        MaxDemandW = maxDemandW;
        foreach (var v in wh) TotalWh += v;
    }

    public DateOnly Date { get; }
    public int IntervalMinutes { get; }
    /// <summary>Filled interval energy. Internal array: the engine reads it in place to stay allocation-free.</summary>
    internal int[] Wh { get; }
    public ReadOnlySpan<int> WattHours => Wh;
    public long TotalWh { get; }
    /// <summary>Energy of the present (metered) intervals only; the power factor is computed on this.</summary>
    public long MeteredWh { get; }
    public long Varh { get; }
    public bool HasReactive { get; }
    /// <summary>Demand register maximum, else the highest interval's average power; filled intervals set no demand.</summary>
    public int MaxDemandW { get; }
}

/// <summary>
/// A billing period's readings made billable once and reused for every package priced on them (recommendations
/// price ~7 packages on the same months). Filling rule: a missing interval i takes the average of interval i
/// over the days of the same period where it is present, rounded half-up to whole Wh; a day with no row at all
/// is all missing. If nothing in the period is present, missing intervals are zero (and reported).
/// All days of a period must share one interval length.
/// </summary>
public sealed class PeriodUsage
{
    private readonly UsageDay[] _days;

    private PeriodUsage(BillingPeriod period, UsageDay[] days, int intervalMinutes, int estimated, int upstreamEstimated, int expected, EstimationMethod method)
    {
        Period = period;
        _days = days;
        IntervalMinutes = intervalMinutes;
        EstimatedIntervals = estimated;
        UpstreamEstimatedIntervals = upstreamEstimated;
        ExpectedIntervals = expected;
        Estimation = method;
    }

    public BillingPeriod Period { get; }
    /// <summary>One entry per day of the period, in date order.</summary>
    public IReadOnlyList<UsageDay> Days => _days;
    public int IntervalMinutes { get; }
    /// <summary>Intervals this preparation filled.</summary>
    public int EstimatedIntervals { get; }
    /// <summary>Intervals the source already flagged as estimated (kept as they are).</summary>
    public int UpstreamEstimatedIntervals { get; }
    public int ExpectedIntervals { get; }
    public int PresentIntervals => ExpectedIntervals - EstimatedIntervals;
    public EstimationMethod Estimation { get; }

    public long TotalWh
    {
        get
        {
            long s = 0;
            foreach (var d in _days) s += d.TotalWh;
            return s;
        }
    }

    /// <summary>Readings outside the period are ignored, so a year of readings can be passed for one month.</summary>
    public static PeriodUsage Prepare(BillingPeriod period, IEnumerable<DayReadings> readings)
    {
        var n = period.Days;
        var byDay = new DayReadings?[n];
        var minutes = 0;
        var mixed = false;
        foreach (var r in readings)
        {
            if (!period.Contains(r.Date)) continue;
            if (minutes != 0 && minutes != r.IntervalMinutes) mixed = true;
            if (minutes == 0 || r.IntervalMinutes < minutes) minutes = r.IntervalMinutes;
            var i = r.Date.DayNumber - period.Start.DayNumber;
            if (byDay[i] is not null) throw new DomainException("Tariff.DuplicateDay", $"Two sets of readings for {r.Date}.");
            byDay[i] = r;
        }
        if (minutes == 0) minutes = 15;
        // A meter exchanged mid-period (hourly → 15-minute): the coarser days are split to the finest interval.
        if (mixed)
            for (var i = 0; i < n; i++)
                byDay[i] = byDay[i]?.Refine(minutes);
        var slots = 1440 / minutes;

        var sums = new long[slots];
        var counts = new int[slots];
        var present = 0;
        foreach (var r in byDay)
        {
            if (r is null) continue;
            var wh = r.WattHours;
            for (var i = 0; i < slots; i++)
                if (wh[i] != DayReadings.MissingValue) { sums[i] += wh[i]; counts[i]++; present++; }
        }
        var fill = new int[slots];
        for (var i = 0; i < slots; i++)
            fill[i] = counts[i] == 0 ? 0 : (int)((2 * sums[i] + counts[i]) / (2L * counts[i])); // half-up, non-negative

        var days = new UsageDay[n];
        int estimated = 0, upstream = 0;
        for (var d = 0; d < n; d++)
        {
            var r = byDay[d];
            var date = period.Start.AddDays(d);
            if (r is null)
            {
                days[d] = new UsageDay(date, minutes, (int[])fill.Clone(), 0, 0, false, 0);
                estimated += slots;
                continue;
            }
            var src = r.WattHours;
            var wh = new int[slots];
            long metered = 0;
            for (var i = 0; i < slots; i++)
            {
                if (src[i] == DayReadings.MissingValue) { wh[i] = fill[i]; estimated++; }
                else { wh[i] = src[i]; metered += src[i]; }
            }
            upstream += r.EstimatedCount;
            long varh = 0;
            if (r.HasReactive)
                foreach (var v in r.VarHours) if (v > 0) varh += v;
            var demandW = r.HasDemand ? Math.Max(0, MaxOf(r.DemandWatts)) : Math.Max(0, MaxOf(src)) * (60 / minutes);
            days[d] = new UsageDay(date, minutes, wh, metered, varh, r.HasReactive, demandW);
        }
        var method = estimated == 0 ? EstimationMethod.None : present == 0 ? EstimationMethod.ZeroNoData : EstimationMethod.SameIntervalAverage;
        return new PeriodUsage(period, days, minutes, estimated, upstream, n * slots, method);
    }

    /// <summary>
    /// A what-if copy: moves <paramref name="shiftFraction"/> of each interval's energy in the shifted periods
    /// to the receiving periods (spread evenly over their intervals of the same day, per the schedule of
    /// <paramref name="tariff"/>), then scales every interval by (1 − <paramref name="cutFraction"/>). Whole-Wh
    /// rounding keeps totals within a few Wh per day. Demand is re-derived from the new intervals.
    /// </summary>
    public PeriodUsage WithWhatIf(CompiledTariff? tariff, decimal shiftFraction, decimal cutFraction)
    {
        var days = new UsageDay[_days.Length];
        for (var d = 0; d < _days.Length; d++)
        {
            var src = _days[d];
            var wh = (int[])src.Wh.Clone();
            var map = tariff?.PeriodMap(src.Date.Month, src.IntervalMinutes);
            if (map is not null && shiftFraction > 0)
            {
                long moved = 0;
                var receivers = 0;
                for (var i = 0; i < wh.Length; i++)
                {
                    var p = map[i];
                    if (p is (sbyte)TouPeriod.Peak or (sbyte)TouPeriod.CriticalPeak)
                    {
                        var take = (int)Math.Round(wh[i] * shiftFraction, MidpointRounding.AwayFromZero);
                        wh[i] -= take;
                        moved += take;
                    }
                    else if (p == (sbyte)TouPeriod.Valley) receivers++;
                }
                if (receivers > 0 && moved > 0)
                {
                    var each = moved / receivers;
                    var rest = moved - each * receivers;
                    for (var i = 0; i < wh.Length; i++)
                        if (map[i] == (sbyte)TouPeriod.Valley) { wh[i] += (int)each + (rest-- > 0 ? 1 : 0); }
                }
                else if (moved > 0) // no valley that day: nothing can move
                    wh = (int[])src.Wh.Clone();
            }
            if (cutFraction > 0)
                for (var i = 0; i < wh.Length; i++)
                    wh[i] = (int)Math.Round(wh[i] * (1m - cutFraction), MidpointRounding.AwayFromZero);
            var maxWh = 0;
            foreach (var v in wh) if (v > maxWh) maxWh = v;
            var varh = (long)Math.Round(src.Varh * (1m - cutFraction), MidpointRounding.AwayFromZero);
            var metered = (long)Math.Round(src.MeteredWh * (1m - cutFraction), MidpointRounding.AwayFromZero);
            days[d] = new UsageDay(src.Date, src.IntervalMinutes, wh, metered, varh, src.HasReactive, maxWh * (60 / src.IntervalMinutes));
        }
        return new PeriodUsage(Period, days, IntervalMinutes, EstimatedIntervals, UpstreamEstimatedIntervals, ExpectedIntervals, Estimation);
    }

    private static int MaxOf(ReadOnlySpan<int> values)
    {
        var m = int.MinValue;
        foreach (var v in values) if (v > m) m = v;
        return m;
    }
}
