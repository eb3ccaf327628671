using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Usage;

namespace Portal.Domain.Tariffs;

public sealed record MonthDemand(int Year, int Month, decimal MaxDemandKw);

/// <summary>
/// Capacity vs demand billing over the months given. <see cref="BestDeclaredKw"/> minimises the annual demand
/// charge under the 105% rule at 1 kW steps from the 40% floor; ties go to the lower declaration.
/// </summary>
public sealed record BasicChargeAdvice(
    IReadOnlyList<MonthDemand> Months,
    Money AnnualByCapacity,
    decimal BestDeclaredKw,
    Money AnnualByDemandAtBest,
    decimal? CurrentDeclaredKw,
    Money? AnnualByDemandAtCurrent,
    decimal MinimumDeclaredKw,
    BasicChargeMethod CheaperMethod,
    Money AnnualSaving);

/// <summary>One way to improve the power factor and what it would be worth per billing period.</summary>
public sealed record PowerFactorTarget(decimal TargetPowerFactor, decimal AdjustmentPercent, decimal CompensationKvar, Money AdjustmentAtTarget, Money Saving);

/// <summary>
/// Targets: the next 0.01 step that lowers the adjustment, the standard itself (no surcharge) when below it, and
/// the PF that earns the largest reduction. CompensationKvar = P·(tan φ1 − tan φ2) with P the average kW.
/// </summary>
public sealed record PowerFactorExplanation(
    PowerFactorStandard Standard,
    decimal PowerFactor,
    decimal AdjustmentPercent,
    Money AdjustmentPaid,
    decimal AverageKw,
    IReadOnlyList<PowerFactorTarget> Targets);

/// <summary>Advice for two-part business accounts: basic-charge method, contract demand, power factor.</summary>
public static class BusinessAdvisor
{
    /// <summary>Each calendar month's maximum demand over the 12 complete months before <paramref name="asOf"/> that have readings.</summary>
    public static IReadOnlyList<MonthDemand> MonthlyMaxDemand(IEnumerable<DayReadings> readings, DateOnly asOf)
    {
        var end = new DateOnly(asOf.Year, asOf.Month, 1);
        var start = end.AddMonths(-12);
        return readings
            .Where(r => r.Date >= start && r.Date < end)
            .GroupBy(r => (r.Date.Year, r.Date.Month))
            .OrderBy(g => g.Key)
            .Select(g => new MonthDemand(g.Key.Year, g.Key.Month, g.Max(r => Math.Max(0m, r.MaxDemandKw))))
            .ToList();
    }

    public static BasicChargeAdvice AdviseBasicCharge(AccountProfile profile, IReadOnlyList<MonthDemand> months,
        decimal capacityPricePerKvaMonth, BasicCharge demandTerms, decimal? currentDeclaredKw = null)
    {
        if (months.Count == 0) throw new DomainException("Tariff.NoDemandData", "No monthly maximum demand to advise on.");
        if (demandTerms.Method != BasicChargeMethod.Demand) throw new DomainException("Tariff.NotDemandTerms", "Demand terms are needed for the demand side.");

        var byCapacity = new Money(profile.ContractedCapacityKva * capacityPricePerKvaMonth).RoundToFen() * months.Count;
        var floor = DemandBilling.MinimumDeclaredKw(demandTerms, profile.ContractedCapacityKva);
        var from = Math.Max(1m, Math.Ceiling(floor));
        // Above the highest month the charge only grows, so the search can stop there.
        var to = Math.Max(from, Math.Ceiling(months.Max(m => m.MaxDemandKw)));

        var best = from;
        var bestCost = Annual(demandTerms, from, months);
        for (var d = from + 1; d <= to; d++)
        {
            var cost = Annual(demandTerms, d, months);
            if (cost < bestCost) { best = d; bestCost = cost; }
        }
        Money? atCurrent = currentDeclaredKw is { } c ? Annual(demandTerms, c, months) : null;
        var cheaper = bestCost < byCapacity ? BasicChargeMethod.Demand : BasicChargeMethod.Capacity;
        var saving = cheaper == BasicChargeMethod.Demand ? byCapacity - bestCost : bestCost - byCapacity;
        return new BasicChargeAdvice(months, byCapacity, best, bestCost, currentDeclaredKw, atCurrent, floor, cheaper, saving);
    }

    private static Money Annual(BasicCharge terms, decimal declaredKw, IReadOnlyList<MonthDemand> months)
    {
        var sum = Money.Zero;
        foreach (var m in months) sum += DemandBilling.MonthlyCharge(terms, declaredKw, m.MaxDemandKw);
        return sum;
    }

    /// <summary>Explains the power factor of a bill whose package adjusts for it.</summary>
    public static PowerFactorExplanation ExplainPowerFactor(CalculatedBill bill)
    {
        if (bill.PowerFactorAdjustment is not { } adj)
            throw new DomainException("Tariff.NoPowerFactorAdjustment", "The bill has no power-factor adjustment to explain.");
        return ExplainPowerFactor(adj.Standard, bill.PfActiveKwh, bill.PfReactiveKvarh, bill.PfHours, adj.Base);
    }

    /// <param name="adjustmentBase">Basic + energy charge the percentage applies to (the bill's subtotal).</param>
    public static PowerFactorExplanation ExplainPowerFactor(PowerFactorStandard standard, decimal kwh, decimal kvarh, decimal hours, Money adjustmentBase)
    {
        if (hours <= 0) throw new DomainException("Tariff.NoHours", "The period has no hours of reactive data.");
        var h = PowerFactorTables.RoundedPfHundredths(kwh, kvarh);
        var percent = PowerFactorTables.AdjustmentPercent(standard, h);
        var paid = new Money(adjustmentBase.Yuan * percent / 100m).RoundToFen();
        var averageKw = kwh / hours;
        var tan1 = kwh == 0 ? 0d : (double)kvarh / (double)kwh;

        var targets = new List<PowerFactorTarget>();
        void Target(int pf)
        {
            if (pf <= h || targets.Any(t => t.TargetPowerFactor == pf / 100m)) return;
            var targetPercent = PowerFactorTables.AdjustmentPercent(standard, pf);
            var cos2 = pf / 100d;
            var tan2 = Math.Sqrt(1 - cos2 * cos2) / cos2;
            var kvar = Math.Max(0d, (double)averageKw * (tan1 - tan2));
            var atTarget = new Money(adjustmentBase.Yuan * targetPercent / 100m).RoundToFen();
            targets.Add(new PowerFactorTarget(pf / 100m, targetPercent, Math.Round((decimal)kvar, 1, MidpointRounding.AwayFromZero), atTarget, paid - atTarget));
        }
        // The next step that actually changes the adjustment (above the best band nothing does).
        for (var pf = h + 1; pf <= PowerFactorTables.BestPfHundredths(standard); pf++)
            if (PowerFactorTables.AdjustmentPercent(standard, pf) < percent) { Target(pf); break; }
        Target((int)standard);
        Target(PowerFactorTables.BestPfHundredths(standard));
        return new PowerFactorExplanation(standard, h / 100m, percent, paid, averageKw, targets.OrderBy(t => t.TargetPowerFactor).ToList());
    }
}
