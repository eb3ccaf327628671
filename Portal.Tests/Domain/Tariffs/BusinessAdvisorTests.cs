using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Xunit;
using static Portal.Tests.Domain.Tariffs.TestData;

namespace Portal.Tests.Domain.Tariffs;

public class BusinessAdvisorTests
{
    private static readonly BasicCharge DemandTerms = new() { Method = BasicChargeMethod.Demand, Price = 33m };

    private static List<MonthDemand> Months(params decimal[] kw) => kw.Select((k, i) => new MonthDemand(2024, i + 1, k)).ToList();

    [Fact]
    public void Demand_billing_wins_when_the_transformer_is_lightly_loaded()
    {
        // 1,000 kVA: capacity 26,000 × 12 = 312,000; demand never above 400 → declare the 400 kW floor: 13,200 × 12.
        var advice = BusinessAdvisor.AdviseBasicCharge(Factory, Months(Enumerable.Repeat(400m, 12).ToArray()), 26m, DemandTerms);

        Assert.Equal(Money.Of(312_000m), advice.AnnualByCapacity);
        Assert.Equal(400m, advice.BestDeclaredKw);
        Assert.Equal(Money.Of(158_400m), advice.AnnualByDemandAtBest);
        Assert.Equal((BasicChargeMethod.Demand, Money.Of(153_600m)), (advice.CheaperMethod, advice.AnnualSaving));
    }

    [Fact]
    public void The_best_declaration_never_goes_below_40_percent_of_capacity()
    {
        var advice = BusinessAdvisor.AdviseBasicCharge(Factory, Months(Enumerable.Repeat(250m, 12).ToArray()), 26m, DemandTerms);

        Assert.Equal(400m, advice.MinimumDeclaredKw);
        Assert.Equal(400m, advice.BestDeclaredKw);
    }

    [Fact]
    public void The_best_declaration_is_the_lowest_that_keeps_the_usual_months_within_105_percent()
    {
        // 500 kVA (floor 200): eleven months at 400 kW, one at 600. 381 × 1.05 = 400.05 covers the usual months;
        // 380 would put all twelve into the double-price excess.
        var profile = new AccountProfile(CustomerType.LargeIndustrial, VoltageLevel.Kv1To10, 500m, "Kuitun");
        var demands = Months([.. Enumerable.Repeat(400m, 11), 600m]);

        var advice = BusinessAdvisor.AdviseBasicCharge(profile, demands, 26m, DemandTerms, currentDeclaredKw: 380m);

        Assert.Equal(381m, advice.BestDeclaredKw);
        // 11 × 381 × 33 = 138,303 + (400.05 × 33 = 13,201.65 + 199.95 × 66 = 13,196.70).
        Assert.Equal(Money.Of(164_701.35m), advice.AnnualByDemandAtBest);
        // 11 × (399 × 33 + 1 × 66) + (399 × 33 + 201 × 66) = 145,563 + 26,433.
        Assert.Equal(Money.Of(171_996m), advice.AnnualByDemandAtCurrent);
        // Capacity: 500 × 26 × 12 = 156,000 is cheaper still at this load factor.
        Assert.Equal((BasicChargeMethod.Capacity, Money.Of(8_701.35m)), (advice.CheaperMethod, advice.AnnualSaving));
    }

    [Fact]
    public void Monthly_maximum_demand_is_read_from_the_last_12_complete_months()
    {
        var readings = Constant(new DateOnly(2024, 5, 1), new DateOnly(2025, 7, 1), 100_000, demandW: 450_000);

        var months = BusinessAdvisor.MonthlyMaxDemand(readings, new DateOnly(2025, 6, 20));

        Assert.Equal(12, months.Count);
        Assert.Equal((2024, 6), (months[0].Year, months[0].Month));
        Assert.Equal((2025, 5), (months[^1].Year, months[^1].Month));
        Assert.All(months, m => Assert.Equal(450m, m.MaxDemandKw));
    }

    [Fact]
    public void The_power_factor_explainer_prices_the_next_step_the_standard_and_the_best_band()
    {
        // 72,000 kWh and 54,000 kvarh over 720 h: PF 0.80, 100 kW average, +5% of 10,000 = 500.
        var explanation = BusinessAdvisor.ExplainPowerFactor(PowerFactorStandard.Pf90, 72_000m, 54_000m, 720m, Money.Of(10_000m));

        Assert.Equal((0.80m, 5m, Money.Of(500m), 100m), (explanation.PowerFactor, explanation.AdjustmentPercent, explanation.AdjustmentPaid, explanation.AverageKw));
        Assert.Equal(
        [
            new PowerFactorTarget(0.81m, 4.5m, 2.6m, Money.Of(450m), Money.Of(50m)),
            new PowerFactorTarget(0.90m, 0m, 26.6m, Money.Zero, Money.Of(500m)),
            new PowerFactorTarget(0.95m, -0.75m, 42.1m, Money.Of(-75m), Money.Of(575m)),
        ], explanation.Targets);
    }

    [Fact]
    public void At_the_best_band_there_is_nothing_left_to_gain()
    {
        var explanation = BusinessAdvisor.ExplainPowerFactor(PowerFactorStandard.Pf90, 100m, 20m, 1m, Money.Of(1_000m));

        Assert.Equal(0.98m, explanation.PowerFactor);
        Assert.Empty(explanation.Targets);
    }

    [Fact]
    public void The_explainer_reads_its_figures_from_a_bill()
    {
        var package = XinjiangTwoPart(BasicChargeMethod.Capacity) with { PowerFactor = new PowerFactorRule() };
        var june = BillingPeriod.Month(2025, 6);
        var bill = BillCalculator.Calculate(package, Factory, june, Constant(june.Start, june.End, 100_000, varhPerInterval: 75_000));

        var explanation = BusinessAdvisor.ExplainPowerFactor(bill);

        Assert.Equal(bill.AmountOf(BillLineKind.PowerFactor), explanation.AdjustmentPaid);
        Assert.Equal(400m, explanation.AverageKw);
    }
}
