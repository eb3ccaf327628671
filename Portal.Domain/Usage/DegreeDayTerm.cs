namespace Portal.Domain.Usage;

/// <summary>
/// A day's mean outdoor temperature (°C) where the account is: observed for days up to the forecast's origin, and for
/// the days after it the <b>normal</b> for that calendar day (a climatology from past years — never a future
/// observation, which production does not have).
/// </summary>
public readonly record struct DailyTemperature(DateOnly Date, double MeanC);

/// <summary>The account's own sensitivity of daily kWh to heating and cooling degree days, fitted on its past days.</summary>
/// <param name="HeatingKwhPerDegreeDay">kWh a day per heating degree day (0 when the term is not used).</param>
/// <param name="HeatingT">Its estimate over its standard error (0 when not fitted).</param>
/// <param name="CoolingKwhPerDegreeDay">kWh a day per cooling degree day (0 when not used or too few warm days).</param>
/// <param name="CoolingT">Its estimate over its standard error (0 when not fitted).</param>
/// <param name="Days">Days the fit used.</param>
public sealed record DegreeDayFit(double HeatingKwhPerDegreeDay, double HeatingT, double CoolingKwhPerDegreeDay, double CoolingT, int Days)
{
    /// <summary>Whether the heating term is used: more than <see cref="DegreeDayTerm.MinimumT"/> standard errors above 0.</summary>
    public bool UsesHeating => DegreeDayTerm.IsSignificant(HeatingT);

    /// <summary>Whether the cooling term is used: more than <see cref="DegreeDayTerm.MinimumT"/> standard errors above 0.</summary>
    public bool UsesCooling => DegreeDayTerm.IsSignificant(CoolingT);
}

/// <summary>
/// The weather term of the cycle forecast (docs/adr/0006-forecasting.md, "Fourth round"): daily kWh = a level per
/// weekday + b × heating degree days + c × cooling degree days, fitted by least squares on the account's own last
/// <see cref="FitSpanDays"/> days up to the origin (public holidays and make-up days left out); a term is used only where
/// it is significant (t &gt; <see cref="MinimumT"/>). The days left then move by b × (their heating degree days − those
/// of the days the forecast's level came from) + c × (the same for cooling). Bases are the standard UK ones, not fitted.
/// </summary>
public static class DegreeDayTerm
{
    /// <summary>Heating degree days are counted below this daily mean (°C; the UK standard base).</summary>
    public const double HeatingBaseC = 15.5;
    /// <summary>Cooling degree days are counted above this daily mean (°C).</summary>
    public const double CoolingBaseC = 22;
    /// <summary>Days of the account's history the sensitivity is fitted on.</summary>
    public const int FitSpanDays = 365;
    /// <summary>A term is used only when its estimate is more than this many standard errors above 0.</summary>
    public const double MinimumT = 2;
    /// <summary>The cooling term is fitted only when at least this many of the fit's days were warm enough to have cooling degree days.</summary>
    public const int MinimumCoolingDays = 5;
    /// <summary>Days the fit needs beyond its number of coefficients.</summary>
    public const int MinimumSpareDays = 20;

    public static double HeatingDegreeDays(double meanC) => Math.Max(0, HeatingBaseC - meanC);

    public static double CoolingDegreeDays(double meanC) => Math.Max(0, meanC - CoolingBaseC);

    /// <summary>True when <paramref name="t"/> (estimate over standard error) exceeds <see cref="MinimumT"/>; NaN is not significant.</summary>
    public static bool IsSignificant(double t) => t > MinimumT;

    /// <summary>
    /// The fit on the days (origin − <see cref="FitSpanDays"/>, origin] that have both kWh and a temperature, or null
    /// when there are too few of them or the heating degree days do not vary (nothing to fit).
    /// </summary>
    public static DegreeDayFit? Fit(IReadOnlyList<DailyKwh> history, IReadOnlyList<DailyTemperature> temperatures, DateOnly origin,
        IReadOnlyCollection<Calendar.CalendarDay>? calendar = null)
    {
        var series = Forecaster.Series.From(history, origin, Forecaster.DayKinds.From(calendar));
        return Fit(series, Temperatures.From(temperatures), origin.DayNumber);
    }

    internal static DegreeDayFit? Fit(Forecaster.Series series, Temperatures temps, int origin)
    {
        var rows = new List<(int Weekday, double Heating, double Cooling, double Kwh)>();
        for (var d = origin - FitSpanDays + 1; d <= origin; d++)
        {
            if (!series.TryGet(d, out var kwh) || !temps.TryGet(d, out var t)) continue;
            if (series.Kinds is { } kinds && kinds.Of(d) != Forecaster.DayKind.Normal) continue; // not a normal day of its weekday
            rows.Add((Forecaster.DayOfWeekOf(d), HeatingDegreeDays(t), CoolingDegreeDays(t), kwh));
        }
        // A meter spike (one day at 100× the usual) would tilt a least-squares slope: days are capped as the forecaster
        // caps them, at SpikeCapOverMedian × the median of the fit's days (no cap when that would cut nothing).
        if (rows.Count > 0)
        {
            var kwhs = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++) kwhs[i] = rows[i].Kwh;
            var cap = Forecaster.SpikeCap(kwhs);
            if (cap > 0 && double.IsFinite(cap))
                for (var i = 0; i < rows.Count; i++) rows[i] = rows[i] with { Kwh = Math.Min(rows[i].Kwh, cap) };
        }
        var useCooling = rows.Count(r => r.Cooling > 0) >= MinimumCoolingDays;
        var p = 7 + 1 + (useCooling ? 1 : 0);
        if (rows.Count < p + MinimumSpareDays) return null;
        var xtx = new double[p, p];
        var xty = new double[p];
        var x = new double[p];
        foreach (var r in rows)
        {
            Array.Clear(x);
            x[r.Weekday] = 1;
            x[7] = r.Heating;
            if (useCooling) x[8] = r.Cooling;
            for (var i = 0; i < p; i++)
            {
                xty[i] += x[i] * r.Kwh;
                for (var j = 0; j < p; j++) xtx[i, j] += x[i] * x[j];
            }
        }
        var inv = Invert(xtx);
        if (inv is null) return null;
        var b = new double[p];
        for (var i = 0; i < p; i++)
            for (var j = 0; j < p; j++) b[i] += inv[i, j] * xty[j];
        double sse = 0;
        foreach (var r in rows)
        {
            var e = r.Kwh - (b[r.Weekday] + b[7] * r.Heating + (useCooling ? b[8] * r.Cooling : 0));
            sse += e * e;
        }
        var variance = sse / (rows.Count - p);
        double T(int i)
        {
            var se = Math.Sqrt(variance * inv[i, i]);
            // An exact fit has no error: its sign decides. Anything not finite counts as no evidence.
            var t = se > 0 ? b[i] / se : b[i] > 0 ? double.PositiveInfinity : 0;
            return double.IsNaN(t) ? 0 : t;
        }
        return new DegreeDayFit(b[7], T(7), useCooling ? b[8] : 0, useCooling ? T(8) : 0, rows.Count);
    }

    /// <summary>
    /// kWh to add to the forecast of days <paramref name="from"/>..<paramref name="to"/>: each significant term × (the
    /// day's degree days − the reference), the reference being the degree days of the days the forecast's level came
    /// from, weighted as the level weighs them (half the fit's level: the last 28 days with half-life 7; half last
    /// week's: the last 7 days). A day without a temperature adds nothing.
    /// </summary>
    internal static double Adjustment(DegreeDayFit fit, Forecaster.Series series, Temperatures temps, int origin, int from, int to)
    {
        if (!fit.UsesHeating && !fit.UsesCooling) return 0;
        double wsum = 0, heatW = 0, coolW = 0, heat7 = 0, cool7 = 0;
        var n7 = 0;
        for (var k = 0; k < Forecaster.LevelWindowDays; k++)
        {
            var d = origin - k;
            if (!series.Has(d) || series.Kinds?.Of(d) == Forecaster.DayKind.Holiday || !temps.TryGet(d, out var t)) continue;
            var w = Forecaster.LevelWeight(k);
            wsum += w;
            heatW += w * HeatingDegreeDays(t);
            coolW += w * CoolingDegreeDays(t);
            if (k < 7)
            {
                heat7 += HeatingDegreeDays(t);
                cool7 += CoolingDegreeDays(t);
                n7++;
            }
        }
        if (wsum == 0) return 0;
        var refHeat = 0.5 * heatW / wsum + 0.5 * (n7 > 0 ? heat7 / n7 : heatW / wsum);
        var refCool = 0.5 * coolW / wsum + 0.5 * (n7 > 0 ? cool7 / n7 : coolW / wsum);
        double heat = 0, cool = 0;
        for (var d = from; d <= to; d++)
        {
            if (!temps.TryGet(d, out var t)) continue;
            heat += HeatingDegreeDays(t) - refHeat;
            cool += CoolingDegreeDays(t) - refCool;
        }
        var kwh = (fit.UsesHeating ? fit.HeatingKwhPerDegreeDay * heat : 0) + (fit.UsesCooling ? fit.CoolingKwhPerDegreeDay * cool : 0);
        return double.IsFinite(kwh) ? kwh : 0;
    }

    /// <summary>Gauss–Jordan inverse with partial pivoting; null when (near-)singular.</summary>
    private static double[,]? Invert(double[,] a)
    {
        var n = a.GetLength(0);
        var m = new double[n, 2 * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) m[i, j] = a[i, j];
            m[i, n + i] = 1;
        }
        for (var c = 0; c < n; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < n; r++)
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c])) pivot = r;
            if (!(Math.Abs(m[pivot, c]) >= 1e-9)) return null;
            for (var j = 0; j < 2 * n; j++) (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            var div = m[c, c];
            for (var j = 0; j < 2 * n; j++) m[c, j] /= div;
            for (var r = 0; r < n; r++)
            {
                if (r == c || m[r, c] == 0) continue;
                var f = m[r, c];
                for (var j = 0; j < 2 * n; j++) m[r, j] -= f * m[c, j];
            }
        }
        var inv = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) inv[i, j] = m[i, n + j];
        return inv;
    }

    /// <summary>Temperatures indexed by day number; non-finite values are unknown.</summary>
    internal sealed class Temperatures
    {
        private readonly double[] _values;
        private readonly int _first;

        private Temperatures(double[] values, int first) { _values = values; _first = first; }

        public static Temperatures From(IReadOnlyList<DailyTemperature> temperatures)
        {
            if (temperatures.Count == 0) return new Temperatures([], 0);
            int first = int.MaxValue, last = int.MinValue;
            foreach (var t in temperatures)
            {
                first = Math.Min(first, t.Date.DayNumber);
                last = Math.Max(last, t.Date.DayNumber);
            }
            var values = new double[last - first + 1];
            Array.Fill(values, double.NaN);
            foreach (var t in temperatures)
                if (double.IsFinite(t.MeanC) && Math.Abs(t.MeanC) < 100) values[t.Date.DayNumber - first] = t.MeanC;
            return new Temperatures(values, first);
        }

        public bool TryGet(int dayNumber, out double t)
        {
            var i = (uint)(dayNumber - _first);
            t = i < (uint)_values.Length ? _values[i] : double.NaN;
            return !double.IsNaN(t);
        }
    }
}
