using Portal.Domain.Statements;
using static Portal.Tests.Domain.Statements.StatementTestData;

namespace Portal.Tests.Domain.Statements;

public class StatementTipsTests
{
    private static StatementTip Tip(PackageSaving? saving = null, IReadOnlyList<StatementUsageMonth>? thirteen = null, params Portal.Domain.Billing.BillLine[] lines)
    {
        var bill = Bill(2026, 10, lines);
        return StatementTips.Choose(bill, bill.Lines.Select(StatementBuilder.ParseLine).ToList(), thirteen ?? [], saving);
    }

    private static IReadOnlyList<StatementUsageMonth> Year(decimal lastYear, decimal now) =>
        Enumerable.Range(0, 13).Select(i => new StatementUsageMonth(new DateOnly(2025, 10, 1).AddMonths(i),
            i == 0 ? lastYear : i == 12 ? now : 100m, true, false)).ToList();

    [Theory]
    [InlineData(50.00, StatementTipKind.SwitchPackage)]
    [InlineData(49.99, StatementTipKind.General)]
    public void A_cheaper_package_is_suggested_from_fifty_yuan_a_year(decimal saving, StatementTipKind expected)
    {
        var tip = Tip(new PackageSaving("XJ-RES-TIER-TOU", saving));
        Assert.Equal(expected, tip.Kind);
        if (expected == StatementTipKind.SwitchPackage)
            Assert.Equal((saving, "XJ-RES-TIER-TOU"), (tip.Amount!.Value, tip.PackageCode!));
    }

    [Fact]
    public void The_current_package_is_never_suggested_as_a_switch()
    {
        Assert.Equal(StatementTipKind.General, Tip(new PackageSaving("XJ-RES-TIER", 500m)).Kind);
    }

    [Theory]
    [InlineData("energy.t2", StatementTipKind.TierReached)]
    [InlineData("energy.t3", StatementTipKind.TierReached)]
    [InlineData("energy.t1", StatementTipKind.General)]
    public void Reaching_tier_two_or_three_gives_the_tier_tip(string code, StatementTipKind expected)
    {
        Assert.Equal(expected, Tip(null, null, Energy("energy.t1", 100m, 0.5m), Energy(code, 10m, 0.6m)).Kind);
    }

    [Theory]
    [InlineData(40, StatementTipKind.ShiftToValley)]
    [InlineData(39, StatementTipKind.General)]
    public void Forty_percent_of_energy_in_peak_periods_suggests_shifting_to_the_valley(int peakKwh, StatementTipKind expected)
    {
        var tip = Tip(null, null, Energy("energy.peak", peakKwh, 0.6m), Energy("energy.criticalPeak", 0m, 0.8m), Energy("energy.valley", 100 - peakKwh, 0.2m));
        Assert.Equal(expected, tip.Kind);
        if (expected == StatementTipKind.ShiftToValley) Assert.Equal(40m, tip.Percent);
    }

    [Theory]
    [InlineData(100, 120, StatementTipKind.UsageUp)]
    [InlineData(100, 119.9, StatementTipKind.General)]
    [InlineData(100, 90, StatementTipKind.UsageDown)]
    [InlineData(100, 90.1, StatementTipKind.General)]
    public void A_clear_change_against_the_same_month_last_year_is_remarked(decimal lastYear, decimal now, StatementTipKind expected)
    {
        Assert.Equal(expected, Tip(null, Year(lastYear, now)).Kind);
    }

    [Fact]
    public void Without_last_year_data_there_is_no_comparison()
    {
        var series = Year(100m, 300m).Select((m, i) => i == 0 ? m with { HasData = false, Kwh = 0 } : m).ToList();
        Assert.Null(StatementTips.SameMonthLastYearChange(series));
        Assert.Equal(StatementTipKind.General, Tip(null, series).Kind);
    }

    [Fact]
    public void A_package_saving_outranks_a_tier_reached()
    {
        Assert.Equal(StatementTipKind.SwitchPackage, Tip(new PackageSaving("XJ-RES-TIER-TOU", 80m), null, Energy("energy.t3", 10m, 1m)).Kind);
    }
}
