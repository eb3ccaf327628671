using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Xunit;
using static Portal.Tests.Domain.Tariffs.TestData;

namespace Portal.Tests.Domain.Tariffs;

public class BillChangeExplainerTests
{
    private static CalculatedBill BillFor(TariffPackage p, BillingPeriod period, int wh, decimal tierBefore = 0, int minutes = 15) =>
        BillCalculator.Calculate(p, Household, period, Constant(period.Start, period.End, wh, minutes), tierBefore);

    private static void AssertSumsToDifference(BillChange change) =>
        Assert.Equal(change.Difference, Money.Sum(change.Reasons.Select(r => r.Amount)));

    [Fact]
    public void More_days_and_more_daily_use_explain_a_higher_bill()
    {
        // June: 30 × 9.6 kWh × 0.5 = 144.00; July: 31 × 12 kWh × 0.5 = 186.00.
        var june = BillFor(Flat(0.5m), BillingPeriod.Month(2025, 6), 100);
        var july = BillFor(Flat(0.5m), BillingPeriod.Month(2025, 7), 125);

        var change = BillChangeExplainer.Explain(june, july);

        Assert.Equal(Money.Of(42m), change.Difference);
        Assert.Equal([new BillChangeReason(BillChangeReasonKind.Usage, Money.Of(37.20m), 9.6m, 12m),
                      new BillChangeReason(BillChangeReasonKind.Days, Money.Of(4.80m), 30m, 31m)], change.Reasons);
    }

    [Fact]
    public void Crossing_into_a_new_tier_is_named_with_its_cost()
    {
        // Same 288 kWh both months; the second month starts at 2,700 kWh: 60 kWh tier 1, 228 kWh tier 2 (+0.05).
        var first = BillFor(ZhejiangTiered(), BillingPeriod.Month(2025, 6), 100, tierBefore: 2000m);
        var second = BillFor(ZhejiangTiered(), new BillingPeriod(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31)), 100, tierBefore: 2700m);

        var change = BillChangeExplainer.Explain(first, second);

        var tier = Assert.Single(change.Reasons, r => r.Kind == BillChangeReasonKind.TierCrossed);
        Assert.Equal((Money.Of(11.40m), 1m, 2m), (tier.Amount, tier.Before, tier.After));
        AssertSumsToDifference(change);
    }

    [Fact]
    public void A_new_TOU_season_is_told_apart_from_a_usage_shift()
    {
        var package = Flat(0.45m, "XJ-BIZ-TOU") with { Energy = new EnergyCharge { BasePrice = 0.45m, TimeOfUse = XinjiangTou() } };
        var june = BillingPeriod.Month(2025, 6);
        var july = new BillingPeriod(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31));
        var a = BillCalculator.Calculate(package, Factory, june, Constant(june.Start, june.End, 1000));
        var b = BillCalculator.Calculate(package, Factory, july, Constant(july.Start, july.End, 1000));

        var change = BillChangeExplainer.Explain(a, b);

        // July's 21–23 critical peak: 8 kWh/day at 1.98 instead of 1.65 × 0.45 → 30 × 8 × 0.1485 = 35.64.
        Assert.Equal(Money.Of(35.64m), Assert.Single(change.Reasons, r => r.Kind == BillChangeReasonKind.SeasonChanged).Amount);
        Assert.Equal(["standard"], a.Seasons);
        AssertSumsToDifference(change);
        Assert.Contains(change.PeriodShifts, s => s.Period == TouPeriod.CriticalPeak && s.KwhBefore == 0 && s.KwhAfter == 240m);
    }

    [Fact]
    public void A_package_change_shows_up_as_a_tariff_change()
    {
        var june = BillingPeriod.Month(2025, 6);
        var july = new BillingPeriod(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31));

        var change = BillChangeExplainer.Explain(BillFor(Flat(0.5m, "A"), june, 100), BillFor(Flat(0.6m, "B"), july, 100));

        // 288 kWh × 0.10 = 28.80.
        Assert.Equal(new BillChangeReason(BillChangeReasonKind.TariffChanged, Money.Of(28.80m), 0.5m, 0.6m), Assert.Single(change.Reasons));
    }

    [Fact]
    public void Rounding_keeps_the_reasons_equal_to_the_difference()
    {
        var change = BillChangeExplainer.Explain(
            BillFor(BeijingMonthly(), BillingPeriod.Month(2025, 6), 137), BillFor(BeijingMonthly(), BillingPeriod.Month(2025, 7), 171));
        AssertSumsToDifference(change);
    }

    [Fact]
    public void From_a_bill_with_no_use_everything_is_usage()
    {
        var june = BillingPeriod.Month(2025, 6);
        var change = BillChangeExplainer.Explain(BillFor(Flat(0.5m), june, 0), BillFor(Flat(0.5m), june, 100));

        Assert.Equal(new BillChangeReason(BillChangeReasonKind.Usage, Money.Of(144m), 0m, 9.6m), Assert.Single(change.Reasons));
    }
}
