namespace Portal.Domain.Marketing;

/// <summary>
/// One rule's 2×2 table over the accounts of a window: rows "has the antecedent" / "does not", columns "had the
/// outcome" / "did not". Counts are accounts, never events, so one account with five complaints counts once.
/// </summary>
public readonly record struct TwoByTwo(int WithBoth, int AntecedentOnly, int OutcomeOnly, int Neither)
{
    public int Antecedent => WithBoth + AntecedentOnly;
    public int Others => OutcomeOnly + Neither;
    public int Outcome => WithBoth + OutcomeOnly;
    public int Total => WithBoth + AntecedentOnly + OutcomeOnly + Neither;

    /// <summary>Share of all accounts that have the antecedent and the outcome.</summary>
    public double Support => Total == 0 ? 0 : (double)WithBoth / Total;

    /// <summary>P(outcome | antecedent).</summary>
    public double Confidence => Antecedent == 0 ? 0 : (double)WithBoth / Antecedent;

    /// <summary>P(outcome | no antecedent): the "others" of the sentence.</summary>
    public double OthersRate => Others == 0 ? 0 : (double)OutcomeOnly / Others;

    /// <summary>Classic association-rule lift: confidence over the outcome's base rate among all accounts.</summary>
    public double Lift => Outcome == 0 || Total == 0 ? 0 : Confidence / ((double)Outcome / Total);

    public static TwoByTwo From(int antecedent, int withBoth, int outcome, int total) =>
        new(withBoth, antecedent - withBoth, outcome - withBoth, total - antecedent - outcome + withBoth);
}

/// <summary>A ratio with its 95 % confidence interval.</summary>
public readonly record struct RatioEstimate(double Value, double Low, double High);

/// <summary>
/// The statistics behind every rule: Fisher's exact test in log space (10,000 accounts overflow factorials long
/// before they overflow their logarithms), the Katz log interval of the risk ratio and Benjamini–Hochberg.
/// </summary>
public static class AssociationStatistics
{
    private const double Z95 = 1.959963984540054;

    /// <summary>ln(n!) for 0..n, by summing logarithms: exact to double precision and one table per mining run.</summary>
    public static double[] LogFactorials(int n)
    {
        var table = new double[n + 1];
        for (var i = 2; i <= n; i++) table[i] = table[i - 1] + Math.Log(i);
        return table;
    }

    /// <summary>
    /// One-sided Fisher exact p-value for over-representation: the probability, with the margins fixed, of a table
    /// with at least <see cref="TwoByTwo.WithBoth"/> accounts in the top-left cell (the hypergeometric upper tail).
    /// </summary>
    public static double FisherGreater(TwoByTwo t, double[]? logFactorials = null)
    {
        var n = t.Total;
        var lf = logFactorials is not null && logFactorials.Length > n ? logFactorials : LogFactorials(n);
        int row = t.Antecedent, col = t.Outcome;
        var max = Math.Min(row, col);
        var min = Math.Max(0, row + col - n);
        if (t.WithBoth <= min) return 1.0;
        // ln P(k) = ln C(col,k) + ln C(n-col,row-k) − ln C(n,row); the tail is summed relative to its first term.
        double LogP(int k) =>
            lf[col] - lf[k] - lf[col - k] + lf[n - col] - lf[row - k] - lf[n - col - row + k] - (lf[n] - lf[row] - lf[n - row]);
        var first = LogP(t.WithBoth);
        var sum = 0.0;
        for (var k = t.WithBoth; k <= max; k++)
        {
            var term = Math.Exp(LogP(k) - first);
            sum += term;
            // Terms past the mode shrink geometrically: stop once they cannot change the sum.
            if (term < 1e-17 * sum && k > t.WithBoth) break;
        }
        return Math.Min(1.0, Math.Exp(first + Math.Log(sum)));
    }

    /// <summary>
    /// Risk ratio of the outcome among accounts with the antecedent over accounts without it, with the Katz
    /// (log) 95 % interval: exp(ln RR ± 1.96 √(1/a − 1/n₁ + 1/c − 1/n₀)). An empty cell gets 0.5 in every cell
    /// (Haldane), so the interval stays finite and wide instead of undefined.
    /// </summary>
    public static RatioEstimate RiskRatio(TwoByTwo t)
    {
        double a = t.WithBoth, b = t.AntecedentOnly, c = t.OutcomeOnly, d = t.Neither;
        if (a == 0 || c == 0 || b == 0 || d == 0) { a += 0.5; b += 0.5; c += 0.5; d += 0.5; }
        double n1 = a + b, n0 = c + d;
        var rr = (a / n1) / (c / n0);
        var se = Math.Sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0);
        return new RatioEstimate(rr, Math.Exp(Math.Log(rr) - Z95 * se), Math.Exp(Math.Log(rr) + Z95 * se));
    }

    /// <summary>
    /// Benjamini–Hochberg adjusted p-values (q-values) in the order given: q₍ᵢ₎ = min over j ≥ i of p₍ⱼ₎·m/j, at most 1.
    /// A rule is a discovery at false-discovery rate α when its q ≤ α.
    /// </summary>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var q = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var i = order[rank - 1];
            running = Math.Min(running, pValues[i] * m / rank);
            q[i] = Math.Min(1.0, running);
        }
        return q;
    }
}
