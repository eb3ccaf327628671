using Portal.Domain.Billing;
using Portal.Domain.Tariffs;

namespace Portal.Domain.Statements;

/// <summary>
/// Picks the one tip a statement prints, most valuable first: a cheaper package, a tier reached, heavy peak
/// use on a TOU package, a clear change against the same month last year, else a general tip.
/// </summary>
public static class StatementTips
{
    /// <summary>A package switch is suggested from this annual saving (¥) upwards.</summary>
    public const decimal MinAnnualSaving = 50m;
    /// <summary>Peak + critical-peak share of TOU energy from which shifting to the valley is suggested.</summary>
    public const decimal PeakShareThreshold = 0.40m;
    /// <summary>Change against the same month last year that is worth a remark (up / down).</summary>
    public const decimal UsageUpThreshold = 0.20m;
    public const decimal UsageDownThreshold = 0.10m;

    public static StatementTip Choose(Bill bill, IReadOnlyList<StatementLine> lines, IReadOnlyList<StatementUsageMonth> thirteenMonths, PackageSaving? bestAlternative)
    {
        if (bestAlternative is { } alt && alt.AnnualSaving >= MinAnnualSaving && alt.PackageCode != bill.PackageCode)
            return new StatementTip(StatementTipKind.SwitchPackage, PackageCode: alt.PackageCode, Amount: decimal.Round(alt.AnnualSaving, 2, MidpointRounding.AwayFromZero));

        var energy = lines.Where(l => l.Kind == StatementLineKind.Energy).ToList();
        var highestTier = energy.Where(l => l.Tier is not null && l.Quantity > 0).Select(l => l.Tier!.Value).DefaultIfEmpty(0).Max();
        if (highestTier >= 2) return new StatementTip(StatementTipKind.TierReached, Tier: highestTier);

        var touKwh = energy.Where(l => l.Period is not null).Sum(l => l.Quantity);
        if (touKwh > 0)
        {
            var peak = energy.Where(l => l.Period is TouPeriod.Peak or TouPeriod.CriticalPeak).Sum(l => l.Quantity);
            var share = peak / touKwh;
            if (share >= PeakShareThreshold) return new StatementTip(StatementTipKind.ShiftToValley, Percent: Percent(share));
        }

        if (SameMonthLastYearChange(thirteenMonths) is { } change)
        {
            if (change >= UsageUpThreshold) return new StatementTip(StatementTipKind.UsageUp, Percent: Percent(change));
            if (change <= -UsageDownThreshold) return new StatementTip(StatementTipKind.UsageDown, Percent: Percent(-change));
        }
        return new StatementTip(StatementTipKind.General);
    }

    /// <summary>Relative change of the last month against the first month of a 13-month series (same month a year earlier).</summary>
    public static decimal? SameMonthLastYearChange(IReadOnlyList<StatementUsageMonth> series)
    {
        if (series.Count < 13) return null;
        var now = series[^1];
        var before = series[^13];
        if (!now.HasData || !before.HasData || before.Kwh <= 0 || before.Month.AddMonths(12) != now.Month) return null;
        return (now.Kwh - before.Kwh) / before.Kwh;
    }

    private static decimal Percent(decimal share) => decimal.Round(share * 100m, 0, MidpointRounding.AwayFromZero);
}
