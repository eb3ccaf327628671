using Portal.Domain.Common;

namespace Portal.Domain.Tariffs;

public enum BillChangeReasonKind
{
    /// <summary>More or fewer days at the old daily use and price. Before/After = days.</summary>
    Days = 0,
    /// <summary>Daily use changed, priced at the old average base price. Before/After = kWh per day.</summary>
    Usage = 1,
    /// <summary>Base price changed with a different package or version. Before/After = average base ¥/kWh.</summary>
    TariffChanged = 2,
    /// <summary>Base price changed within the same package (seasonal price, voltage). Before/After = average base ¥/kWh.</summary>
    SeasonalPrice = 3,
    /// <summary>The TOU premium changed with a different season. Before/After = TOU premium ¥.</summary>
    SeasonChanged = 4,
    /// <summary>The TOU premium changed because use moved between periods. Before/After = TOU premium ¥.</summary>
    TouShift = 5,
    /// <summary>A higher tier was reached than last time. Before/After = highest tier.</summary>
    TierCrossed = 6,
    /// <summary>The tier adders changed without reaching a new tier. Before/After = tier adders ¥.</summary>
    TierUsage = 7,
    BasicCharge = 8,
    PowerFactor = 9,
    FixedFee = 10,
    GreenPremium = 11,
    Surcharges = 12,
    /// <summary>Fen rounding of the line items; keeps the reasons summing to the difference.</summary>
    Rounding = 13,
}

public sealed record BillChangeReason(BillChangeReasonKind Kind, Money Amount, decimal? Before = null, decimal? After = null);

public sealed record PeriodShift(TouPeriod Period, decimal KwhBefore, decimal KwhAfter, decimal ShareBefore, decimal ShareAfter);

/// <summary>The reasons sum exactly to <see cref="Difference"/>; only non-zero reasons are listed, largest first.</summary>
public sealed record BillChange(Money PreviousTotal, Money CurrentTotal, Money Difference, IReadOnlyList<BillChangeReason> Reasons, IReadOnlyList<PeriodShift> PeriodShifts);

/// <summary>
/// "Why did my bill change": decomposes the difference between two bills. The energy charge is split with the
/// bill's <see cref="EnergyComponents"/>: the base part into days (Δdays × old kWh/day × old base price), usage
/// (Δ kWh/day × new days × old base price) and price (new kWh × Δ base price) — these three add up exactly; the
/// TOU premium and tier adders as their own differences; other components line by line; fen rounding last.
/// </summary>
public static class BillChangeExplainer
{
    public static BillChange Explain(CalculatedBill previous, CalculatedBill current)
    {
        var reasons = new List<BillChangeReason>();
        var diff = current.Total - previous.Total;
        var e0 = previous.EnergyComponents;
        var e1 = current.EnergyComponents;
        decimal d0 = previous.Days, d1 = current.Days, k0 = previous.TotalKwh, k1 = current.TotalKwh;

        decimal days = 0, usage = 0, price = 0;
        if (k0 == 0) usage = e1.BaseAmount - e0.BaseAmount;
        else
        {
            var b0 = e0.BaseAmount / k0;
            days = (d1 - d0) * (k0 / d0) * b0;
            usage = (k1 / d1 - k0 / d0) * d1 * b0;
            if (k1 != 0) price = k1 * (e1.BaseAmount / k1 - b0);
        }
        Add(BillChangeReasonKind.Days, days, d0, d1);
        Add(BillChangeReasonKind.Usage, usage, d0 == 0 ? 0 : Math.Round(k0 / d0, 3), Math.Round(k1 / d1, 3));
        var samePackage = previous.PackageCode == current.PackageCode && previous.PackageVersion == current.PackageVersion;
        Add(samePackage ? BillChangeReasonKind.SeasonalPrice : BillChangeReasonKind.TariffChanged, price,
            k0 == 0 ? null : Math.Round(e0.BaseAmount / k0, 4), k1 == 0 ? null : Math.Round(e1.BaseAmount / k1, 4));

        var seasonChanged = previous.Seasons.Count > 0 && current.Seasons.Count > 0 && !previous.Seasons.SequenceEqual(current.Seasons);
        Add(seasonChanged ? BillChangeReasonKind.SeasonChanged : BillChangeReasonKind.TouShift,
            e1.TimeOfUseAmount - e0.TimeOfUseAmount, e0.TimeOfUseAmount, e1.TimeOfUseAmount);
        if (current.HighestTier > previous.HighestTier)
            Add(BillChangeReasonKind.TierCrossed, e1.TierAmount - e0.TierAmount, previous.HighestTier, current.HighestTier);
        else Add(BillChangeReasonKind.TierUsage, e1.TierAmount - e0.TierAmount, e0.TierAmount, e1.TierAmount);

        void Component(BillChangeReasonKind kind, Func<CalculatedBill, Money> amount)
        {
            var (a, b) = (amount(previous), amount(current));
            Add(kind, (b - a).Yuan, a.Yuan, b.Yuan);
        }
        Component(BillChangeReasonKind.BasicCharge, b => b.BasicAmount);
        Component(BillChangeReasonKind.PowerFactor, b => b.AmountOf(BillLineKind.PowerFactor));
        Component(BillChangeReasonKind.FixedFee, b => b.AmountOf(BillLineKind.FixedFee));
        Component(BillChangeReasonKind.GreenPremium, b => b.AmountOf(BillLineKind.GreenPremium));
        Component(BillChangeReasonKind.Surcharges, b => b.AmountOf(BillLineKind.Surcharge));

        var rounding = diff - Money.Sum(reasons.Select(r => r.Amount));
        if (rounding != Money.Zero) reasons.Add(new BillChangeReason(BillChangeReasonKind.Rounding, rounding));

        var shifts = previous.KwhByPeriod.Select(p => p.Period).Union(current.KwhByPeriod.Select(p => p.Period)).Order()
            .Select(p =>
            {
                var before = previous.KwhByPeriod.FirstOrDefault(x => x.Period == p)?.Kwh ?? 0m;
                var after = current.KwhByPeriod.FirstOrDefault(x => x.Period == p)?.Kwh ?? 0m;
                return new PeriodShift(p, before, after, k0 == 0 ? 0 : Math.Round(before / k0, 4), k1 == 0 ? 0 : Math.Round(after / k1, 4));
            })
            .ToList();

        return new BillChange(previous.Total, current.Total, diff,
            reasons.OrderByDescending(r => Math.Abs(r.Amount.Yuan)).ToList(), shifts);

        void Add(BillChangeReasonKind kind, decimal amount, decimal? before, decimal? after)
        {
            var m = new Money(amount).RoundToFen();
            if (m != Money.Zero) reasons.Add(new BillChangeReason(kind, m, before, after));
        }
    }
}
