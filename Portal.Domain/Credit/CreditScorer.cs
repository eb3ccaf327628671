namespace Portal.Domain.Credit;

/// <summary>
/// Facts in, score out. Deterministic: the same policy, facts and date give the same score and the same
/// ordering of evidence. Rounding is half-up to two decimals on each indicator's raw and weighted points; the
/// total is the sum of the rounded weighted points so the breakdown adds up on screen.
/// </summary>
public static class CreditScorer
{
    public static CreditScore Score(CreditPolicy policy, CreditFacts facts, DateOnly asOf)
    {
        var indicators = new List<IndicatorScore>();
        foreach (var definition in policy.Indicators)
        {
            var factors = definition.Factors
                .Select(f =>
                {
                    var (value, evidence) = Measure(f.Metric, f.LookbackMonths, facts, asOf);
                    var points = f.PointsFor(value);
                    return new FactorScore(f.Metric, value, points, f.SharePercent, points * f.SharePercent / 100m, evidence);
                })
                .ToList();

            var adjustments = facts.ManualAdjustments
                .Where(a => a.Indicator == definition.Indicator && a.On <= asOf)
                .OrderBy(a => a.On).ThenBy(a => a.AdjustmentId, StringComparer.Ordinal)
                .Select(a => new ScoreEvidence(EvidenceCodes.ManualAdjustment, a.AdjustmentId, a.On, a.Points))
                .ToList();

            var raw = Round2(Math.Clamp(factors.Sum(f => f.Contribution) + adjustments.Sum(a => a.Value), 0m, 100m));
            var weighted = Round2(raw * definition.WeightPercent / 100m);
            indicators.Add(new IndicatorScore(definition.Indicator, raw, definition.WeightPercent, weighted, factors, adjustments));
        }

        return new CreditScore(policy.Version, asOf, indicators.Sum(i => i.WeightedPoints), indicators);
    }

    internal static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static (decimal Value, IReadOnlyList<ScoreEvidence> Evidence) Measure(
        CreditMetric metric, int lookback, CreditFacts facts, DateOnly asOf)
    {
        bool InWindow(DateOnly d) => FreezeTriggers.InWindow(d, asOf, lookback);

        switch (metric)
        {
            case CreditMetric.OnTimePaymentRatePercent:
                {
                    var due = facts.Bills.Where(b => InWindow(b.DueOn)).OrderBy(b => b.DueOn).ThenBy(b => b.BillId, StringComparer.Ordinal).ToList();
                    var evidence = due.Select(b => BillEvidence(b, asOf)).ToList();
                    var rate = due.Count == 0 ? 100m : Round2(100m * due.Count(b => b.WasPaidOnTime(asOf)) / due.Count);
                    return (rate, evidence);
                }
            case CreditMetric.MaxDaysLate:
                {
                    var late = facts.Bills.Where(b => InWindow(b.DueOn) && b.DaysLate(asOf) > 0)
                        .OrderBy(b => b.DueOn).ThenBy(b => b.BillId, StringComparer.Ordinal).ToList();
                    return (late.Count == 0 ? 0m : late.Max(b => b.DaysLate(asOf)), late.Select(b => BillEvidence(b, asOf)).ToList());
                }
            case CreditMetric.OldestArrearsDays:
                {
                    var unpaid = facts.Bills.Where(b => b.DueOn < asOf && !b.IsSettledBy(asOf))
                        .OrderBy(b => b.DueOn).ThenBy(b => b.BillId, StringComparer.Ordinal).ToList();
                    return (unpaid.Count == 0 ? 0m : unpaid.Max(b => b.DaysLate(asOf)), unpaid.Select(b => BillEvidence(b, asOf)).ToList());
                }
            case CreditMetric.HazardsFound:
            case CreditMetric.MajorHazardsFound:
                {
                    var major = metric == CreditMetric.MajorHazardsFound;
                    var found = facts.Hazards.Where(h => InWindow(h.FoundOn) && (!major || h.Severity == Safety.HazardSeverity.Major))
                        .OrderBy(h => h.FoundOn).ThenBy(h => h.HazardId, StringComparer.Ordinal).ToList();
                    var code = major ? EvidenceCodes.MajorHazardFound : EvidenceCodes.HazardFound;
                    return (found.Count, found.Select(h => new ScoreEvidence(code, h.HazardId, h.FoundOn, 1m)).ToList());
                }
            case CreditMetric.SupplyRuleViolations:
            case CreditMetric.TheftRecords:
                {
                    var kind = metric == CreditMetric.TheftRecords ? ViolationKind.Theft : ViolationKind.SupplyRuleViolation;
                    var code = kind == ViolationKind.Theft ? EvidenceCodes.Theft : EvidenceCodes.SupplyRuleViolation;
                    var hits = facts.Violations.Where(v => v.Kind == kind && InWindow(v.OccurredOn))
                        .OrderBy(v => v.OccurredOn).ThenBy(v => v.ViolationId, StringComparer.Ordinal).ToList();
                    return (hits.Count, hits.Select(v => new ScoreEvidence(code, v.ViolationId, v.OccurredOn, 1m)).ToList());
                }
            case CreditMetric.OnTimeRectificationRatePercent:
                {
                    // Only hazards whose outcome is known: fixed, or past the deadline. A hazard still within its
                    // deadline neither helps nor hurts yet.
                    var decided = facts.Hazards.Where(h => InWindow(h.FoundOn) && (h.IsFixedBy(asOf) || h.Deadline < asOf))
                        .OrderBy(h => h.Deadline).ThenBy(h => h.HazardId, StringComparer.Ordinal).ToList();
                    var rate = decided.Count == 0 ? 100m : Round2(100m * decided.Count(h => h.WasFixedOnTime(asOf)) / decided.Count);
                    return (rate, decided.Select(h => HazardEvidence(h, asOf)).ToList());
                }
            case CreditMetric.MaxDaysPastRectificationDeadline:
                {
                    var late = facts.Hazards.Where(h => InWindow(h.FoundOn) && h.DaysPastDeadline(asOf) > 0)
                        .OrderBy(h => h.Deadline).ThenBy(h => h.HazardId, StringComparer.Ordinal).ToList();
                    return (late.Count == 0 ? 0m : late.Max(h => h.DaysPastDeadline(asOf)), late.Select(h => HazardEvidence(h, asOf)).ToList());
                }
            case CreditMetric.AnnualKwh:
                return Attribute(facts.AnnualKwh);
            case CreditMetric.AnnualRevenueYuan:
                return Attribute(facts.AnnualRevenueYuan);
            case CreditMetric.VoltageLevelRank:
                return Attribute((int)facts.Profile.Voltage);
            case CreditMetric.ContractedCapacityKva:
                return Attribute(facts.Profile.ContractedCapacityKva);
            default:
                throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown credit metric.");
        }

        (decimal, IReadOnlyList<ScoreEvidence>) Attribute(decimal value) =>
            (value, [new ScoreEvidence(EvidenceCodes.AccountAttribute, "account", asOf, value)]);
    }

    private static ScoreEvidence BillEvidence(BillFact bill, DateOnly asOf)
    {
        if (bill.WasPaidOnTime(asOf)) return new(EvidenceCodes.BillPaidOnTime, bill.BillId, bill.PaidOn!.Value, 0m);
        if (bill.IsSettledBy(asOf)) return new(EvidenceCodes.BillPaidLate, bill.BillId, bill.PaidOn!.Value, bill.DaysLate(asOf));
        return new(EvidenceCodes.BillUnpaid, bill.BillId, bill.DueOn, bill.DaysLate(asOf));
    }

    private static ScoreEvidence HazardEvidence(HazardFact hazard, DateOnly asOf)
    {
        if (hazard.WasFixedOnTime(asOf)) return new(EvidenceCodes.HazardFixedOnTime, hazard.HazardId, hazard.FixedOn!.Value, 0m);
        if (hazard.IsFixedBy(asOf)) return new(EvidenceCodes.HazardFixedLate, hazard.HazardId, hazard.FixedOn!.Value, hazard.DaysPastDeadline(asOf));
        return new(EvidenceCodes.HazardOverdue, hazard.HazardId, hazard.Deadline, hazard.DaysPastDeadline(asOf));
    }
}
