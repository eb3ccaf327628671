using Portal.Domain.Accounts;
using Portal.Domain.Common;

namespace Portal.Domain.Tariffs;

/// <summary>
/// A validated package turned into lookup tables, built once per package and reused for every bill: month →
/// season, (season, interval) → TOU period for 15-, 30- and 60-minute data, tier bounds in whole Wh, month →
/// base-price group. This is what lets <see cref="BillCalculator"/> aggregate a day without allocating.
/// </summary>
public sealed class CompiledTariff
{
    /// <summary>Marks a 30/60-minute interval whose 15-minute slots fall in different periods.</summary>
    internal const sbyte Mixed = -1;

    private readonly int[] _seasonOfMonth = new int[13];
    private readonly sbyte[][] _maps15 = [];
    private readonly sbyte[][] _maps30 = [];
    private readonly sbyte[][] _maps60 = [];
    private readonly int[] _priceGroupOfMonth = new int[13];

    private CompiledTariff(TariffPackage package)
    {
        Package = package;
        var energy = package.Energy;

        // Group 0 is the ordinary base price; seasonal overrides are groups 1..n.
        for (var g = 0; g < energy.SeasonalPrices.Count; g++)
            foreach (var m in energy.SeasonalPrices[g].Months) _priceGroupOfMonth[m] = g + 1;
        PriceGroups = energy.SeasonalPrices.Count + 1;

        if (energy.Tiers is { } tiers)
        {
            TierBoundsWh = tiers.Bands.Take(tiers.Bands.Count - 1)
                .Select(b => (long)Math.Round(b.UpToKwh!.Value * 1000m, MidpointRounding.AwayFromZero)).ToArray();
            TierAdders = tiers.Bands.Select(b => b.Adder).ToArray();
        }

        if (energy.TimeOfUse is { } tou)
        {
            HasTimeOfUse = true;
            var seasons = tou.Seasons;
            _maps15 = new sbyte[seasons.Count][];
            _maps30 = new sbyte[seasons.Count][];
            _maps60 = new sbyte[seasons.Count][];
            for (var s = 0; s < seasons.Count; s++)
            {
                foreach (var m in seasons[s].Months) _seasonOfMonth[m] = s;
                var slots = new sbyte[96];
                foreach (var w in seasons[s].Windows)
                {
                    var (from, to) = w.Slots()!.Value;
                    var count = (to - from + 96) % 96;
                    for (var j = 0; j < (count == 0 ? 96 : count); j++) slots[(from + j) % 96] = (sbyte)w.Period;
                }
                _maps15[s] = slots;
                _maps30[s] = Coarsen(slots, 2);
                _maps60[s] = Coarsen(slots, 4);
            }
            foreach (var r in tou.Rates) Rates[(int)r.Period] = r.Value;
            RateMode = tou.Mode;
        }
    }

    public TariffPackage Package { get; }
    public bool HasTimeOfUse { get; }
    public bool HasTiers => TierAdders.Length > 0;
    internal long[] TierBoundsWh { get; } = [];
    internal decimal[] TierAdders { get; } = [];
    internal int PriceGroups { get; }
    internal decimal[] Rates { get; } = new decimal[5];
    internal TouPriceMode RateMode { get; }

    /// <summary>Compiles a package; throws "Tariff.PackageInvalid" listing the error codes if it does not validate.</summary>
    public static CompiledTariff Compile(TariffPackage package)
    {
        var errors = TariffPackageValidator.Validate(package).Where(p => p.Severity == TariffProblemSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new DomainException("Tariff.PackageInvalid",
                $"Package {package.Code} v{package.Version} is invalid: {string.Join(", ", errors.Select(e => e.Code).Distinct())}.");
        return new CompiledTariff(package);
    }

    /// <summary>Period per interval (<see cref="Mixed"/> where a coarse interval spans periods), or null without TOU.</summary>
    internal sbyte[]? PeriodMap(int month, int intervalMinutes)
    {
        if (!HasTimeOfUse) return null;
        var s = _seasonOfMonth[month];
        return intervalMinutes switch { 15 => _maps15[s], 30 => _maps30[s], _ => _maps60[s] };
    }

    internal sbyte[]? SlotMap(int month) => HasTimeOfUse ? _maps15[_seasonOfMonth[month]] : null;

    internal string? SeasonName(int month) => HasTimeOfUse ? Package.Energy.TimeOfUse!.Seasons[_seasonOfMonth[month]].Name : null;

    internal int PriceGroupOf(int month) => _priceGroupOfMonth[month];

    /// <summary>Base (flat) price of a price group for an account: seasonal override, else voltage price, else base.</summary>
    internal decimal BasePrice(int group, VoltageLevel voltage)
    {
        var energy = Package.Energy;
        if (group > 0) return energy.SeasonalPrices[group - 1].Price;
        foreach (var vp in energy.VoltagePrices)
            if (vp.Voltage == voltage) return vp.Price;
        return energy.BasePrice;
    }

    /// <summary>Price of a TOU period before any tier adder, given the day's base price.</summary>
    internal decimal PeriodPrice(decimal basePrice, int period) =>
        !HasTimeOfUse ? basePrice : RateMode == TouPriceMode.Absolute ? Rates[period] : basePrice * Rates[period];

    private static sbyte[] Coarsen(sbyte[] slots, int k)
    {
        var map = new sbyte[96 / k];
        for (var i = 0; i < map.Length; i++)
        {
            var p = slots[i * k];
            for (var j = 1; j < k; j++)
                if (slots[i * k + j] != p) { p = Mixed; break; }
            map[i] = p;
        }
        return map;
    }
}
