namespace Portal.Components.Charts;

/// <summary>
/// A value axis on round numbers: a step of 1, 2, 2.5 or 5 × 10ⁿ giving four to six ticks (seven when the data cross zero),
/// from a bound at or below the smallest value (zero included) to one at or above the largest. Pure maths, no markup.
/// </summary>
public sealed record PlotScale(double Min, double Max, double Step, IReadOnlyList<double> Ticks)
{
    private static readonly double[] Factors = [1, 2, 2.5, 5, 10];
    private const int MaxTicks = 12;

    /// <summary>The position of <paramref name="value"/> between Min (0) and Max (1), clamped.</summary>
    public double Fraction(double value) => Max > Min ? Math.Clamp((value - Min) / (Max - Min), 0, 1) : 0;

    /// <summary>Decimals a tick label needs for this step (2.5 → 1, 0.25 → 2, 500 → 0).</summary>
    public int Decimals => DecimalsOf(Step);

    /// <summary>A scale for the finite values given (NaN and infinities are ignored); zero is always on the axis.</summary>
    public static PlotScale For(IEnumerable<double> values, double? fixedMin = null, double? fixedMax = null)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var lo = Math.Min(0, finite.Count == 0 ? 0 : finite.Min());
        var hi = Math.Max(0, finite.Count == 0 ? 0 : finite.Max());
        if (fixedMin is { } fmin && double.IsFinite(fmin)) lo = Math.Min(fmin, lo);
        if (fixedMax is { } fmax && double.IsFinite(fmax)) hi = Math.Max(fmax, hi);
        // A range below a millionth cannot be labelled with the decimals a label shows: draw it on 0–1 like an empty chart.
        if (hi - lo < 1e-6) hi = lo + 1;
        var step = NiceStep((hi - lo) / 5);
        var bottom = fixedMin is not null && lo == fixedMin ? lo : Math.Floor(Round(lo / step)) * step;
        var top = fixedMax is not null && hi == fixedMax ? hi : Math.Ceiling(Round(hi / step)) * step;
        var decimals = DecimalsOf(step);
        var ticks = new List<double>();
        for (var i = 0; i <= MaxTicks; i++) // bounded: a rounding surprise must never loop (the step gives 4–7 ticks)
        {
            var t = Math.Round(Math.Ceiling(Round(bottom / step)) * step + i * step, decimals);
            if (t > top + step * 1e-9) break;
            ticks.Add(t);
        }
        return new PlotScale(Math.Round(bottom, decimals), Math.Round(top, Math.Max(decimals, DecimalsOf(top))), step, ticks);
    }

    /// <summary>The smallest step of 1, 2, 2.5, 5 × 10ⁿ at or above <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw)
    {
        if (!double.IsFinite(raw) || raw <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var f in Factors)
            if (f * magnitude >= raw * (1 - 1e-12)) return f * magnitude;
        return 10 * magnitude;
    }

    private static int DecimalsOf(double v)
    {
        for (var d = 0; d < 10; d++)
            if (Math.Abs(v * Math.Pow(10, d) - Math.Round(v * Math.Pow(10, d))) < 1e-9) return d;
        return 10;
    }

    // Division by a step leaves 4.000000000001: round before floor/ceiling so an exact multiple is not pushed a step out.
    private static double Round(double v) => Math.Round(v, 9);
}
