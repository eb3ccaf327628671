using System.Text.Json.Serialization;
using Portal.Domain.Accounts;

namespace Portal.Domain.Tariffs;

/// <summary>
/// A tariff package (电费套餐) as editable data: the admin edits JSON, <see cref="TariffPackageValidator"/> checks it,
/// <see cref="BillCalculator"/> prices usage with it. Plain records with init properties so System.Text.Json
/// round-trips them (see <see cref="TariffPackageJson"/>); nothing here is a constant of a region.
/// Prices are ¥ (yuan) excluding nothing: they are what the customer pays per unit.
/// </summary>
public sealed record TariffPackage
{
    /// <summary>Stable code, e.g. "XJ-BIZ-TOU". (Code, Version) identifies one published price list.</summary>
    public string Code { get; init; } = "";
    public LocalizedText Name { get; init; } = new();
    public int Version { get; init; } = 1;
    public TariffEligibility Eligibility { get; init; } = new();
    public EnergyCharge Energy { get; init; } = new();
    /// <summary>Two-part tariffs only; null for single-part.</summary>
    public BasicCharge? Basic { get; init; }
    /// <summary>Null: no power-factor adjustment under this package.</summary>
    public PowerFactorRule? PowerFactor { get; init; }
    /// <summary>¥ per month, prorated by days for partial months.</summary>
    public decimal FixedMonthlyFee { get; init; }
    /// <summary>Green-power premium, ¥/kWh on all kWh. Kept out of the power-factor base: it buys certificates, not supply.</summary>
    public decimal GreenPremiumPerKwh { get; init; }
    /// <summary>Government funds and surcharges (政府性基金及附加), ¥/kWh; excluded from the power-factor base.</summary>
    public IReadOnlyList<Surcharge> Surcharges { get; init; } = [];

    public bool IsEligibleFor(AccountProfile profile) => Eligibility.Admits(profile);
}

public sealed record LocalizedText
{
    [JsonPropertyName("zh-CN")] public string ZhCn { get; init; } = "";
    [JsonPropertyName("en-US")] public string EnUs { get; init; } = "";
}

/// <summary>Who may choose the package. Capacity range is [Min, Max): "two-part from 315 kVA" means Min = 315.</summary>
public sealed record TariffEligibility
{
    public IReadOnlyList<CustomerType> CustomerTypes { get; init; } = [];
    public IReadOnlyList<VoltageLevel> VoltageLevels { get; init; } = [];
    public decimal? MinCapacityKva { get; init; }
    public decimal? MaxCapacityKva { get; init; }
    /// <summary>Only supplies with registered individual electric heating (the residential heating price, DOMAIN.md).</summary>
    public bool RequiresElectricHeating { get; init; }

    public bool Admits(AccountProfile p) =>
        CustomerTypes.Contains(p.Type)
        && VoltageLevels.Contains(p.Voltage)
        && (MinCapacityKva is null || p.ContractedCapacityKva >= MinCapacityKva)
        && (MaxCapacityKva is null || p.ContractedCapacityKva < MaxCapacityKva)
        && (!RequiresElectricHeating || p.HasElectricHeating);
}

/// <summary>
/// Energy charge. The day's base price is: a <see cref="SeasonalPrices"/> entry for the month, else a
/// <see cref="VoltagePrices"/> entry for the account's voltage, else <see cref="BasePrice"/>.
/// With <see cref="TimeOfUse"/> the base price is the flat-period price (multiples apply to it); with
/// <see cref="Tiers"/> the tier adder is added on top of whatever the period price is (Zhejiang stacking).
/// </summary>
public sealed record EnergyCharge
{
    public decimal BasePrice { get; init; }
    public IReadOnlyList<VoltagePrice> VoltagePrices { get; init; } = [];
    /// <summary>Month-based overrides of the base price, e.g. the Oct–Apr electric-heating price.</summary>
    public IReadOnlyList<SeasonalPrice> SeasonalPrices { get; init; } = [];
    public TierSchedule? Tiers { get; init; }
    public TouSchedule? TimeOfUse { get; init; }
}

public sealed record VoltagePrice
{
    public VoltageLevel Voltage { get; init; }
    public decimal Price { get; init; }
}

public sealed record SeasonalPrice
{
    public IReadOnlyList<int> Months { get; init; } = [];
    public decimal Price { get; init; }
}

public enum TierBasis
{
    /// <summary>Cumulative kWh over the tariff year starting on day 1 of <see cref="TierSchedule.CycleStartMonth"/>.</summary>
    Annual = 0,
    /// <summary>Cumulative kWh over each calendar month.</summary>
    Monthly = 1,
}

/// <summary>
/// Block tiers (阶梯). Bands are in ascending order; each band but the last has an inclusive upper bound on the
/// cumulative kWh of the cycle ("≤ 2,760 kWh"); the last band is open (<c>UpToKwh = null</c>).
/// </summary>
public sealed record TierSchedule
{
    public TierBasis Basis { get; init; }
    public int CycleStartMonth { get; init; } = 1;
    public IReadOnlyList<TierBand> Bands { get; init; } = [];
}

public sealed record TierBand
{
    public decimal? UpToKwh { get; init; }
    /// <summary>¥/kWh added to the period (or base) price for kWh in this band; 0 for tier 1.</summary>
    public decimal Adder { get; init; }
}

public enum TouPriceMode
{
    /// <summary>Rates are ¥/kWh.</summary>
    Absolute = 0,
    /// <summary>Rates are multiples of the day's base (flat) price, e.g. peak 1.65.</summary>
    MultipleOfFlat = 1,
}

/// <summary>
/// Time-of-use schedule: each season (a set of months) divides the day into windows at 15-minute granularity.
/// Every month belongs to exactly one season and every 15 minutes of a season's day to exactly one window.
/// </summary>
public sealed record TouSchedule
{
    public TouPriceMode Mode { get; init; }
    public IReadOnlyList<TouRate> Rates { get; init; } = [];
    public IReadOnlyList<TouSeason> Seasons { get; init; } = [];
}

public sealed record TouRate
{
    public TouPeriod Period { get; init; }
    public decimal Value { get; init; }
}

public sealed record TouSeason
{
    public string Name { get; init; } = "";
    public IReadOnlyList<int> Months { get; init; } = [];
    public IReadOnlyList<TouWindow> Windows { get; init; } = [];
}

/// <summary>
/// [From, To) as "HH:mm" on a 15-minute grid; To may be "24:00". From later than To wraps past midnight
/// ("22:00"–"06:00").
/// </summary>
public sealed record TouWindow
{
    public TouPeriod Period { get; init; }
    public string From { get; init; } = "";
    public string To { get; init; } = "";

    /// <summary>Slot bounds on the 96-slot day (To may be below From: wraps), or null when malformed, off the grid or empty.</summary>
    public (int FromSlot, int ToSlot)? Slots()
    {
        if (!TryParseSlot(From, out var f) || !TryParseSlot(To, out var t) || f == 96) return null;
        if (t == 0) t = 96; // "00:00" as an end means midnight
        return f == t ? null : (f, t);
    }

    internal static bool TryParseSlot(string? hhmm, out int slot)
    {
        slot = -1;
        if (hhmm is null || hhmm.Length != 5 || hhmm[2] != ':') return false;
        if (!int.TryParse(hhmm.AsSpan(0, 2), out var h) || !int.TryParse(hhmm.AsSpan(3, 2), out var m)) return false;
        if (h < 0 || m < 0 || m > 59 || m % 15 != 0 || h > 24 || (h == 24 && m != 0)) return false;
        slot = h * 4 + m / 15;
        return true;
    }
}

public enum BasicChargeMethod
{
    /// <summary>¥/kVA·month on the contracted transformer capacity.</summary>
    Capacity = 0,
    /// <summary>¥/kW·month on the declared (or, if none, the actual maximum) demand, with the 105% rule.</summary>
    Demand = 1,
}

/// <summary>Basic charge of a two-part tariff (两部制). The 105% / double-price / 40% figures are data, seeded from DOMAIN.md.</summary>
public sealed record BasicCharge
{
    public BasicChargeMethod Method { get; init; }
    /// <summary>¥/kVA·month for <see cref="BasicChargeMethod.Capacity"/>, ¥/kW·month for <see cref="BasicChargeMethod.Demand"/>.</summary>
    public decimal Price { get; init; }
    public decimal ExcessThresholdRatio { get; init; } = 1.05m;
    public decimal ExcessPriceMultiplier { get; init; } = 2m;
    public decimal MinDeclaredRatioOfCapacity { get; init; } = 0.40m;
}

/// <summary>Power-factor standard in hundredths (0.90 → 90).</summary>
public enum PowerFactorStandard
{
    Pf80 = 80,
    Pf85 = 85,
    Pf90 = 90,
}

/// <summary>
/// Power-factor adjustment under a package. <see cref="Standard"/> null means "by the account" as DOMAIN.md
/// says (see <see cref="PowerFactorTables.StandardFor"/>); set it to force a table, e.g. 0.80 for agriculture.
/// </summary>
public sealed record PowerFactorRule
{
    public PowerFactorStandard? Standard { get; init; }
}

public sealed record Surcharge
{
    public string Code { get; init; } = "";
    public LocalizedText Name { get; init; } = new();
    public decimal PricePerKwh { get; init; }
}
