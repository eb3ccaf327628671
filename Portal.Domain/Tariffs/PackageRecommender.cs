using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Usage;

namespace Portal.Domain.Tariffs;

/// <summary>
/// A what-if applied to the replayed year before pricing: move a share of peak + critical-peak kWh to valley
/// (under the schedule of the first package with TOU, current first) and cut all use by a share. Percent 0–100.
/// </summary>
public sealed record WhatIf(decimal ShiftPeakToValleyPercent = 0m, decimal CutOverallPercent = 0m);

public enum RecommendationConfidence
{
    Sufficient = 0,
    /// <summary>Fewer than 9 months covered or under 75% of readings present: no options are priced.</summary>
    InsufficientData = 1,
}

/// <summary>
/// How much of the 12-month window has data. A month counts as covered when at least half of its expected
/// readings are present, so a month with a stray reading does not count.
/// </summary>
public sealed record DataCoverage(DateOnly WindowStart, DateOnly WindowEnd, int MonthsCovered, int ExpectedReadings, int PresentReadings)
{
    public const int MinMonthsCovered = 9;
    public const decimal MinPresentShare = 0.75m;

    public decimal PresentShare => ExpectedReadings == 0 ? 0m : (decimal)PresentReadings / ExpectedReadings;
    public bool IsSufficient => MonthsCovered >= MinMonthsCovered && PresentShare >= MinPresentShare;
}

public enum CostComponent
{
    Energy = 0,
    Basic = 1,
    PowerFactor = 2,
    FixedFee = 3,
    GreenPremium = 4,
    Surcharges = 5,
}

/// <summary>
/// Why a candidate costs more or less than the current package over the year, one structured row for the UI to
/// phrase ("peak kWh cost ¥X more"). Energy rows carry a TOU period (when either package has TOU) or a tier.
/// </summary>
public sealed record CostDriver(CostComponent Component, TouPeriod? Period, int? Tier, decimal Kwh, Money Current, Money Candidate)
{
    public Money Difference => Candidate - Current;
}

public sealed record PackageCost(string PackageCode, int PackageVersion, Money AnnualCost, IReadOnlyList<CalculatedBill> MonthlyBills);

public sealed record PackageOption(PackageCost Cost, Money SavingVsCurrent, IReadOnlyList<CostDriver> Drivers);

/// <summary>Options are ordered cheapest first; empty when confidence is <see cref="RecommendationConfidence.InsufficientData"/>.</summary>
public sealed record Recommendation(
    RecommendationConfidence Confidence,
    DataCoverage Coverage,
    PackageCost? Current,
    IReadOnlyList<PackageOption> Options,
    IReadOnlyList<string> SkippedIneligible,
    WhatIf? WhatIf);

/// <summary>
/// Replays the last 12 complete calendar months before <c>asOf</c> through the current and every eligible
/// package (12 monthly bills each, tier state carried month to month) and compares annual costs.
/// <para>
/// Annual tiers: the window rarely starts on the tariff year's first month, and the months of the tariff year
/// before the window are not in it. Their kWh are stood in for by the same calendar months of the window (a
/// June–May window starts June with January–May's kWh already used), so each package sees one full tariff year.
/// </para>
/// </summary>
public static class PackageRecommender
{
    public static Recommendation Recommend(
        TariffPackage current,
        IReadOnlyList<TariffPackage> candidates,
        AccountProfile profile,
        IReadOnlyList<DayReadings> readings,
        DateOnly asOf,
        WhatIf? whatIf = null,
        decimal? declaredDemandKw = null)
    {
        if (whatIf is { } w && (w.ShiftPeakToValleyPercent is < 0 or > 100 || w.CutOverallPercent is < 0 or > 100))
            throw new DomainException("Tariff.WhatIfOutOfRange", "What-if percentages must be between 0 and 100.");

        var windowEnd = new DateOnly(asOf.Year, asOf.Month, 1);
        var windowStart = windowEnd.AddMonths(-12);
        var months = new PeriodUsage[12];
        for (var m = 0; m < 12; m++)
        {
            var period = new BillingPeriod(windowStart.AddMonths(m), windowStart.AddMonths(m + 1));
            months[m] = PeriodUsage.Prepare(period, readings.Where(r => period.Contains(r.Date)));
        }
        var coverage = new DataCoverage(windowStart, windowEnd,
            months.Count(u => u.PresentIntervals * 2 >= u.ExpectedIntervals),
            months.Sum(u => u.ExpectedIntervals), months.Sum(u => u.PresentIntervals));

        var eligible = new List<TariffPackage>();
        var skipped = new List<string>();
        foreach (var c in candidates)
        {
            if (c.Code == current.Code && c.Version == current.Version) continue;
            if (c.IsEligibleFor(profile)) eligible.Add(c);
            else skipped.Add(c.Code);
        }
        if (!coverage.IsSufficient)
            return new Recommendation(RecommendationConfidence.InsufficientData, coverage, null, [], skipped, whatIf);

        var compiledCurrent = CompiledTariff.Compile(current);
        var compiled = eligible.Select(CompiledTariff.Compile).ToList();
        if (whatIf is { } wi && (wi.ShiftPeakToValleyPercent > 0 || wi.CutOverallPercent > 0))
        {
            var reference = compiledCurrent.HasTimeOfUse ? compiledCurrent : compiled.FirstOrDefault(c => c.HasTimeOfUse);
            for (var m = 0; m < 12; m++)
                months[m] = months[m].WithWhatIf(reference, wi.ShiftPeakToValleyPercent / 100m, wi.CutOverallPercent / 100m);
        }

        var currentCost = PriceYear(compiledCurrent, profile, months, declaredDemandKw);
        var options = compiled
            .Select(c => PriceYear(c, profile, months, declaredDemandKw))
            .Select(cost => new PackageOption(cost, currentCost.AnnualCost - cost.AnnualCost, Drivers(currentCost, cost)))
            .OrderBy(o => o.Cost.AnnualCost)
            .ToList();
        return new Recommendation(RecommendationConfidence.Sufficient, coverage, currentCost, options, skipped, whatIf);
    }

    /// <summary>Twelve monthly bills in order, the tier state of each month carried into the next.</summary>
    public static PackageCost PriceYear(CompiledTariff tariff, AccountProfile profile, IReadOnlyList<PeriodUsage> months, decimal? declaredDemandKw = null)
    {
        var bills = new CalculatedBill[months.Count];
        var tierKwh = InitialTierKwh(tariff, months);
        var declared = tariff.Package.Basic?.Method == BasicChargeMethod.Demand ? declaredDemandKw : null;
        for (var m = 0; m < months.Count; m++)
        {
            bills[m] = BillCalculator.Calculate(tariff, profile, months[m], tierKwh, declared);
            tierKwh = bills[m].TierKwhAfter;
        }
        return new PackageCost(tariff.Package.Code, tariff.Package.Version, Money.Sum(bills.Select(b => b.Total)), bills);
    }

    private static decimal InitialTierKwh(CompiledTariff tariff, IReadOnlyList<PeriodUsage> months)
    {
        if (tariff.Package.Energy.Tiers is not { Basis: TierBasis.Annual } tiers || months.Count == 0) return 0m;
        var startMonth = months[0].Period.Start.Month;
        long wh = 0;
        foreach (var u in months)
        {
            var m = u.Period.Start.Month;
            // Months from the cycle start up to (not including) the window's first month, cyclically.
            var sinceCycleStart = (m - tiers.CycleStartMonth + 12) % 12;
            var windowSinceCycleStart = (startMonth - tiers.CycleStartMonth + 12) % 12;
            if (sinceCycleStart < windowSinceCycleStart) wh += u.TotalWh;
        }
        return wh / 1000m;
    }

    private sealed class YearTotals
    {
        public bool HasTou;
        public bool HasTiers;
        public readonly decimal[] KwhByPeriod = new decimal[5];
        public readonly Money[] EnergyByPeriod = new Money[5];
        public readonly Dictionary<int, (decimal Kwh, Money Amount)> ByTier = [];
        public decimal Kwh;
        public Money Energy, Basic, PowerFactor, FixedFee, Green, Surcharges;
    }

    private static YearTotals Totals(PackageCost cost)
    {
        var t = new YearTotals();
        foreach (var bill in cost.MonthlyBills)
        {
            t.Kwh += bill.TotalKwh;
            foreach (var l in bill.Lines)
            {
                switch (l.Kind)
                {
                    case BillLineKind.Energy:
                        t.Energy += l.Amount;
                        if (l.Period is { } p) { t.HasTou = true; t.KwhByPeriod[(int)p] += l.Quantity; t.EnergyByPeriod[(int)p] += l.Amount; }
                        var tier = l.Tier ?? 1;
                        t.HasTiers |= l.Tier is not null;
                        t.ByTier[tier] = t.ByTier.TryGetValue(tier, out var x) ? (x.Kwh + l.Quantity, x.Amount + l.Amount) : (l.Quantity, l.Amount);
                        break;
                    case BillLineKind.BasicCapacity or BillLineKind.BasicDemand or BillLineKind.BasicDemandExcess: t.Basic += l.Amount; break;
                    case BillLineKind.PowerFactor: t.PowerFactor += l.Amount; break;
                    case BillLineKind.FixedFee: t.FixedFee += l.Amount; break;
                    case BillLineKind.GreenPremium: t.Green += l.Amount; break;
                    case BillLineKind.Surcharge: t.Surcharges += l.Amount; break;
                }
            }
        }
        return t;
    }

    /// <summary>
    /// Energy by TOU period when either side has TOU: a side without TOU has its energy cost spread over the
    /// periods in proportion to their kWh (its average price × the period's kWh), so the rows compare like with
    /// like. Otherwise energy by tier (untiered energy counts as tier 1). Then the other components.
    /// Ordered by the size of the difference.
    /// </summary>
    private static List<CostDriver> Drivers(PackageCost current, PackageCost candidate)
    {
        var a = Totals(current);
        var b = Totals(candidate);
        var drivers = new List<CostDriver>();
        if (a.HasTou || b.HasTou)
        {
            var kwhSource = b.HasTou ? b : a;
            for (var p = 0; p < 5; p++)
            {
                var kwh = kwhSource.KwhByPeriod[p];
                if (kwh == 0) continue;
                Money Share(YearTotals t) => t.HasTou ? t.EnergyByPeriod[p] : t.Kwh == 0 ? Money.Zero : new Money(t.Energy.Yuan * kwh / kwhSource.Kwh).RoundToFen();
                drivers.Add(new CostDriver(CostComponent.Energy, (TouPeriod)p, null, kwh, Share(a), Share(b)));
            }
        }
        else
        {
            foreach (var tier in a.ByTier.Keys.Union(b.ByTier.Keys).Order())
            {
                var x = a.ByTier.GetValueOrDefault(tier);
                var y = b.ByTier.GetValueOrDefault(tier);
                drivers.Add(new CostDriver(CostComponent.Energy, null, a.HasTiers || b.HasTiers ? tier : null, Math.Max(x.Kwh, y.Kwh), x.Amount, y.Amount));
            }
        }
        void Component(CostComponent c, Money x, Money y)
        {
            if (x != Money.Zero || y != Money.Zero) drivers.Add(new CostDriver(c, null, null, 0m, x, y));
        }
        Component(CostComponent.Basic, a.Basic, b.Basic);
        Component(CostComponent.PowerFactor, a.PowerFactor, b.PowerFactor);
        Component(CostComponent.FixedFee, a.FixedFee, b.FixedFee);
        Component(CostComponent.GreenPremium, a.Green, b.Green);
        Component(CostComponent.Surcharges, a.Surcharges, b.Surcharges);
        return drivers.OrderByDescending(d => Math.Abs(d.Difference.Yuan)).ToList();
    }
}
