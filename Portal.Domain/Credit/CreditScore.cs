namespace Portal.Domain.Credit;

/// <summary>
/// A fact behind a score, for the UI to localize and link: <see cref="Code"/> says what happened
/// ("Credit.Evidence.BillPaidLate"), <see cref="SourceReference"/> which record, <see cref="Value"/> the number
/// that mattered (days late, days overdue, kWh, points — documented per code in <see cref="EvidenceCodes"/>).
/// </summary>
public sealed record ScoreEvidence(string Code, string SourceReference, DateOnly On, decimal Value);

public static class EvidenceCodes
{
    /// <summary>Value: 0.</summary>
    public const string BillPaidOnTime = "Credit.Evidence.BillPaidOnTime";
    /// <summary>Value: days late.</summary>
    public const string BillPaidLate = "Credit.Evidence.BillPaidLate";
    /// <summary>Value: days past due so far. On: due date.</summary>
    public const string BillUnpaid = "Credit.Evidence.BillUnpaid";
    /// <summary>Value: 1 (counted). On: found on.</summary>
    public const string HazardFound = "Credit.Evidence.HazardFound";
    public const string MajorHazardFound = "Credit.Evidence.MajorHazardFound";
    /// <summary>Value: 0. On: fixed on.</summary>
    public const string HazardFixedOnTime = "Credit.Evidence.HazardFixedOnTime";
    /// <summary>Value: days past the deadline. On: fixed on.</summary>
    public const string HazardFixedLate = "Credit.Evidence.HazardFixedLate";
    /// <summary>Value: days past the deadline so far. On: deadline.</summary>
    public const string HazardOverdue = "Credit.Evidence.HazardOverdue";
    public const string SupplyRuleViolation = "Credit.Evidence.SupplyRuleViolation";
    public const string Theft = "Credit.Evidence.Theft";
    /// <summary>Value: the account attribute (kWh, yuan, voltage rank, kVA). SourceReference: "account".</summary>
    public const string AccountAttribute = "Credit.Evidence.AccountAttribute";
    /// <summary>Value: points added (negative: removed). SourceReference: adjustment id.</summary>
    public const string ManualAdjustment = "Credit.Evidence.ManualAdjustment";
}

/// <param name="MeasuredValue">The metric's value (e.g. 91.67 % on time, 12 days late).</param>
/// <param name="BandPoints">Points 0–100 the band table gives that value.</param>
/// <param name="Contribution">BandPoints × share, before rounding the indicator.</param>
public sealed record FactorScore(CreditMetric Metric, decimal MeasuredValue, decimal BandPoints, decimal SharePercent,
    decimal Contribution, IReadOnlyList<ScoreEvidence> Evidence);

/// <param name="RawPoints">0–100, two decimals: factors plus manual adjustments, clamped.</param>
/// <param name="WeightedPoints">RawPoints × weight, two decimals; the indicators' weighted points sum to the total.</param>
public sealed record IndicatorScore(CreditIndicator Indicator, decimal RawPoints, decimal WeightPercent, decimal WeightedPoints,
    IReadOnlyList<FactorScore> Factors, IReadOnlyList<ScoreEvidence> Adjustments);

public sealed record CreditScore(int PolicyVersion, DateOnly AsOf, decimal Total, IReadOnlyList<IndicatorScore> Indicators)
{
    public IndicatorScore For(CreditIndicator indicator) => Indicators.Single(i => i.Indicator == indicator);
}
