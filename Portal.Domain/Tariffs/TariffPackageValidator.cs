using System.Globalization;
using Portal.Domain.Accounts;

namespace Portal.Domain.Tariffs;

public enum TariffProblemSeverity
{
    /// <summary>The package cannot be published or billed with.</summary>
    Error = 0,
    /// <summary>Allowed but worth a second look (e.g. a peak:valley ratio under the 3:1 guideline).</summary>
    Warning = 1,
}

/// <summary>
/// One finding about a package. <see cref="Code"/> is a stable localization key ("Tariff.TouGap"); <see cref="Args"/>
/// are invariant-culture strings to fill its placeholders, in the order documented on each code in
/// <see cref="TariffPackageValidator"/>.
/// </summary>
public sealed record TariffProblem(string Code, TariffProblemSeverity Severity, IReadOnlyList<string> Args)
{
    public override string ToString() => $"{Severity} {Code}({string.Join(", ", Args)})";
}

/// <summary>
/// Checks a package and lists every problem at once, so the admin fixes a file in one pass.
/// Codes and args:
/// Tariff.CodeMissing; Tariff.VersionInvalid(version); Tariff.NameMissing(culture);
/// Tariff.EligibilityNoCustomerTypes; Tariff.EligibilityNoVoltageLevels; Tariff.CapacityRangeInvalid(min, max);
/// Tariff.HeatingOnlyResidential;
/// Tariff.NegativePrice(field); Tariff.BasePriceMissing; Tariff.MonthInvalid(field, month);
/// Tariff.SeasonalPriceMonthDuplicate(month);
/// Tariff.TierBandsTooFew; Tariff.TierBoundMissing(band); Tariff.TierLastBandBounded(band);
/// Tariff.TierOrder(band, upToKwh); Tariff.TierAdderDecreasing(band) [warning];
/// Tariff.TouNoSeasons; Tariff.TouMonthUncovered(month); Tariff.TouMonthInTwoSeasons(month);
/// Tariff.TouTimeInvalid(season, from, to); Tariff.TouOverlap(season, at, periodA, periodB);
/// Tariff.TouGap(season, from, to); Tariff.TouRateMissing(period); Tariff.TouRateDuplicate(period);
/// Tariff.PeakValleyRatioLow(ratio) [warning]; Tariff.CriticalPeakPremiumLow(ratio) [warning];
/// Tariff.BasicPriceNotPositive; Tariff.BasicTermsInvalid(field);
/// Tariff.SurchargeCodeMissing(index); Tariff.SurchargeCodeDuplicate(code).
/// </summary>
public static class TariffPackageValidator
{
    public const decimal MinPeakValleyRatio = 3m;
    public const decimal MinCriticalPeakPremium = 1.2m;

    public static IReadOnlyList<TariffProblem> Validate(TariffPackage package)
    {
        var problems = new List<TariffProblem>();
        void Error(string code, params object[] args) => problems.Add(new(code, TariffProblemSeverity.Error, Strings(args)));
        void Warn(string code, params object[] args) => problems.Add(new(code, TariffProblemSeverity.Warning, Strings(args)));

        if (string.IsNullOrWhiteSpace(package.Code)) Error("Tariff.CodeMissing");
        if (package.Version < 1) Error("Tariff.VersionInvalid", package.Version);
        if (string.IsNullOrWhiteSpace(package.Name.ZhCn)) Error("Tariff.NameMissing", "zh-CN");
        if (string.IsNullOrWhiteSpace(package.Name.EnUs)) Error("Tariff.NameMissing", "en-US");

        var el = package.Eligibility;
        if (el.CustomerTypes.Count == 0) Error("Tariff.EligibilityNoCustomerTypes");
        if (el.VoltageLevels.Count == 0) Error("Tariff.EligibilityNoVoltageLevels");
        if (el.MinCapacityKva < 0 || el.MaxCapacityKva <= 0 || el.MinCapacityKva >= el.MaxCapacityKva)
            Error("Tariff.CapacityRangeInvalid", (object?)el.MinCapacityKva ?? "", (object?)el.MaxCapacityKva ?? "");
        if (el.RequiresElectricHeating && el.CustomerTypes.Any(t => t != CustomerType.Residential)) Error("Tariff.HeatingOnlyResidential");

        var energy = package.Energy;
        if (energy.BasePrice < 0) Error("Tariff.NegativePrice", "energy.basePrice");
        else if (energy.BasePrice == 0) Error("Tariff.BasePriceMissing");
        for (var i = 0; i < energy.VoltagePrices.Count; i++)
            if (energy.VoltagePrices[i].Price < 0) Error("Tariff.NegativePrice", $"energy.voltagePrices[{i}]");
        var seasonalMonths = new HashSet<int>();
        for (var i = 0; i < energy.SeasonalPrices.Count; i++)
        {
            var sp = energy.SeasonalPrices[i];
            if (sp.Price < 0) Error("Tariff.NegativePrice", $"energy.seasonalPrices[{i}]");
            foreach (var m in sp.Months)
            {
                if (m is < 1 or > 12) Error("Tariff.MonthInvalid", $"energy.seasonalPrices[{i}]", m);
                else if (!seasonalMonths.Add(m)) Error("Tariff.SeasonalPriceMonthDuplicate", m);
            }
        }

        if (energy.Tiers is { } tiers) ValidateTiers(tiers, Error, Warn);
        if (energy.TimeOfUse is { } tou) ValidateTou(tou, Error, Warn);

        if (package.Basic is { } basic)
        {
            if (basic.Price <= 0) Error("Tariff.BasicPriceNotPositive");
            if (basic.ExcessThresholdRatio < 1m) Error("Tariff.BasicTermsInvalid", "basic.excessThresholdRatio");
            if (basic.ExcessPriceMultiplier < 1m) Error("Tariff.BasicTermsInvalid", "basic.excessPriceMultiplier");
            if (basic.MinDeclaredRatioOfCapacity is < 0m or > 1m) Error("Tariff.BasicTermsInvalid", "basic.minDeclaredRatioOfCapacity");
        }

        if (package.FixedMonthlyFee < 0) Error("Tariff.NegativePrice", "fixedMonthlyFee");
        if (package.GreenPremiumPerKwh < 0) Error("Tariff.NegativePrice", "greenPremiumPerKwh");
        var surchargeCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < package.Surcharges.Count; i++)
        {
            var s = package.Surcharges[i];
            if (string.IsNullOrWhiteSpace(s.Code)) Error("Tariff.SurchargeCodeMissing", i);
            else if (!surchargeCodes.Add(s.Code)) Error("Tariff.SurchargeCodeDuplicate", s.Code);
            if (s.PricePerKwh < 0) Error("Tariff.NegativePrice", $"surcharges[{i}]");
        }
        return problems;
    }

    private static void ValidateTiers(TierSchedule tiers, Action<string, object[]> error, Action<string, object[]> warn)
    {
        if (tiers.CycleStartMonth is < 1 or > 12) error("Tariff.MonthInvalid", ["energy.tiers.cycleStartMonth", tiers.CycleStartMonth]);
        var bands = tiers.Bands;
        if (bands.Count < 2) { error("Tariff.TierBandsTooFew", []); return; }
        decimal previous = 0;
        for (var i = 0; i < bands.Count; i++)
        {
            var b = bands[i];
            var band = i + 1;
            if (b.Adder < 0) error("Tariff.NegativePrice", [$"energy.tiers.bands[{i}].adder"]);
            else if (i > 0 && b.Adder < bands[i - 1].Adder) warn("Tariff.TierAdderDecreasing", [band]);
            if (i == bands.Count - 1)
            {
                if (b.UpToKwh is not null) error("Tariff.TierLastBandBounded", [band]);
            }
            else if (b.UpToKwh is not { } upTo) error("Tariff.TierBoundMissing", [band]);
            else
            {
                if (upTo <= previous) error("Tariff.TierOrder", [band, upTo]);
                previous = Math.Max(previous, upTo);
            }
        }
    }

    private static void ValidateTou(TouSchedule tou, Action<string, object[]> error, Action<string, object[]> warn)
    {
        if (tou.Seasons.Count == 0) error("Tariff.TouNoSeasons", []);
        var seasonOfMonth = new string?[13];
        var used = new HashSet<TouPeriod>();
        foreach (var season in tou.Seasons)
        {
            foreach (var m in season.Months)
            {
                if (m is < 1 or > 12) { error("Tariff.MonthInvalid", [$"season {season.Name}", m]); continue; }
                if (seasonOfMonth[m] is not null) error("Tariff.TouMonthInTwoSeasons", [m]);
                seasonOfMonth[m] = season.Name;
            }
            var owner = new int[96];
            Array.Fill(owner, -1);
            for (var w = 0; w < season.Windows.Count; w++)
            {
                var window = season.Windows[w];
                if (window.Slots() is not { } slots) { error("Tariff.TouTimeInvalid", [season.Name, window.From, window.To]); continue; }
                used.Add(window.Period);
                var count = (slots.ToSlot - slots.FromSlot + 96) % 96;
                var reported = false;
                for (var j = 0; j < (count == 0 ? 96 : count); j++)
                {
                    var slot = (slots.FromSlot + j) % 96;
                    if (owner[slot] >= 0)
                    {
                        if (!reported) error("Tariff.TouOverlap", [season.Name, Time(slot), season.Windows[owner[slot]].Period, window.Period]);
                        reported = true;
                        continue;
                    }
                    owner[slot] = w;
                }
            }
            for (var i = 0; i < 96;)
            {
                if (owner[i] >= 0) { i++; continue; }
                var start = i;
                while (i < 96 && owner[i] < 0) i++;
                error("Tariff.TouGap", [season.Name, Time(start), Time(i)]);
            }
        }
        for (var m = 1; m <= 12; m++)
            if (tou.Seasons.Count > 0 && seasonOfMonth[m] is null) error("Tariff.TouMonthUncovered", [m]);

        var rates = new Dictionary<TouPeriod, decimal>();
        foreach (var r in tou.Rates)
        {
            if (!rates.TryAdd(r.Period, r.Value)) error("Tariff.TouRateDuplicate", [r.Period]);
            if (r.Value < 0) error("Tariff.NegativePrice", [$"energy.timeOfUse.rates.{r.Period}"]);
        }
        foreach (var p in used.Order())
            if (!rates.ContainsKey(p)) error("Tariff.TouRateMissing", [p]);

        // Guidelines, not rules: a province may be mid-reform, so these stay warnings.
        if (used.Contains(TouPeriod.Peak) && used.Contains(TouPeriod.Valley)
            && rates.TryGetValue(TouPeriod.Peak, out var peak) && rates.TryGetValue(TouPeriod.Valley, out var valley) && valley > 0)
        {
            var ratio = peak / valley;
            if (ratio < MinPeakValleyRatio) warn("Tariff.PeakValleyRatioLow", [Math.Round(ratio, 2)]);
        }
        if (used.Contains(TouPeriod.CriticalPeak) && rates.TryGetValue(TouPeriod.CriticalPeak, out var critical)
            && rates.TryGetValue(TouPeriod.Peak, out var peak2) && peak2 > 0)
        {
            var premium = critical / peak2;
            if (premium < MinCriticalPeakPremium) warn("Tariff.CriticalPeakPremiumLow", [Math.Round(premium, 2)]);
        }
    }

    private static string Time(int slot) => $"{slot / 4:00}:{slot % 4 * 15:00}";

    private static string[] Strings(object[] args) =>
        args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "").ToArray();
}
