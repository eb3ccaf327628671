namespace Portal.Domain.Usage;

/// <summary>
/// Where the customer stands among similar homes. The UI words each standing neutrally; none of them blames.
/// </summary>
public enum PeerStanding
{
    /// <summary>At or below the usage of the best 20 % of the cohort.</summary>
    AmongEfficient = 0,
    /// <summary>Below 90 % of the cohort median.</summary>
    BelowTypical = 1,
    /// <summary>Within ±10 % of the cohort median.</summary>
    Typical = 2,
    /// <summary>Above 110 % of the cohort median.</summary>
    AboveTypical = 3,
}

/// <param name="IsShown">False below the minimum cohort: the other figures are then null, so a small cohort cannot identify neighbours.</param>
/// <param name="Percentile">Share of peers (0–100) who used less, ties counting half.</param>
/// <param name="EfficientPeersKwh">Mean of the best (lowest) 20 % of peers.</param>
public sealed record PeerComparisonResult(
    int CohortSize,
    bool IsShown,
    double? Percentile,
    decimal? MedianKwh,
    decimal? EfficientPeersKwh,
    PeerStanding? Standing);

public static class PeerComparison
{
    public const int DefaultMinimumCohort = 20;
    public const double EfficientShare = 0.20;
    public const decimal TypicalBand = 0.10m;

    /// <summary>
    /// Compares one month's kWh with the same month of peers (same customer type, region, size band — chosen by the
    /// caller). Peers with zero or negative kWh are vacant homes or dead meters and are left out of the cohort.
    /// </summary>
    public static PeerComparisonResult Compare(decimal myMonthlyKwh, IEnumerable<decimal> peerMonthlyKwh, int minimumCohort = DefaultMinimumCohort)
    {
        var peers = peerMonthlyKwh.Where(k => k > 0).Order().ToArray();
        if (peers.Length < minimumCohort) return new PeerComparisonResult(peers.Length, false, null, null, null, null);

        var n = peers.Length;
        var median = n % 2 == 1 ? peers[n / 2] : (peers[n / 2 - 1] + peers[n / 2]) / 2;
        var efficientCount = Math.Max(1, (int)Math.Ceiling(n * EfficientShare));
        var efficientCutoff = peers[efficientCount - 1];
        var efficientMean = Math.Round(peers.Take(efficientCount).Average(), 1, MidpointRounding.AwayFromZero);

        var below = peers.Count(p => p < myMonthlyKwh);
        var ties = peers.Count(p => p == myMonthlyKwh);
        var percentile = Math.Round(100.0 * (below + ties / 2.0) / n, 1);

        var standing = myMonthlyKwh <= efficientCutoff ? PeerStanding.AmongEfficient
            : myMonthlyKwh < median * (1 - TypicalBand) ? PeerStanding.BelowTypical
            : myMonthlyKwh <= median * (1 + TypicalBand) ? PeerStanding.Typical
            : PeerStanding.AboveTypical;
        return new PeerComparisonResult(n, true, percentile, median, efficientMean, standing);
    }
}
