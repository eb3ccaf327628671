using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Xunit;
using static Portal.Tests.Domain.Tariffs.TestData;

namespace Portal.Tests.Domain.Tariffs;

public class BillCalculatorTests
{
    private static readonly BillingPeriod June = BillingPeriod.Month(2025, 6);

    [Fact]
    public void Zhejiang_annual_tiers_split_a_month_that_crosses_two_bounds()
    {
        // 30 days × 96 kWh = 2,880 kWh on top of 2,700: 60 at 0.538, 2,040 at 0.588, 780 at 0.838.
        var bill = BillCalculator.Calculate(ZhejiangTiered(), Household, June, Constant(June.Start, June.End, 1000), tierKwhBefore: 2700m);

        Assert.Equal([new TierKwh(1, 60m), new TierKwh(2, 2040m), new TierKwh(3, 780m)], bill.KwhByTier);
        Assert.Equal([32.28m, 1199.52m, 653.64m], bill.Lines.Select(l => l.Amount.Yuan));
        Assert.Equal([0.538m, 0.588m, 0.838m], bill.Lines.Select(l => l.UnitPrice));
        Assert.Equal(Money.Of(1885.44m), bill.Total);
        Assert.Equal(3, bill.HighestTier);
        Assert.Equal(5580m, bill.TierKwhAfter);
    }

    [Fact]
    public void Zhejiang_tier_one_holds_exactly_2760_kWh()
    {
        // 2,760 − 2,664 = 96 kWh: one full day lands exactly on the bound and stays in tier 1.
        var oneDay = new BillingPeriod(June.Start, June.Start.AddDays(1));
        var atBound = BillCalculator.Calculate(ZhejiangTiered(), Household, oneDay, Constant(oneDay.Start, oneDay.End, 1000), tierKwhBefore: 2664m);
        Assert.Equal([new TierKwh(1, 96m), new TierKwh(2, 0m), new TierKwh(3, 0m)], atBound.KwhByTier);

        var oneAbove = BillCalculator.Calculate(ZhejiangTiered(), Household, oneDay, Constant(oneDay.Start, oneDay.End, 1000), tierKwhBefore: 2665m);
        Assert.Equal([new TierKwh(1, 95m), new TierKwh(2, 1m), new TierKwh(3, 0m)], oneAbove.KwhByTier);
        Assert.Equal(Money.Of(51.70m), oneAbove.Total); // 95 × 0.538 = 51.11 + 1 × 0.588 = 0.59
    }

    [Fact]
    public void Annual_tier_cycle_restarts_on_the_first_of_January()
    {
        var period = new BillingPeriod(new DateOnly(2024, 12, 31), new DateOnly(2025, 1, 2));
        var bill = BillCalculator.Calculate(ZhejiangTiered(), Household, period, Constant(period.Start, period.End, 1000), tierKwhBefore: 5000m);

        // Dec 31 is tier 3 (already past 4,800); Jan 1 starts a new tariff year in tier 1.
        Assert.Equal([new TierKwh(1, 96m), new TierKwh(2, 0m), new TierKwh(3, 96m)], bill.KwhByTier);
        Assert.Equal(96m, bill.TierKwhAfter);
    }

    [Fact]
    public void Beijing_monthly_tiers_charge_240_at_base_160_at_plus_5_fen_and_the_rest_at_plus_30_fen()
    {
        var july = BillingPeriod.Month(2025, 7);
        // 31 days × 14.4 kWh = 446.4 kWh: 240 × 0.4883 = 117.19; 160 × 0.5383 = 86.13; 46.4 × 0.7883 = 36.58.
        var bill = BillCalculator.Calculate(BeijingMonthly(), Household, july, Constant(july.Start, july.End, 150));

        Assert.Equal([117.19m, 86.13m, 36.58m], bill.Lines.Select(l => l.Amount.Yuan));
        Assert.Equal(Money.Of(239.90m), bill.Total);
    }

    [Fact]
    public void Monthly_tiers_restart_inside_a_period_that_spans_two_months()
    {
        // 16 Jul – 15 Aug, 30 kWh a day (hourly data): July's 16 days = 480 kWh; August restarts at zero.
        var period = new BillingPeriod(new DateOnly(2025, 7, 16), new DateOnly(2025, 8, 16));
        var bill = BillCalculator.Calculate(BeijingMonthly(), Household, period, Constant(period.Start, period.End, 1250, minutes: 60));

        // July 480 = 240 + 160 + 80; August 15 days = 450 = 240 + 160 + 50.
        Assert.Equal([new TierKwh(1, 480m), new TierKwh(2, 320m), new TierKwh(3, 130m)], bill.KwhByTier);
    }

    [Fact]
    public void Zhejiang_tiers_stack_on_TOU_prices()
    {
        var tou = ZhejiangTieredTou();
        var day = new BillingPeriod(June.Start, June.Start.AddDays(1));
        var readings = Constant(day.Start, day.End, 1000);

        var tier1 = BillCalculator.Calculate(tou, Household, day, readings, tierKwhBefore: 0m);
        var tier2 = BillCalculator.Calculate(tou, Household, day, readings, tierKwhBefore: 3000m);
        var tier3 = BillCalculator.Calculate(tou, Household, day, readings, tierKwhBefore: 5000m);

        static (decimal Peak, decimal Valley) Prices(CalculatedBill b) =>
            (b.Lines.Single(l => l.Period == TouPeriod.Peak).UnitPrice, b.Lines.Single(l => l.Period == TouPeriod.Valley).UnitPrice);
        Assert.Equal((0.568m, 0.288m), Prices(tier1));
        Assert.Equal((0.618m, 0.338m), Prices(tier2));
        Assert.Equal((0.868m, 0.588m), Prices(tier3));
        // 56 kWh peak, 40 kWh valley: 56 × 0.568 = 31.81; 40 × 0.288 = 11.52.
        Assert.Equal(Money.Of(43.33m), tier1.Total);
        Assert.Equal([new PeriodKwh(TouPeriod.Peak, 56m), new PeriodKwh(TouPeriod.Valley, 40m)], tier1.KwhByPeriod);
    }

    [Fact]
    public void Tier_crossing_with_TOU_is_allocated_chronologically()
    {
        // 2,759 kWh used: the 00:00–00:15 interval (1 kWh, valley) reaches 2,760; everything after is tier 2.
        var day = new BillingPeriod(June.Start, June.Start.AddDays(1));
        var bill = BillCalculator.Calculate(ZhejiangTieredTou(), Household, day, Constant(day.Start, day.End, 1000), tierKwhBefore: 2759m);

        var lines = bill.Lines.ToDictionary(l => l.Code);
        Assert.Equal(1m, lines["energy.t1.valley"].Quantity);
        Assert.Equal(39m, lines["energy.t2.valley"].Quantity);
        Assert.Equal(56m, lines["energy.t2.peak"].Quantity);
        Assert.False(lines.ContainsKey("energy.t1.peak"));
        // 0.288 → 0.29; 39 × 0.338 = 13.182 → 13.18; 56 × 0.618 = 34.608 → 34.61.
        Assert.Equal(Money.Of(48.08m), bill.Total);
    }

    [Fact]
    public void A_crossing_inside_an_interval_splits_that_interval_at_the_bound()
    {
        var day = new BillingPeriod(June.Start, June.Start.AddDays(1));
        var bill = BillCalculator.Calculate(ZhejiangTieredTou(), Household, day, Constant(day.Start, day.End, 1000), tierKwhBefore: 2759.4m);

        Assert.Equal(0.6m, bill.Lines.Single(l => l.Code == "energy.t1.valley").Quantity);
        Assert.Equal(39.4m, bill.Lines.Single(l => l.Code == "energy.t2.valley").Quantity);
    }

    [Fact]
    public void Xinjiang_two_part_by_capacity_charges_26_per_kVA_and_0_378_per_kWh()
    {
        // 400 kW flat all month: 288,000 kWh × 0.378 = 108,864.00; 1,000 kVA × 26 = 26,000.00.
        var bill = BillCalculator.Calculate(XinjiangTwoPart(BasicChargeMethod.Capacity), Factory, June, Constant(June.Start, June.End, 100_000));

        Assert.Equal(Money.Of(108_864m), bill.AmountOf(BillLineKind.Energy));
        Assert.Equal(Money.Of(26_000m), bill.AmountOf(BillLineKind.BasicCapacity));
        Assert.Equal(Money.Of(134_864m), bill.Total);
        Assert.Equal(400m, bill.MaxDemandKw);
    }

    [Fact]
    public void Xinjiang_two_part_by_demand_charges_the_declared_demand_at_33()
    {
        var bill = BillCalculator.Calculate(XinjiangTwoPart(BasicChargeMethod.Demand), Factory, June, Constant(June.Start, June.End, 100_000), declaredDemandKw: 400m);

        Assert.Equal(Money.Of(13_200m), bill.AmountOf(BillLineKind.BasicDemand));
        Assert.Equal(Money.Of(122_064m), bill.Total);
    }

    [Fact]
    public void Demand_of_exactly_105_percent_of_declared_is_charged_at_the_declared_demand()
    {
        var bill = BillCalculator.Calculate(XinjiangTwoPart(BasicChargeMethod.Demand), Factory, June,
            Constant(June.Start, June.End, 100_000, demandW: 420_000), declaredDemandKw: 400m);

        Assert.Equal(Money.Of(13_200m), bill.BasicAmount);
        Assert.DoesNotContain(bill.Lines, l => l.Kind == BillLineKind.BasicDemandExcess);
    }

    [Fact]
    public void Excess_demand_above_105_percent_is_charged_double()
    {
        // Max 500 kW on 400 declared: 420 × 33 = 13,860 + 80 × 66 = 5,280.
        var bill = BillCalculator.Calculate(XinjiangTwoPart(BasicChargeMethod.Demand), Factory, June,
            Constant(June.Start, June.End, 100_000, demandW: 500_000), declaredDemandKw: 400m);

        var excess = bill.Lines.Single(l => l.Kind == BillLineKind.BasicDemandExcess);
        Assert.Equal((80m, 66m, Money.Of(5_280m)), (excess.Quantity, excess.UnitPrice, excess.Amount));
        Assert.Equal(Money.Of(19_140m), bill.BasicAmount);
    }

    [Fact]
    public void Demand_just_above_105_percent_already_switches_to_the_excess_rule()
    {
        var bill = BillCalculator.Calculate(XinjiangTwoPart(BasicChargeMethod.Demand), Factory, June,
            Constant(June.Start, June.End, 100_000, demandW: 420_001), declaredDemandKw: 400m);

        // 420 × 33 = 13,860.00 + 0.001 × 66 = 0.07 (rounded half-up from 0.066).
        Assert.Equal(Money.Of(13_860.07m), bill.BasicAmount);
    }

    [Fact]
    public void Without_a_declaration_the_actual_maximum_demand_is_charged()
    {
        var bill = BillCalculator.Calculate(XinjiangTwoPart(BasicChargeMethod.Demand), Factory, June,
            Constant(June.Start, June.End, 100_000, demandW: 500_000));

        Assert.Equal(Money.Of(16_500m), bill.BasicAmount);
    }

    [Fact]
    public void Declared_demand_below_40_percent_of_capacity_is_refused()
    {
        var readings = Constant(June.Start, June.End, 100_000);
        var ex = Assert.Throws<DomainException>(() =>
            BillCalculator.Calculate(XinjiangTwoPart(BasicChargeMethod.Demand), Factory, June, readings, declaredDemandKw: 399.99m));
        Assert.Equal("Tariff.DeclaredDemandBelowFloor", ex.Code);

        var atFloor = BillCalculator.Calculate(XinjiangTwoPart(BasicChargeMethod.Demand), Factory, June, readings, declaredDemandKw: 400m);
        Assert.Equal(Money.Of(13_200m), atFloor.BasicAmount);
    }

    [Fact]
    public void Power_factor_adjustment_is_a_percentage_of_basic_plus_energy_and_ignores_surcharges()
    {
        // kvarh = 0.75 × kWh → PF 0.80 exactly; 1–10 kV 1,000 kVA → 0.90 table → +5%.
        var package = XinjiangTwoPart(BasicChargeMethod.Capacity) with
        {
            PowerFactor = new PowerFactorRule(),
            Surcharges = [new Surcharge { Code = "FUND", Name = new LocalizedText { ZhCn = "基金", EnUs = "Funds" }, PricePerKwh = 0.02m }],
        };
        var bill = BillCalculator.Calculate(package, Factory, June, Constant(June.Start, June.End, 100_000, varhPerInterval: 75_000));

        Assert.Equal(0.80m, bill.PowerFactor);
        Assert.Equal(PowerFactorStandard.Pf90, bill.PowerFactorAdjustment!.Standard);
        Assert.Equal(5m, bill.PowerFactorAdjustment.AdjustmentPercent);
        Assert.Equal(Money.Of(134_864m), bill.PowerFactorAdjustment.Base);
        Assert.Equal(Money.Of(6_743.20m), bill.AmountOf(BillLineKind.PowerFactor));
        Assert.Equal(Money.Of(5_760m), bill.AmountOf(BillLineKind.Surcharge));
        Assert.Equal(Money.Of(147_367.20m), bill.Total);
    }

    [Fact]
    public void A_good_power_factor_reduces_the_bill()
    {
        // kvarh = 0.25 × kWh → PF 0.970 → 0.97 → −0.75% of 134,864 = −1,011.48.
        var package = XinjiangTwoPart(BasicChargeMethod.Capacity) with { PowerFactor = new PowerFactorRule() };
        var bill = BillCalculator.Calculate(package, Factory, June, Constant(June.Start, June.End, 100_000, varhPerInterval: 25_000));

        Assert.Equal(0.97m, bill.PowerFactor);
        Assert.Equal(Money.Of(-1_011.48m), bill.AmountOf(BillLineKind.PowerFactor));
    }

    [Fact]
    public void Power_factor_rule_needs_reactive_data_and_says_so()
    {
        var package = XinjiangTwoPart(BasicChargeMethod.Capacity) with { PowerFactor = new PowerFactorRule() };
        var bill = BillCalculator.Calculate(package, Factory, June, Constant(June.Start, June.End, 100_000));

        Assert.Null(bill.PowerFactorAdjustment);
        Assert.Contains("Bill.PowerFactorNoReactiveData", bill.Notes);
    }

    [Fact]
    public void Green_premium_and_fixed_fee_are_added_per_kWh_and_per_month()
    {
        var package = Flat(0.45m) with { GreenPremiumPerKwh = 0.03m, FixedMonthlyFee = 10m };
        var half = new BillingPeriod(June.Start, June.Start.AddDays(15));
        var bill = BillCalculator.Calculate(package, Household, half, Constant(half.Start, half.End, 100));

        // 15 days × 9.6 kWh = 144 kWh: energy 64.80; green 4.32; fixed 10 × 15/30 = 5.00.
        Assert.Equal(Money.Of(4.32m), bill.AmountOf(BillLineKind.GreenPremium));
        Assert.Equal(Money.Of(5m), bill.AmountOf(BillLineKind.FixedFee));
        Assert.Equal(Money.Of(74.12m), bill.Total);
    }

    [Fact]
    public void Xinjiang_TOU_multiples_price_each_period_from_the_flat_price()
    {
        var package = Flat(0.45m, "XJ-BIZ-TOU") with { Energy = new EnergyCharge { BasePrice = 0.45m, TimeOfUse = XinjiangTou() } };
        var julyDay = new BillingPeriod(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 2));
        var bill = BillCalculator.Calculate(package, Factory, julyDay, Constant(julyDay.Start, julyDay.End, 1000));

        var byPeriod = bill.Lines.ToDictionary(l => l.Period!.Value);
        // July: critical 21–23 (8 kWh), peak 08–11, 19–21, 23–24 (24 kWh), flat 8 h (32 kWh), valley 8 h (32 kWh).
        Assert.Equal((8m, 0.891m, 7.13m), (byPeriod[TouPeriod.CriticalPeak].Quantity, byPeriod[TouPeriod.CriticalPeak].UnitPrice, byPeriod[TouPeriod.CriticalPeak].Amount.Yuan));
        Assert.Equal((24m, 0.7425m, 17.82m), (byPeriod[TouPeriod.Peak].Quantity, byPeriod[TouPeriod.Peak].UnitPrice, byPeriod[TouPeriod.Peak].Amount.Yuan));
        Assert.Equal((32m, 0.45m, 14.40m), (byPeriod[TouPeriod.Flat].Quantity, byPeriod[TouPeriod.Flat].UnitPrice, byPeriod[TouPeriod.Flat].Amount.Yuan));
        Assert.Equal((32m, 0.1575m, 5.04m), (byPeriod[TouPeriod.Valley].Quantity, byPeriod[TouPeriod.Valley].UnitPrice, byPeriod[TouPeriod.Valley].Amount.Yuan));
        Assert.Equal(["july"], bill.Seasons);
    }

    [Fact]
    public void Hourly_data_is_split_evenly_where_an_hour_spans_two_periods()
    {
        // A schedule changing at 08:30: the 08:00–09:00 hour is half valley, half peak.
        var package = ZhejiangTieredTou() with
        {
            Energy = ZhejiangTieredTou().Energy with
            {
                Tiers = null,
                TimeOfUse = ZhejiangTieredTou().Energy.TimeOfUse! with
                {
                    Seasons = [new TouSeason { Name = "all", Months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], Windows = [new TouWindow { Period = TouPeriod.Peak, From = "08:30", To = "22:00" }, new TouWindow { Period = TouPeriod.Valley, From = "22:00", To = "08:30" }] }],
                },
            },
        };
        var day = new BillingPeriod(June.Start, June.Start.AddDays(1));
        var bill = BillCalculator.Calculate(package, Household, day, Constant(day.Start, day.End, 1000, minutes: 60));

        Assert.Equal([new PeriodKwh(TouPeriod.Peak, 13.5m), new PeriodKwh(TouPeriod.Valley, 10.5m)], bill.KwhByPeriod);
    }

    [Fact]
    public void Missing_intervals_take_the_average_of_the_same_interval_on_present_days()
    {
        var three = new BillingPeriod(June.Start, June.Start.AddDays(3));
        var readings = TestData.Shaped(three.Start, three.End, (d, i) => i == 0 ? d.Day * 100 : 0); // interval 0: 100, 200, 300 Wh
        var gap = readings[2].WattHours.ToArray();
        gap[0] = -1;
        readings[2] = new Portal.Domain.Usage.DayReadings(readings[2].Date, 15, gap);

        var bill = BillCalculator.Calculate(Flat(1m), Household, three, readings);

        // Day 3's interval 0 becomes (100 + 200) / 2 = 150 Wh.
        Assert.Equal(0.45m, bill.TotalKwh);
        Assert.Equal(1, bill.EstimatedIntervals);
        Assert.Equal(EstimationMethod.SameIntervalAverage, bill.Estimation);
        Assert.Contains("Bill.EstimatedIntervals", bill.Notes);
    }

    [Fact]
    public void A_day_without_readings_is_estimated_from_the_other_days()
    {
        var three = new BillingPeriod(June.Start, June.Start.AddDays(3));
        var readings = Constant(three.Start, three.Start.AddDays(2), 1000);

        var bill = BillCalculator.Calculate(Flat(1m), Household, three, readings);

        Assert.Equal(288m, bill.TotalKwh);
        Assert.Equal(96, bill.EstimatedIntervals);
        Assert.Equal(288, bill.ExpectedIntervals);
    }

    [Fact]
    public void With_no_readings_at_all_the_estimate_is_zero_and_flagged()
    {
        var bill = BillCalculator.Calculate(Flat(1m), Household, June, []);

        Assert.Equal(0m, bill.TotalKwh);
        Assert.Equal(EstimationMethod.ZeroNoData, bill.Estimation);
        Assert.Equal(30 * 96, bill.EstimatedIntervals);
    }

    [Fact]
    public void An_invalid_package_cannot_be_billed()
    {
        var ex = Assert.Throws<DomainException>(() => BillCalculator.Calculate(Flat(-1m), Household, June, []));
        Assert.Equal("Tariff.PackageInvalid", ex.Code);
    }
}
