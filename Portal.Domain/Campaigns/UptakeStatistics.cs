namespace Portal.Domain.Campaigns;

/// <summary>A proportion x/n with its 95 % Wilson score interval.</summary>
public readonly record struct ProportionEstimate(int Successes, int Total, double Rate, double Low, double High);

/// <summary>A difference of two proportions (treatment − control) with its 95 % interval.</summary>
public readonly record struct DifferenceEstimate(double Difference, double Low, double High)
{
    /// <summary>The interval lies wholly above zero: the offer raised uptake beyond chance.</summary>
    public bool Significant => Low > 0;
}

/// <summary>
/// Uptake against control: the Wilson score interval for each arm and Newcombe's hybrid score interval (his method 10,
/// Statistics in Medicine 1998) for their difference. Both behave at small counts and at 0 % or 100 % uptake, where
/// the textbook Wald interval collapses to a point or leaves [0, 1].
/// </summary>
public static class UptakeStatistics
{
    public const double Z95 = 1.959963984540054;

    public static ProportionEstimate Wilson(int successes, int total, double z = Z95)
    {
        if (total < 0 || successes < 0 || successes > total) throw new ArgumentOutOfRangeException(nameof(successes), "Need 0 ≤ successes ≤ total.");
        if (total == 0) return new ProportionEstimate(0, 0, 0, 0, 1);
        double n = total, p = successes / n, z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // Exact ends: at x = 0 the lower limit is 0, at x = n the upper is 1 (rounding would leave 1e-17).
        var low = successes == 0 ? 0 : Math.Max(0, centre - half);
        var high = successes == total ? 1 : Math.Min(1, centre + half);
        return new ProportionEstimate(successes, total, p, low, high);
    }

    /// <summary>
    /// Newcombe's interval for p₁ − p₂ from the two Wilson intervals (l₁,u₁), (l₂,u₂):
    /// [d − √((p₁−l₁)² + (u₂−p₂)²), d + √((u₁−p₁)² + (p₂−l₂)²)]. Null when either arm is empty.
    /// </summary>
    public static DifferenceEstimate? Difference(int x1, int n1, int x2, int n2, double z = Z95)
    {
        if (n1 == 0 || n2 == 0) return null;
        var a = Wilson(x1, n1, z);
        var b = Wilson(x2, n2, z);
        var d = a.Rate - b.Rate;
        var lower = d - Math.Sqrt(Square(a.Rate - a.Low) + Square(b.High - b.Rate));
        var upper = d + Math.Sqrt(Square(a.High - a.Rate) + Square(b.Rate - b.Low));
        return new DifferenceEstimate(d, lower, upper);
    }

    private static double Square(double x) => x * x;
}
