using Portal.Domain.Common;

namespace Portal.Domain.Tariffs;

public enum BillLineKind
{
    Energy = 0,
    BasicCapacity = 1,
    BasicDemand = 2,
    /// <summary>Demand above the 105% threshold, at the excess (double) price.</summary>
    BasicDemandExcess = 3,
    PowerFactor = 4,
    FixedFee = 5,
    GreenPremium = 6,
    Surcharge = 7,
}

/// <summary>
/// One line of a bill: Amount = Quantity × UnitPrice rounded half-up to the fen. <see cref="Code"/> is unique in
/// the bill and stable ("energy.t2.peak", "basic.demand.excess", "surcharge.REN"); <see cref="DescriptionKey"/>
/// is the localization key ("Tariff.Line.Energy"), to be filled with Period / Tier / the surcharge code.
/// The power-factor line has Quantity = the base in ¥, Unit "CNY" and UnitPrice = the rate (0.005 = +0.5%).
/// </summary>
public sealed record CalculatedBillLine(
    string Code,
    BillLineKind Kind,
    string DescriptionKey,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    Money Amount,
    TouPeriod? Period = null,
    int? Tier = null);

public sealed record PeriodKwh(TouPeriod Period, decimal Kwh);

/// <summary>Tier numbers are 1-based as printed on bills.</summary>
public sealed record TierKwh(int Tier, decimal Kwh);

/// <summary>
/// The energy charge split into what the base price, the TOU spread and the tier adders contribute
/// (Σ kWh × base, Σ kWh × (period price − base), Σ kWh × adder), unrounded. The bill-change explainer
/// attributes a change to each of them.
/// </summary>
public sealed record EnergyComponents(decimal BaseAmount, decimal TimeOfUseAmount, decimal TierAmount);

public sealed record PowerFactorAdjustment(
    PowerFactorStandard Standard,
    decimal PowerFactor,
    decimal AdjustmentPercent,
    Money Base,
    Money Amount);

/// <summary>A priced billing period. Produced by <see cref="BillCalculator"/>; pure data for UI, PDF and storage.</summary>
public sealed record CalculatedBill
{
    public required string PackageCode { get; init; }
    public required int PackageVersion { get; init; }
    public required BillingPeriod Period { get; init; }
    public int Days => Period.Days;
    public required IReadOnlyList<CalculatedBillLine> Lines { get; init; }
    /// <summary>Basic + energy charge: the electricity charge the power-factor adjustment is a percentage of.</summary>
    public required Money Subtotal { get; init; }
    /// <summary>Sum of all lines (each already rounded to the fen).</summary>
    public required Money Total { get; init; }
    public required decimal TotalKwh { get; init; }
    /// <summary>Empty when the package has no TOU schedule.</summary>
    public required IReadOnlyList<PeriodKwh> KwhByPeriod { get; init; }
    /// <summary>Empty when the package has no tiers.</summary>
    public required IReadOnlyList<TierKwh> KwhByTier { get; init; }
    /// <summary>Highest tier with energy in this period; 0 without tiers.</summary>
    public required int HighestTier { get; init; }
    /// <summary>Cumulative kWh of the tier cycle at the end of the period: pass it as the next period's tierKwhBefore.</summary>
    public required decimal TierKwhAfter { get; init; }
    public required EnergyComponents EnergyComponents { get; init; }
    /// <summary>TOU season names the period touched, in date order.</summary>
    public required IReadOnlyList<string> Seasons { get; init; }
    public required decimal MaxDemandKw { get; init; }
    public decimal? DeclaredDemandKw { get; init; }
    /// <summary>Measured power factor (rounded to 0.01) where reactive data exists, whether or not the package adjusts for it.</summary>
    public decimal? PowerFactor { get; init; }
    /// <summary>Metered kWh, kvarh and hours of the days with reactive data: the PF inputs.</summary>
    public decimal PfActiveKwh { get; init; }
    public decimal PfReactiveKvarh { get; init; }
    public decimal PfHours { get; init; }
    public PowerFactorAdjustment? PowerFactorAdjustment { get; init; }
    public required int EstimatedIntervals { get; init; }
    public required int UpstreamEstimatedIntervals { get; init; }
    public required int ExpectedIntervals { get; init; }
    public required EstimationMethod Estimation { get; init; }
    /// <summary>Localization keys of remarks: Bill.EstimatedIntervals, Bill.NotEligible, Bill.PowerFactorNoReactiveData.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public Money AmountOf(BillLineKind kind)
    {
        var sum = Money.Zero;
        foreach (var l in Lines) if (l.Kind == kind) sum += l.Amount;
        return sum;
    }

    public Money BasicAmount => AmountOf(BillLineKind.BasicCapacity) + AmountOf(BillLineKind.BasicDemand) + AmountOf(BillLineKind.BasicDemandExcess);
}
