using Portal.Domain.Calendar;

namespace Portal.Domain.Usage;

// Forecast kWh are double: they are estimates shown rounded (and turned into a bill estimate by the tariff
// engine), never billed themselves.

/// <summary>One day's total kWh. Days absent from a history are unknown, not zero.</summary>
public readonly record struct DailyKwh(DateOnly Date, double Kwh);

/// <param name="CycleStart">First day of the billing cycle (inclusive).</param>
/// <param name="CycleEnd">Last day of the billing cycle (inclusive).</param>
/// <param name="LastCompleteDay">Last day whose data is in; CycleStart − 1 when the cycle has just begun.</param>
/// <param name="NextCycleEnd">Last day of the following cycle; defaults to the end of the next calendar month.</param>
/// <param name="Calendar">Public holidays and make-up working days of the customer's country (the portal's working
/// calendar); null forecasts every day by its weekday alone.</param>
/// <param name="Temperatures">Daily mean outdoor temperatures where the account is: observed up to <paramref name="LastCompleteDay"/>,
/// the normal for each day after it (never a future observation). Used only where last year's season factor is not
/// (<see cref="DegreeDayTerm"/>); null or empty forecasts without weather, exactly as before.</param>
public sealed record ForecastRequest(DateOnly CycleStart, DateOnly CycleEnd, DateOnly LastCompleteDay, IReadOnlyList<DailyKwh> History, DateOnly? NextCycleEnd = null,
    IReadOnlyCollection<CalendarDay>? Calendar = null, IReadOnlyList<DailyTemperature>? Temperatures = null);

public enum ForecastBandSource
{
    /// <summary>Quantiles of this account's own past forecast errors at the same horizon.</summary>
    OwnHistory = 0,
    /// <summary>Too little history: a fixed wide band (<see cref="Forecaster.DefaultLowRatio"/>–<see cref="Forecaster.DefaultHighRatio"/>).</summary>
    Default = 1,
    /// <summary>Nothing left to forecast: the band is the actual figure.</summary>
    Exact = 2,
}

/// <summary>An 80 % band: the actual figure should fall inside it about four times in five.</summary>
public sealed record ForecastRange(double Kwh, double Low, double High);

/// <param name="UsedWeather">The weather term moved this cycle's rest or the next cycle (the account follows temperature
/// significantly and was given temperatures; <see cref="DegreeDayTerm"/>).</param>
public sealed record UsageForecast(
    double ToDateKwh,
    int DaysElapsed,
    int DaysRemaining,
    ForecastRange Cycle,
    ForecastRange NextCycle,
    ForecastBandSource BandSource,
    bool UsedLastYear,
    bool UsedWeather = false);

/// <summary>
/// Forecasts the current billing cycle's kWh and the next cycle's.
/// <para>Method (evaluated against real meters in ForecastEvaluationTests, on meters it was not tuned on; docs/adr/0006-forecasting.md):</para>
/// <list type="number">
/// <item>Day-of-week factors: mean kWh per weekday over the last 8 weeks divided by the overall mean there
/// — weekends differ a lot for businesses and a little for homes. A weekday with no use (closed on Sundays) stays 0.</item>
/// <item>Level: an exponentially weighted mean (half-life 7 days) of the last 28 days after dividing out the
/// day-of-week factor; here and in the factors single days are capped at 3× the window median so one meter spike cannot move it.</item>
/// <item>Each day left: its day factor × the mean of that level and last week's level (the last 7 days' kWh over their
/// day factors, a spike day counted as the fit's) — the one steady, the other quick to follow a change; their mean beats either.</item>
/// <item>Season: when last year has data around the same dates, the days left are scaled by last year's ratio of the
/// target window to the 28 days before it (half of it, clamped to 0.6–1.6): that carries the turn into winter
/// heating or summer cooling without trusting a single year fully.</item>
/// <item>Calendar (when the request has one): a public holiday takes the account's Saturday factor and a make-up
/// working day the mean Monday–Friday factor, in the days left and in the backtest alike; holidays in the history are
/// left out of the weekday factors and of both levels, make-up days out of the factors.</item>
/// <item>Weather (when the request has temperatures, and only where last year's season factor is not used): the
/// account's own heating/cooling degree-day sensitivity, used where significant, moves the days left by the normal's
/// degree days against those of the days the level came from (<see cref="DegreeDayTerm"/>). The band's ratios come from
/// the backtest without weather.</item>
/// <item>Forecast = actual kWh so far + Σ over the days left.</item>
/// <item>80 % band: the 10th and 90th percentiles of this account's own past ratios of actual to forecast
/// for windows of the same length (rolling origins every 3 days over the last year), widened by
/// <see cref="BandWidening"/> and applied to the part still to come. With fewer than 12 such windows a fixed
/// 0.75–1.25 band is used.</item>
/// </list>
/// </summary>
public static class Forecaster
{
    public const int LevelWindowDays = 28;
    public const int WeekdayWindowDays = 56;
    public const double LevelHalfLifeDays = 7;
    public const double SpikeCapOverMedian = 3;
    public const double SeasonWeight = 0.5;
    public const double DefaultLowRatio = 0.75;
    public const double DefaultHighRatio = 1.25;
    public const int MinimumBacktests = 12;
    /// <summary>Weight of the fitted model's level against last week's level (see <see cref="Rest"/>).</summary>
    public const double ModelWeight = 0.5;
    /// <summary>How far the band's ends move out from the point beyond the account's own 10 %/90 % error quantiles (chosen on the tuning meters only).</summary>
    public const double BandWidening = 1.25;
    /// <summary>Known days needed in the <see cref="WeekdayWindowDays"/> up to the origin; with fewer there is no forecast.</summary>
    public const int MinimumHistoryDays = 7;
    private const double MinimumDayFactor = 1e-6;
    private const int BacktestStepDays = 3;
    private const int BacktestSpanDays = 366;

    // The level's weights 0.5^(age / half-life) for ages 0..27: the same Math.Pow values the fit used to compute per day.
    private static readonly double[] LevelWeights = Enumerable.Range(0, LevelWindowDays).Select(k => Math.Pow(0.5, k / LevelHalfLifeDays)).ToArray();

    // Performance (docs/PERFORMANCE.md, "Nightly refresh"): the band's backtest fits ~240 past origins per forecast, so
    // the hot paths below work on day numbers and array indices (no DateOnly arithmetic), allocate nothing per fit and
    // share the fits between the two bands' origin grids. Every sum is still taken in the same order over the same
    // days as the straightforward version, so the results are the same to the last bit.

    /// <summary>
    /// The forecast, or null when fewer than <see cref="MinimumHistoryDays"/> days are known in the
    /// <see cref="WeekdayWindowDays"/> days up to the origin (a new meter, one that stopped): no figure beats a made-up one.
    /// </summary>
    public static UsageForecast? Forecast(ForecastRequest request)
    {
        if (request.CycleEnd < request.CycleStart)
            throw new Common.DomainException("Forecast.CycleInverted", "The cycle ends before it starts.");
        if (request.LastCompleteDay < request.CycleStart.AddDays(-1) || request.LastCompleteDay > request.CycleEnd)
            throw new Common.DomainException("Forecast.OriginOutsideCycle", "The last complete day must lie in the cycle (or be the day before it).");
        var nextStart = request.CycleEnd.AddDays(1);
        var nextEnd = request.NextCycleEnd ?? new DateOnly(nextStart.Year, nextStart.Month, 1).AddMonths(1).AddDays(-1);
        if (nextEnd < nextStart) throw new Common.DomainException("Forecast.CycleInverted", "The next cycle ends before it starts.");

        var series = Series.From(request.History, request.LastCompleteDay, DayKinds.From(request.Calendar));
        var origin = request.LastCompleteDay.DayNumber;
        if (series.Count(origin - WeekdayWindowDays + 1, origin) < MinimumHistoryDays) return null;
        var cycleStart = request.CycleStart.DayNumber;
        var cycleEnd = request.CycleEnd.DayNumber;

        double toDate = 0;
        var elapsed = origin - cycleStart + 1;
        var model = Fit(series, origin);
        // Days of this cycle that never arrived are filled with the model, so a gap does not read as a saving.
        for (var d = cycleStart; d <= origin; d++)
            toDate += series.TryGet(d, out var v) ? v : model.Day(d, 1);

        var remaining = cycleEnd - origin;
        var restSeason = SeasonFactor(series, origin, origin + 1, cycleEnd, out var usedRest);
        var nextSeason = SeasonFactor(series, origin, nextStart.DayNumber, nextEnd.DayNumber, out var usedNext);
        var usedLastYear = usedRest || usedNext;
        var rest = Rest(series, model, origin, origin + 1, cycleEnd, restSeason);
        var next = Rest(series, model, origin, nextStart.DayNumber, nextEnd.DayNumber, nextSeason);
        // Weather (docs/adr/0006-forecasting.md, "Fourth round"): where last year's season factor is not used, the
        // account's own significant heating/cooling sensitivity moves the days left by their normal's degree days against
        // those of the days the level came from. Last year's actual use, where there is one, carried the season better.
        var usedWeather = false;
        if (request.Temperatures is { Count: > 0 } && (!usedRest || !usedNext))
        {
            var temps = DegreeDayTerm.Temperatures.From(request.Temperatures);
            if (DegreeDayTerm.Fit(series, temps, origin) is { } weather)
            {
                var restMove = !usedRest && remaining > 0 ? DegreeDayTerm.Adjustment(weather, series, temps, origin, origin + 1, cycleEnd) : 0;
                var nextMove = !usedNext ? DegreeDayTerm.Adjustment(weather, series, temps, origin, nextStart.DayNumber, nextEnd.DayNumber) : 0;
                rest = Math.Max(0, rest + restMove);
                next = Math.Max(0, next + nextMove);
                usedWeather = restMove != 0 || nextMove != 0;
            }
        }

        var fits = new FitCache(series, origin - BacktestSpanDays, origin);
        var restBand = Band(fits, origin, 0, remaining);
        var nextBand = Band(fits, origin, remaining, nextEnd.DayNumber - nextStart.DayNumber + 1);
        var source = remaining == 0 ? ForecastBandSource.Exact : restBand.Source;

        return new UsageForecast(
            Round(toDate), elapsed, remaining,
            new ForecastRange(Round(toDate + rest), Round(toDate + rest * restBand.Low), Round(toDate + rest * restBand.High)),
            new ForecastRange(Round(next), Round(next * nextBand.Low), Round(next * nextBand.High)),
            source, usedLastYear, usedWeather);
    }

    /// <summary>The level's weight for a day <paramref name="age"/> days before the origin (0..27).</summary>
    internal static double LevelWeight(int age) => LevelWeights[age];

    private static double Round(double kwh) => Math.Round(kwh, 1, MidpointRounding.AwayFromZero);

    /// <summary>Day of week of a day number (day 0, 1 January 0001, was a Monday), as <see cref="DateOnly.DayOfWeek"/> gives it.</summary>
    internal static int DayOfWeekOf(int dayNumber) => (dayNumber + 1) % 7;

    [System.Runtime.CompilerServices.InlineArray(7)]
    internal struct WeekFactors
    {
        private double _monday;
    }

    internal readonly struct Model(double level, WeekFactors dayFactor, double spikeCap, DayKinds? kinds = null, double holidayFactor = 0, double workdayFactor = 0)
    {
        private readonly WeekFactors _dayFactor = dayFactor;

        public double Level { get; } = level;

        /// <summary>Single days above this (<see cref="SpikeCapOverMedian"/> × the window's median) count as this much; 0 or +∞ when nothing is cut.</summary>
        public double SpikeCap { get; } = spikeCap;

        public double Day(int dayNumber, double season) => Level * Factor(dayNumber) * season;

        /// <summary>
        /// The day factor of a day (mean 1 over a week of known days; 0 for a weekday with no use): its weekday's, or on a
        /// public holiday the holiday factor, on a make-up working day the mean Monday–Friday factor.
        /// </summary>
        public double Factor(int dayNumber) => kinds?.Of(dayNumber) switch
        {
            null or DayKind.Normal => _dayFactor[DayOfWeekOf(dayNumber)],
            DayKind.Holiday => holidayFactor,
            _ => workdayFactor,
        };
    }

    internal enum DayKind : byte
    {
        Normal = 0,
        Holiday = 1,
        MakeUpWorkingDay = 2,
    }

    /// <summary>The calendar as day numbers: a byte per day from its first to its last entry.</summary>
    internal sealed class DayKinds
    {
        private readonly DayKind[] _kinds;
        private readonly int _first;

        private DayKinds(DayKind[] kinds, int first) { _kinds = kinds; _first = first; }

        public static DayKinds? From(IReadOnlyCollection<CalendarDay>? calendar)
        {
            if (calendar is null || calendar.Count == 0) return null;
            var first = calendar.Min(c => c.Date.DayNumber);
            var kinds = new DayKind[calendar.Max(c => c.Date.DayNumber) - first + 1];
            foreach (var c in calendar)
                kinds[c.Date.DayNumber - first] = c.Kind == CalendarDayKind.Holiday ? DayKind.Holiday : DayKind.MakeUpWorkingDay;
            return new DayKinds(kinds, first);
        }

        public DayKind Of(int dayNumber)
        {
            var i = (uint)(dayNumber - _first);
            return i < (uint)_kinds.Length ? _kinds[i] : DayKind.Normal;
        }
    }


    /// <summary>Fits the level and day-of-week factors on data up to and including day number <paramref name="origin"/>.</summary>
    internal static Model Fit(Series series, int origin)
    {
        Span<double> recent = stackalloc double[WeekdayWindowDays];
        var n = 0;
        for (var k = 0; k < WeekdayWindowDays; k++)
            if (series.TryGet(origin - k, out var v)) recent[n++] = v;
        var spikeCap = n == 0 ? 0 : SpikeCap(recent[..n]);

        var kinds = series.Kinds;
        Span<double> sums = stackalloc double[7];
        Span<int> counts = stackalloc int[7];
        double all = 0;
        var normal = 0;
        for (var k = 0; k < WeekdayWindowDays; k++)
        {
            var d = origin - k;
            if (!series.TryGet(d, out var v)) continue;
            v = spikeCap > 0 ? Math.Min(v, spikeCap) : v;
            // A holiday or a make-up working day is not a normal day of its weekday: it shapes neither the weekday
            // factors nor the mean they are relative to.
            if (kinds is not null && kinds.Of(d) != DayKind.Normal) continue;
            var w = DayOfWeekOf(d);
            sums[w] += v;
            counts[w]++;
            all += v;
            normal++;
        }
        var factor = new WeekFactors();
        var mean = normal == 0 ? 0 : all / normal;
        for (var w = 0; w < 7; w++)
        {
            // No shrinkage towards 1: tried (a prior worth one week) and it changed real-meter MAPE by 0.02 points
            // while biasing clean business patterns; the spike cap already guards the odd day.
            factor[w] = counts[w] == 0 || mean <= 0 ? 1 : sums[w] / counts[w] / mean;
        }
        // A public holiday is a rest day: it takes the account's Saturday factor (Saturday, Sunday, their mean and the
        // factor measured on the window's own holidays were tried on the tuning meters; only Saturday was better than no
        // calendar at every horizon in both datasets — docs/adr/0006-forecasting.md, "Third round"). A make-up working
        // day takes the mean Monday–Friday factor. Neither is fitted.
        double holidayFactor = 0, workdayFactor = 0;
        if (kinds is not null)
        {
            holidayFactor = factor[(int)DayOfWeek.Saturday];
            for (var w = (int)DayOfWeek.Monday; w <= (int)DayOfWeek.Friday; w++) workdayFactor += factor[w] / 5;
        }

        Span<double> values = stackalloc double[LevelWindowDays];
        Span<int> ages = stackalloc int[LevelWindowDays];
        var m = 0;
        for (var k = 0; k < LevelWindowDays; k++)
        {
            var d = origin - k;
            // A weekday with no use in the window (closed on Sundays) says nothing about the level: 0 / 0.
            if (!series.TryGet(d, out var v)) continue;
            // A holiday is left out of the level (it is no normal day of its weekday); a make-up day counts as a weekday.
            var kind = kinds?.Of(d) ?? DayKind.Normal;
            if (kind == DayKind.Holiday) continue;
            var f = kind == DayKind.Normal ? factor[DayOfWeekOf(d)] : workdayFactor;
            if (f < MinimumDayFactor) continue;
            values[m] = v / f;
            ages[m++] = k;
        }
        if (m == 0) return new Model(mean, factor, spikeCap, kinds, holidayFactor, workdayFactor); // no recent data: fall back to the older mean (0 when none)
        Span<double> scratch = stackalloc double[m];
        values[..m].CopyTo(scratch);
        var cap = SpikeCap(scratch);
        double wsum = 0, vsum = 0;
        for (var i = 0; i < m; i++)
        {
            var w = LevelWeights[ages[i]];
            wsum += w;
            vsum += w * (cap > 0 ? Math.Min(values[i], cap) : values[i]);
        }
        return new Model(vsum / wsum, factor, spikeCap, kinds, holidayFactor, workdayFactor);
    }

    /// <summary>
    /// kWh of days <paramref name="from"/>..<paramref name="to"/> after <paramref name="origin"/>: each day is its weekday
    /// factor × the mean of two levels — the fit's (28 days, half-life 7) and last week's (<see cref="LastWeekLevel"/>) —
    /// scaled by the season. Last week's level reacts to a change at once, the fit's ignores last week's noise; the plain
    /// mean is no tuned constant. (This replaced the mean of the model and last week's days themselves: taking last
    /// week's level but the eight weeks' weekday shape drops last week's single-day noise; docs/adr/0006-forecasting.md.)
    /// </summary>
    internal static double Rest(Series series, Model model, int origin, int from, int to, double season)
    {
        double shape = 0;
        for (var d = from; d <= to; d++) shape += model.Factor(d);
        var level = ModelWeight * model.Level + (1 - ModelWeight) * LastWeekLevel(series, model, origin);
        return season * level * shape;
    }

    /// <summary>
    /// The level the 7 days up to the origin show: their kWh over the sum of their weekday factors, so a week with a gap
    /// reads like a whole one; a spike day (above the fit's cap) counts as the fit's day. The fit's level when none of
    /// those days is known (or all are weekdays with no use).
    /// </summary>
    internal static double LastWeekLevel(Series series, Model model, int origin)
    {
        var cap = model.SpikeCap > 0 ? model.SpikeCap : double.PositiveInfinity;
        double kwh = 0, factors = 0;
        for (var d = origin - 6; d <= origin; d++)
        {
            if (!series.TryGet(d, out var v)) continue;
            if (series.Kinds?.Of(d) == DayKind.Holiday) continue; // not a normal day of its week
            kwh += v > cap ? model.Day(d, 1) : v; // a meter spike would lift the whole forecast
            factors += model.Factor(d);
        }
        return factors < MinimumDayFactor ? model.Level : kwh / factors;
    }

    /// <summary>
    /// Last year's change from the 28 days before the origin to the target window, weighted and clamped.
    /// 1 when last year lacks either side (≥ 80 % of days needed).
    /// </summary>
    internal static double SeasonFactor(Series series, int origin, int from, int to, out bool used) =>
        SeasonFactor(series, LastYearBefore(series, origin), from, to, out used);

    /// <summary>Last year's mean over the 28 days up to the origin's date a year earlier (the season factor's denominator).</summary>
    private static double? LastYearBefore(Series series, int origin)
    {
        var lyOrigin = YearEarlier(origin);
        return series.Mean(lyOrigin - LevelWindowDays + 1, lyOrigin, 0.8);
    }

    private static double SeasonFactor(Series series, double? before, int from, int to, out bool used)
    {
        used = false;
        if (before is not > 0) return 1;
        var target = series.Mean(YearEarlier(from), YearEarlier(to), 0.8);
        if (target is null) return 1;
        used = true;
        var ratio = Math.Clamp(target.Value / before.Value, 0.5, 2);
        return Math.Clamp(1 + SeasonWeight * (ratio - 1), 0.6, 1.6);
    }

    /// <summary>The same date a year earlier (29 February maps to 28 February, as <see cref="DateOnly.AddYears"/> does).</summary>
    private static int YearEarlier(int dayNumber) => DateOnly.FromDayNumber(dayNumber).AddYears(-1).DayNumber;

    internal readonly record struct BandRatios(double Low, double High, ForecastBandSource Source);

    /// <summary>
    /// The fit and last year's pre-origin mean for each past origin, computed once per forecast: both bands backtest
    /// from origins on the same 3-day steps, which coincide whenever the next cycle's length is a multiple of 3.
    /// </summary>
    internal sealed class FitCache(Series series, int earliest, int latest)
    {
        private readonly Model[] _fits = new Model[Math.Max(0, latest - earliest + 1)];
        private readonly double?[] _before = new double?[Math.Max(0, latest - earliest + 1)];
        private readonly bool[] _done = new bool[Math.Max(0, latest - earliest + 1)];

        public Series Series => series;

        public Model Fit(int origin, out double? lastYearBefore)
        {
            var i = origin - earliest;
            if (i < 0 || i >= _done.Length)
            {
                lastYearBefore = LastYearBefore(series, origin);
                return Forecaster.Fit(series, origin);
            }
            if (!_done[i])
            {
                _fits[i] = Forecaster.Fit(series, origin);
                _before[i] = LastYearBefore(series, origin);
                _done[i] = true;
            }
            lastYearBefore = _before[i];
            return _fits[i];
        }
    }

    /// <summary>
    /// Empirical 10 %/90 % ratios of actual to forecast for windows of <paramref name="length"/> days starting
    /// <paramref name="offset"/> days after each past origin, using only data before the current origin.
    /// </summary>
    internal static BandRatios Band(FitCache fits, int origin, int offset, int length)
    {
        if (length <= 0) return new BandRatios(1, 1, ForecastBandSource.Exact);
        var series = fits.Series;
        var ratios = new List<double>(BacktestSpanDays / BacktestStepDays + 1);
        var latest = origin - offset - length;
        var earliest = origin - BacktestSpanDays;
        for (var o = latest; o >= earliest; o -= BacktestStepDays)
        {
            if (!series.Has(o - WeekdayWindowDays / 2)) continue; // need a fitting window behind the origin
            var from = o + offset + 1;
            var to = o + offset + length;
            var actual = series.Sum(from, to);
            if (actual is null) continue;
            var model = fits.Fit(o, out var before);
            var season = SeasonFactor(series, before, from, to, out _);
            var forecast = Rest(series, model, o, from, to, season);
            if (forecast <= 0) continue;
            ratios.Add(actual.Value / forecast);
        }
        if (ratios.Count < MinimumBacktests) return new BandRatios(DefaultLowRatio, DefaultHighRatio, ForecastBandSource.Default);
        ratios.Sort();
        // The band always holds the point (an account whose past forecasts all ran low keeps its point inside it), and is
        // widened: an account's own past errors understate its next ones (the quantiles of ~100 overlapping windows covered
        // 71 % of real outcomes); BandWidening brings the tuning meters to 80 %.
        var low = Math.Min(1, Quantile(ratios, 0.10));
        var high = Math.Max(1, Quantile(ratios, 0.90));
        return new BandRatios(Math.Max(0, 1 - BandWidening * (1 - low)), 1 + BandWidening * (high - 1), ForecastBandSource.OwnHistory);
    }

    /// <summary>
    /// The cap for single days, <see cref="SpikeCapOverMedian"/> × the upper median (the element at Length / 2 once
    /// sorted), or +∞ when that cap would not cut any of the values, which is the usual case: then min(v, cap) = v for
    /// every value and the median need not be found. The cap is below the maximum exactly when more than half the values
    /// x have 3x &lt; max (3x grows with x, so the median is one of them). May reorder <paramref name="values"/>.
    /// </summary>
    public static double SpikeCap(Span<double> values)
    {
        var max = double.MinValue;
        foreach (var v in values) max = Math.Max(max, v);
        var below = 0;
        foreach (var v in values) if (SpikeCapOverMedian * v < max) below++;
        if (below <= values.Length / 2) return double.PositiveInfinity;
        values.Sort();
        return SpikeCapOverMedian * values[values.Length / 2];
    }

    internal static double Quantile(List<double> sorted, double q)
    {
        var pos = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /// <summary>Daily kWh indexed by day number, NaN where unknown. Data after the origin is dropped so nothing leaks.</summary>
    internal sealed class Series
    {
        private readonly double[] _values;
        private readonly int _first;

        private Series(double[] values, int first, DayKinds? kinds) { _values = values; _first = first; Kinds = kinds; }

        /// <summary>The calendar's holidays and make-up working days; null without a calendar.</summary>
        public DayKinds? Kinds { get; }

        public static Series From(IReadOnlyList<DailyKwh> history, DateOnly origin, DayKinds? kinds = null)
        {
            if (history.Count == 0) return new Series([], origin.DayNumber, kinds);
            var first = int.MaxValue;
            for (var i = 0; i < history.Count; i++) first = Math.Min(first, history[i].Date.DayNumber);
            var values = new double[Math.Max(0, origin.DayNumber - first + 1)];
            Array.Fill(values, double.NaN);
            for (var j = 0; j < history.Count; j++)
            {
                var h = history[j];
                var i = h.Date.DayNumber - first;
                if (i >= 0 && i < values.Length && h.Kwh >= 0 && double.IsFinite(h.Kwh)) values[i] = h.Kwh;
            }
            return new Series(values, first, kinds);
        }

        public bool TryGet(int dayNumber, out double v)
        {
            var i = (uint)(dayNumber - _first);
            v = i < (uint)_values.Length ? _values[i] : double.NaN;
            return !double.IsNaN(v);
        }

        public bool Has(int dayNumber) => TryGet(dayNumber, out _);

        public int Count(int from, int to)
        {
            var n = 0;
            for (var d = from; d <= to; d++) if (Has(d)) n++;
            return n;
        }

        /// <summary>Sum over a window of day numbers, or null unless every day is known.</summary>
        public double? Sum(int from, int to)
        {
            double s = 0;
            for (var d = from; d <= to; d++)
            {
                if (!TryGet(d, out var v)) return null;
                s += v;
            }
            return s;
        }

        /// <summary>Mean over a window of day numbers, or null when fewer than <paramref name="minCoverage"/> of its days are known.</summary>
        public double? Mean(int from, int to, double minCoverage)
        {
            double s = 0;
            int n = 0, total = 0;
            for (var d = from; d <= to; d++, total++)
                if (TryGet(d, out var v)) { s += v; n++; }
            return total == 0 || n < minCoverage * total ? null : s / n;
        }
    }
}
