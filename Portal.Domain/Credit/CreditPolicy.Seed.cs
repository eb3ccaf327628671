namespace Portal.Domain.Credit;

public sealed partial class CreditPolicy
{
    /// <summary>
    /// DOMAIN.md's seeded scheme, published as version 1. Hysteresis: A entry ≥ 90 / exit &lt; 85, B entry ≥ 70 /
    /// exit &lt; 65, C the floor. The 5-point gap is about one late payment in a year (see the scorer tests), so
    /// one slip keeps the tier and a pattern loses it. Band values are starting points for admins, not law.
    /// </summary>
    public static CreditPolicy SeedDefault(DateOnly? effectiveFrom = null)
    {
        var from = effectiveFrom ?? new DateOnly(2025, 1, 1);
        var p = CreateDraft(1, from);

        p.SetIndicatorWeight(CreditIndicator.PaymentTimeliness, 40m);
        p.SetFactor(CreditIndicator.PaymentTimeliness, CreditMetric.OnTimePaymentRatePercent, 50m, 12,
            Bands((0, 0), (50, 40), (80, 70), (90, 85), (95, 95), (100, 100)));
        p.SetFactor(CreditIndicator.PaymentTimeliness, CreditMetric.MaxDaysLate, 25m, 12,
            Bands((0, 100), (1, 90), (6, 75), (16, 50), (31, 20), (61, 0)));
        p.SetFactor(CreditIndicator.PaymentTimeliness, CreditMetric.OldestArrearsDays, 25m, 0,
            Bands((0, 100), (1, 60), (31, 30), (61, 0)));

        p.SetIndicatorWeight(CreditIndicator.UsageSafetyRisk, 25m);
        p.SetFactor(CreditIndicator.UsageSafetyRisk, CreditMetric.HazardsFound, 20m, 24,
            Bands((0, 100), (1, 80), (2, 60), (4, 30)));
        p.SetFactor(CreditIndicator.UsageSafetyRisk, CreditMetric.MajorHazardsFound, 20m, 24,
            Bands((0, 100), (1, 50), (2, 0)));
        p.SetFactor(CreditIndicator.UsageSafetyRisk, CreditMetric.SupplyRuleViolations, 30m, 36,
            Bands((0, 100), (1, 40), (2, 0)));
        p.SetFactor(CreditIndicator.UsageSafetyRisk, CreditMetric.TheftRecords, 30m, 60,
            Bands((0, 100), (1, 0)));

        // kWh rather than revenue so one table serves households and businesses: any business clears the top band.
        p.SetIndicatorWeight(CreditIndicator.Contribution, 10m);
        p.SetFactor(CreditIndicator.Contribution, CreditMetric.AnnualKwh, 100m, 0,
            Bands((0, 60), (1000, 75), (2000, 85), (3000, 95), (10000, 100)));

        // Households start at 80 here, so a perfect household still reaches A.
        p.SetIndicatorWeight(CreditIndicator.VoltageAndCapacity, 10m);
        p.SetFactor(CreditIndicator.VoltageAndCapacity, CreditMetric.VoltageLevelRank, 50m, 0,
            Bands((0, 80), (1, 90), (2, 100)));
        p.SetFactor(CreditIndicator.VoltageAndCapacity, CreditMetric.ContractedCapacityKva, 50m, 0,
            Bands((0, 80), (100, 90), (315, 100)));

        p.SetIndicatorWeight(CreditIndicator.HazardRectification, 15m);
        p.SetFactor(CreditIndicator.HazardRectification, CreditMetric.OnTimeRectificationRatePercent, 60m, 24,
            Bands((0, 0), (50, 50), (80, 80), (100, 100)));
        p.SetFactor(CreditIndicator.HazardRectification, CreditMetric.MaxDaysPastRectificationDeadline, 40m, 24,
            Bands((0, 100), (1, 70), (8, 40), (31, 0)));

        p.SetTierRule(CreditTier.A, 90m, 85m);
        p.SetTierRule(CreditTier.B, 70m, 65m);
        p.SetTierRule(CreditTier.C, 0m, 0m);

        p.GrantPrivilege(CreditTier.A, PrivilegeKind.DepositWaiver);
        p.GrantPrivilege(CreditTier.A, PrivilegeKind.DeferredPaymentDays, 15);
        p.GrantPrivilege(CreditTier.A, PrivilegeKind.BillFinancing);
        p.GrantPrivilege(CreditTier.A, PrivilegeKind.PriorityComplaintHandling);
        p.GrantPrivilege(CreditTier.A, PrivilegeKind.DedicatedCustomerManager);
        p.GrantPrivilege(CreditTier.B, PrivilegeKind.DeferredPaymentDays, 7);

        p.SetFreezeRule(FreezeTrigger.Theft, 24);
        p.SetFreezeRule(FreezeTrigger.SupplyRuleViolation, 12);
        p.SetFreezeRule(FreezeTrigger.MajorHazardOverdue, 12);
        p.SetFreezeRule(FreezeTrigger.BillUnpaid, 12);

        p.SetNewCustomerRule(CreditTier.B, 12);
        p.SetPromotionRules(maxTiersUpPerReview: 1, recoveryMonths: 6);
        p.SetUnpaidBillTriggerMonths(3);

        p.Publish(from);
        return p;
    }

    private static IEnumerable<ScoreBand> Bands(params (decimal AtLeast, decimal Points)[] bands) =>
        bands.Select(b => new ScoreBand(b.AtLeast, b.Points));
}
