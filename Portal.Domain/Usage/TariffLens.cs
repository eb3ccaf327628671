using Portal.Domain.Tariffs;

namespace Portal.Domain.Usage;

/// <summary>Where an account stands in its tariff's block tiers for the current tier cycle (tariff year or month).</summary>
/// <param name="CurrentTier">1-based tier the next kWh falls into.</param>
/// <param name="NextTierStartKwh">Cumulative kWh at which the next tier starts; null in the top tier.</param>
/// <param name="RemainingKwh">kWh left before the next tier; null in the top tier.</param>
public sealed record TierStatus(DateOnly CycleStart, DateOnly CycleEnd, decimal UsedKwh, int CurrentTier, int TierCount,
    decimal? NextTierStartKwh, decimal? RemainingKwh, decimal? CurrentTierWidthKwh)
{
    /// <summary>The same figures in the shape the alert rules take; null in the top tier.</summary>
    public TierHeadroom? ToHeadroom() =>
        NextTierStartKwh is { } next && CurrentTierWidthKwh is { } width ? new TierHeadroom(UsedKwh, next, width) : null;
}

/// <summary>
/// Reads a compiled tariff the way the usage insights need it: the TOU period of an interval, and the tier
/// cycle. Kept beside the engine (same assembly) so it reads the same lookup tables the bill engine prices with.
/// </summary>
public static class TariffLens
{
    /// <summary>
    /// The TOU classifier the insights and exports take, (date, minute of day) → period, or null for a package
    /// without time of use (callers then show no split). A 30/60-minute interval takes the period of its first
    /// quarter-hour.
    /// </summary>
    public static Func<DateOnly, int, TouPeriod>? Classifier(CompiledTariff tariff)
    {
        if (!tariff.HasTimeOfUse) return null;
        var maps = new sbyte[13][];
        for (var m = 1; m <= 12; m++) maps[m] = tariff.SlotMap(m)!;
        return (date, minute) => (TouPeriod)maps[date.Month][Math.Clamp(minute / 15, 0, 95)];
    }

    /// <summary>First day of the tier cycle that contains <paramref name="day"/>.</summary>
    public static DateOnly TierCycleStart(TierSchedule tiers, DateOnly day)
    {
        if (tiers.Basis == TierBasis.Monthly) return new DateOnly(day.Year, day.Month, 1);
        var start = new DateOnly(day.Year, tiers.CycleStartMonth, 1);
        return start > day ? start.AddYears(-1) : start;
    }

    public static DateOnly TierCycleEnd(TierSchedule tiers, DateOnly cycleStart) =>
        (tiers.Basis == TierBasis.Monthly ? cycleStart.AddMonths(1) : cycleStart.AddYears(1)).AddDays(-1);

    /// <summary>
    /// Tier position after <paramref name="usedKwh"/> in the cycle. Bounds are inclusive ("≤ 2,160 kWh" is tier 1), so
    /// at exactly the bound the next kWh is already in the next tier — the same rule the bill engine applies.
    /// Null when the package has no tiers.
    /// </summary>
    public static TierStatus? Tier(TariffPackage package, DateOnly today, decimal usedKwh)
    {
        if (package.Energy.Tiers is not { Bands.Count: > 0 } tiers) return null;
        var start = TierCycleStart(tiers, today);
        var bounds = tiers.Bands.Take(tiers.Bands.Count - 1).Select(b => b.UpToKwh!.Value).ToArray();
        var tier = 0;
        while (tier < bounds.Length && usedKwh >= bounds[tier]) tier++;
        decimal? next = tier < bounds.Length ? bounds[tier] : null;
        decimal? width = tier < bounds.Length ? bounds[tier] - (tier == 0 ? 0 : bounds[tier - 1]) : null;
        return new TierStatus(start, TierCycleEnd(tiers, start), usedKwh, tier + 1, tiers.Bands.Count, next, next - usedKwh, width);
    }

    /// <summary>
    /// Days for pricing a forecast: the days already read, then one synthetic day per remaining day whose
    /// quarter-hours follow the average shape of <paramref name="shapeDays"/> and together add up to
    /// <paramref name="remainingKwh"/>. The bill engine then prices the forecast with the account's real periods
    /// and tiers. Synthetic days are marked Estimated.
    /// </summary>
    public static IReadOnlyList<DayReadings> ForecastDays(IReadOnlyList<DayReadings> actual, IReadOnlyList<DayReadings> shapeDays,
        DateOnly from, DateOnly to, double remainingKwh)
    {
        var result = new List<DayReadings>(actual);
        var count = to.DayNumber - from.DayNumber + 1;
        if (count <= 0) return result;
        var shape = new double[96];
        foreach (var d in shapeDays)
            for (var i = 0; i < d.IntervalsPerDay; i++)
            {
                var v = d.WattHours[i];
                if (v <= 0) continue;
                var per = d.IntervalMinutes / 15;
                for (var k = 0; k < per; k++) shape[i * per + k] += v / (double)per;
            }
        var total = shape.Sum();
        if (total <= 0) Array.Fill(shape, 1.0 / 96);
        else for (var i = 0; i < 96; i++) shape[i] /= total;
        var perDayWh = Math.Max(0, remainingKwh) * 1000 / count;
        // The engine wants one interval length per period: synthetic days follow the days already read.
        var minutes = actual.Count > 0 ? actual[^1].IntervalMinutes : 15;
        var n = 1440 / minutes;
        var group = 96 / n;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var wh = new int[n];
            for (var i = 0; i < n; i++)
            {
                double share = 0;
                for (var k = 0; k < group; k++) share += shape[i * group + k];
                wh[i] = (int)Math.Round(share * perDayWh, MidpointRounding.AwayFromZero);
            }
            result.Add(new DayReadings(day, minutes, wh, Enumerable.Repeat(ReadingQuality.Estimated, n).ToArray()));
        }
        return result;
    }
}

/// <summary>
/// Consumption level of an account from its last 12 months' kWh, for peer cohorts and the admin distribution.
/// Residential bounds follow the tier shape (about 2,000 kWh a year is the tier-1 household); business bounds are
/// decades. Bands are 0 (low) to 3 (very high).
/// </summary>
public static class ConsumptionBand
{
    public static readonly decimal[] ResidentialBounds = [1_800m, 3_600m, 7_200m];
    public static readonly decimal[] BusinessBounds = [20_000m, 200_000m, 2_000_000m];
    public const int Count = 4;

    /// <summary>Lower bounds are inclusive: exactly 1,800 kWh is band 1.</summary>
    public static int Of(bool business, decimal annualKwh)
    {
        var bounds = business ? BusinessBounds : ResidentialBounds;
        var band = 0;
        while (band < bounds.Length && annualKwh >= bounds[band]) band++;
        return band;
    }
}
