using Portal.Domain.Accounts;
using Portal.Domain.Credit;
using Portal.Domain.Safety;
using Xunit;
using static Portal.Tests.Domain.Credit.CreditTestData;

namespace Portal.Tests.Domain.Credit;

public class CreditScorerTests
{
    private static readonly DateOnly AsOf = D(2025, 6, 30);

    private static FactsBuilder CleanYear() => FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2024, 7, 15), 12);

    private static CreditScore Score(FactsBuilder facts) => CreditScorer.Score(Seed, facts.Build(), AsOf);

    private static FactorScore Factor(CreditScore score, CreditIndicator indicator, CreditMetric metric) =>
        score.For(indicator).Factors.Single(f => f.Metric == metric);

    [Fact]
    public void A_household_with_a_clean_record_scores_96_5_and_the_breakdown_adds_up()
    {
        var score = Score(CleanYear());

        Assert.Equal(96.5m, score.Total);
        Assert.Equal(40m, score.For(CreditIndicator.PaymentTimeliness).WeightedPoints);
        Assert.Equal(25m, score.For(CreditIndicator.UsageSafetyRisk).WeightedPoints);
        Assert.Equal(8.5m, score.For(CreditIndicator.Contribution).WeightedPoints);
        Assert.Equal(8m, score.For(CreditIndicator.VoltageAndCapacity).WeightedPoints);
        Assert.Equal(15m, score.For(CreditIndicator.HazardRectification).WeightedPoints);
        Assert.Equal(score.Total, score.Indicators.Sum(i => i.WeightedPoints));
        Assert.Equal(1, score.PolicyVersion);
    }

    [Fact]
    public void Scoring_is_deterministic()
    {
        var facts = CleanYear().Bill("late", D(2025, 3, 15), D(2025, 3, 20))
            .Hazard("h1", HazardSeverity.Minor, D(2025, 1, 1), D(2025, 1, 31), D(2025, 2, 3)).Build();
        var a = CreditScorer.Score(Seed, facts, AsOf);
        var b = CreditScorer.Score(Seed, facts, AsOf);

        Assert.Equal(a.Total, b.Total);
        Assert.Equal(
            a.Indicators.SelectMany(i => i.Factors).SelectMany(f => f.Evidence),
            b.Indicators.SelectMany(i => i.Factors).SelectMany(f => f.Evidence));
    }

    [Fact]
    public void One_bill_paid_five_days_late_in_a_year_costs_four_points_and_is_explained()
    {
        var score = Score(CleanYear().Bill("bill:2025-03", D(2025, 3, 15), D(2025, 3, 20)));

        // 11/12 on time = 91.67 % → 85; 5 days late → 90; no arrears → 100: raw 90, weighted 36.
        Assert.Equal(92.5m, score.Total);
        var rate = Factor(score, CreditIndicator.PaymentTimeliness, CreditMetric.OnTimePaymentRatePercent);
        Assert.Equal(91.67m, rate.MeasuredValue);
        Assert.Equal(85m, rate.BandPoints);
        var late = Factor(score, CreditIndicator.PaymentTimeliness, CreditMetric.MaxDaysLate);
        var evidence = Assert.Single(late.Evidence);
        Assert.Equal(new ScoreEvidence(EvidenceCodes.BillPaidLate, "bill:2025-03", D(2025, 3, 20), 5m), evidence);
    }

    [Fact]
    public void A_bill_paid_on_its_due_date_is_on_time()
    {
        var score = Score(CleanYear().Bill("bill:2025-03", D(2025, 3, 15), D(2025, 3, 15)));
        Assert.Equal(100m, Factor(score, CreditIndicator.PaymentTimeliness, CreditMetric.OnTimePaymentRatePercent).MeasuredValue);
    }

    [Fact]
    public void A_bill_paid_the_day_after_its_due_date_is_one_day_late()
    {
        var score = Score(CleanYear().Bill("bill:2025-03", D(2025, 3, 15), D(2025, 3, 16)));
        Assert.Equal(1m, Factor(score, CreditIndicator.PaymentTimeliness, CreditMetric.MaxDaysLate).MeasuredValue);
        Assert.Equal(90m, Factor(score, CreditIndicator.PaymentTimeliness, CreditMetric.MaxDaysLate).BandPoints);
    }

    [Fact]
    public void A_payment_dated_after_the_scoring_day_counts_as_unpaid_on_that_day()
    {
        var facts = CleanYear().Bill("bill:2025-06", D(2025, 6, 15), D(2025, 7, 2)).Build();
        var score = CreditScorer.Score(Seed, facts, AsOf);

        var arrears = Factor(score, CreditIndicator.PaymentTimeliness, CreditMetric.OldestArrearsDays);
        Assert.Equal(15m, arrears.MeasuredValue);
        Assert.Equal(EvidenceCodes.BillUnpaid, Assert.Single(arrears.Evidence).Code);
    }

    [Fact]
    public void A_bill_due_exactly_twelve_months_ago_has_left_the_window_and_one_due_a_day_later_has_not()
    {
        var outside = Score(CleanYear().Bill("old", D(2024, 6, 30), D(2024, 8, 30)));
        var inside = Score(CleanYear().Bill("old", D(2024, 7, 1), D(2024, 8, 30)));

        Assert.Equal(0m, Factor(outside, CreditIndicator.PaymentTimeliness, CreditMetric.MaxDaysLate).MeasuredValue);
        Assert.Equal(60m, Factor(inside, CreditIndicator.PaymentTimeliness, CreditMetric.MaxDaysLate).MeasuredValue);
    }

    [Fact]
    public void Bills_not_yet_due_do_not_count()
    {
        var score = Score(CleanYear().Bill("future", D(2025, 7, 15), null));
        Assert.Equal(96.5m, score.Total);
    }

    [Fact]
    public void An_account_with_no_bills_yet_gets_full_payment_points()
    {
        var score = Score(FactsBuilder.Household());
        Assert.Equal(100m, score.For(CreditIndicator.PaymentTimeliness).RawPoints);
    }

    [Fact]
    public void Theft_in_the_last_five_years_zeroes_its_factor()
    {
        var score = Score(CleanYear().Violation("t1", ViolationKind.Theft, D(2020, 7, 1)));

        Assert.Equal(70m, score.For(CreditIndicator.UsageSafetyRisk).RawPoints);
        var evidence = Assert.Single(Factor(score, CreditIndicator.UsageSafetyRisk, CreditMetric.TheftRecords).Evidence);
        Assert.Equal(EvidenceCodes.Theft, evidence.Code);
    }

    [Fact]
    public void Theft_exactly_five_years_ago_no_longer_counts()
    {
        var score = Score(CleanYear().Violation("t1", ViolationKind.Theft, D(2020, 6, 30)));
        Assert.Equal(100m, score.For(CreditIndicator.UsageSafetyRisk).RawPoints);
    }

    [Fact]
    public void Major_hazards_count_in_both_hazard_factors()
    {
        var score = Score(CleanYear().Hazard("h1", HazardSeverity.Major, D(2025, 6, 1), D(2025, 7, 1), null));

        Assert.Equal(1m, Factor(score, CreditIndicator.UsageSafetyRisk, CreditMetric.HazardsFound).MeasuredValue);
        Assert.Equal(1m, Factor(score, CreditIndicator.UsageSafetyRisk, CreditMetric.MajorHazardsFound).MeasuredValue);
        // 80·20 % + 50·20 % + 100·60 % = 86
        Assert.Equal(86m, score.For(CreditIndicator.UsageSafetyRisk).RawPoints);
    }

    [Fact]
    public void A_hazard_still_within_its_deadline_does_not_affect_rectification()
    {
        var score = Score(CleanYear().Hazard("h1", HazardSeverity.Minor, D(2025, 6, 1), D(2025, 6, 30), null));
        Assert.Equal(100m, score.For(CreditIndicator.HazardRectification).RawPoints);
        Assert.Empty(Factor(score, CreditIndicator.HazardRectification, CreditMetric.OnTimeRectificationRatePercent).Evidence);
    }

    [Fact]
    public void A_hazard_fixed_on_its_deadline_is_on_time()
    {
        var score = Score(CleanYear().Hazard("h1", HazardSeverity.Minor, D(2025, 5, 1), D(2025, 5, 31), D(2025, 5, 31)));
        Assert.Equal(100m, score.For(CreditIndicator.HazardRectification).RawPoints);
        var evidence = Assert.Single(Factor(score, CreditIndicator.HazardRectification, CreditMetric.OnTimeRectificationRatePercent).Evidence);
        Assert.Equal(EvidenceCodes.HazardFixedOnTime, evidence.Code);
    }

    [Fact]
    public void A_hazard_fixed_a_day_after_its_deadline_is_late_by_one_day()
    {
        var score = Score(CleanYear().Hazard("h1", HazardSeverity.Minor, D(2025, 5, 1), D(2025, 5, 31), D(2025, 6, 1)));
        var rate = Factor(score, CreditIndicator.HazardRectification, CreditMetric.OnTimeRectificationRatePercent);
        var days = Factor(score, CreditIndicator.HazardRectification, CreditMetric.MaxDaysPastRectificationDeadline);

        Assert.Equal(0m, rate.MeasuredValue);
        Assert.Equal(1m, days.MeasuredValue);
        Assert.Equal(new ScoreEvidence(EvidenceCodes.HazardFixedLate, "h1", D(2025, 6, 1), 1m), Assert.Single(days.Evidence));
        // 0·60 % + 70·40 % = 28
        Assert.Equal(28m, score.For(CreditIndicator.HazardRectification).RawPoints);
    }

    [Fact]
    public void An_open_hazard_past_its_deadline_counts_its_days_so_far()
    {
        var score = Score(CleanYear().Hazard("h1", HazardSeverity.Minor, D(2025, 5, 1), D(2025, 6, 20), null));
        var days = Factor(score, CreditIndicator.HazardRectification, CreditMetric.MaxDaysPastRectificationDeadline);
        Assert.Equal(10m, days.MeasuredValue);
        Assert.Equal(EvidenceCodes.HazardOverdue, Assert.Single(days.Evidence).Code);
    }

    [Fact]
    public void A_manual_adjustment_moves_its_indicator_and_is_clamped_at_100()
    {
        var up = Score(CleanYear().Adjustment("adj1", CreditIndicator.Contribution, 10m, D(2025, 6, 1)));
        var wayUp = Score(CleanYear().Adjustment("adj1", CreditIndicator.Contribution, 50m, D(2025, 6, 1)));
        var down = Score(CleanYear().Adjustment("adj1", CreditIndicator.Contribution, -200m, D(2025, 6, 1)));

        Assert.Equal(95m, up.For(CreditIndicator.Contribution).RawPoints);
        Assert.Equal(100m, wayUp.For(CreditIndicator.Contribution).RawPoints);
        Assert.Equal(0m, down.For(CreditIndicator.Contribution).RawPoints);
        Assert.Equal(EvidenceCodes.ManualAdjustment, Assert.Single(up.For(CreditIndicator.Contribution).Adjustments).Code);
    }

    [Fact]
    public void A_manual_adjustment_dated_after_the_scoring_day_is_ignored()
    {
        var score = Score(CleanYear().Adjustment("adj1", CreditIndicator.Contribution, 10m, D(2025, 7, 1)));
        Assert.Equal(85m, score.For(CreditIndicator.Contribution).RawPoints);
    }

    [Fact]
    public void A_large_industrial_customer_earns_full_voltage_and_capacity_points()
    {
        var score = Score(CleanYear().Profile(new AccountProfile(CustomerType.LargeIndustrial, VoltageLevel.Kv35, 315m, "Kuitun"))
            .AnnualKwh(2_000_000m));
        Assert.Equal(100m, score.For(CreditIndicator.VoltageAndCapacity).RawPoints);
        Assert.Equal(100m, score.For(CreditIndicator.Contribution).RawPoints);
        Assert.Equal(100m, score.Total);
    }

    [Fact]
    public void Weighted_points_round_half_up_to_two_decimals()
    {
        var draft = Seed.CreateNextDraft(D(2026, 1, 1));
        // 85 × 10.1 % = 8.585: half-up gives 8.59 where banker's rounding would give 8.58.
        draft.SetIndicatorWeight(CreditIndicator.Contribution, 10.1m);
        draft.SetIndicatorWeight(CreditIndicator.PaymentTimeliness, 39.9m);
        var score = CreditScorer.Score(draft, CleanYear().Build(), AsOf);

        Assert.Equal(8.59m, score.For(CreditIndicator.Contribution).WeightedPoints);
        Assert.Equal(39.9m, score.For(CreditIndicator.PaymentTimeliness).WeightedPoints);
        Assert.Equal(score.Indicators.Sum(i => i.WeightedPoints), score.Total);
    }
}
