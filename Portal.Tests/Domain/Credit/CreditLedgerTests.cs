using Portal.Domain.Common;
using Portal.Domain.Credit;
using Portal.Domain.Safety;
using Xunit;
using static Portal.Tests.Domain.Credit.CreditTestData;

namespace Portal.Tests.Domain.Credit;

public class CreditLedgerTests
{
    private static readonly DateOnly AsOf = D(2025, 6, 30);

    private static FactsBuilder CleanYear() => FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2024, 7, 15), 12);

    private static CreditScore Score(FactsBuilder facts, DateOnly? asOf = null) => CreditScorer.Score(Seed, facts.Build(), asOf ?? AsOf);

    private static CreditAccountState OpenedWith(CreditScore score)
    {
        var state = StateIn(CreditTier.B);
        state.Record(PointEventKind.Review, score.AsOf, "review:opening", score);
        return state;
    }

    [Fact]
    public void The_first_record_explains_the_whole_score_indicator_by_indicator()
    {
        var score = Score(CleanYear());
        var state = StateIn(CreditTier.B);

        var lines = state.Record(PointEventKind.Review, AsOf, "review:2025-06", score);

        Assert.Equal(5, lines.Count);
        Assert.Equal(96.5m, lines.Sum(l => l.PointsDelta));
        Assert.Equal(96.5m, state.CurrentScore);
        Assert.Equal(40m, state.PointsOf(CreditIndicator.PaymentTimeliness));
        Assert.All(lines, l => Assert.Equal("Credit.Event.Review", l.ReasonCode));
    }

    [Fact]
    public void A_late_payment_is_one_line_on_payment_timeliness_with_the_points_it_cost()
    {
        var state = OpenedWith(Score(CleanYear()));
        var after = Score(CleanYear().Bill("bill:2025-03", D(2025, 3, 15), D(2025, 3, 20)));

        var line = Assert.Single(state.Record(PointEventKind.LatePayment, D(2025, 3, 20), "bill:2025-03", after));

        Assert.Equal(CreditIndicator.PaymentTimeliness, line.Indicator);
        Assert.Equal(-4m, line.PointsDelta);
        Assert.Equal(92.5m, line.ScoreAfter);
        Assert.Equal(92.5m, state.CurrentScore);
    }

    [Fact]
    public void Recording_the_same_source_event_twice_does_nothing()
    {
        var state = OpenedWith(Score(CleanYear()));
        var after = Score(CleanYear().Bill("bill:2025-03", D(2025, 3, 15), D(2025, 3, 20)));
        state.Record(PointEventKind.LatePayment, D(2025, 3, 20), "bill:2025-03", after);
        var count = state.Events.Count;

        var again = state.Record(PointEventKind.LatePayment, D(2025, 3, 20), "bill:2025-03", after);

        Assert.Empty(again);
        Assert.Equal(count, state.Events.Count);
        Assert.True(state.HasRecorded(PointEventKind.LatePayment, "bill:2025-03"));
    }

    [Fact]
    public void The_same_source_may_cause_events_of_different_kinds()
    {
        var state = OpenedWith(Score(CleanYear()));
        var hazardScore = Score(CleanYear().Hazard("h1", HazardSeverity.Minor, D(2025, 6, 1), D(2025, 6, 10), null));
        state.Record(PointEventKind.HazardFound, D(2025, 6, 1), "h1", hazardScore);

        Assert.NotEmpty(state.Record(PointEventKind.HazardFixedLate, D(2025, 6, 20), "h1", hazardScore));
    }

    [Fact]
    public void An_event_that_changes_nothing_is_still_recorded_with_a_zero_delta()
    {
        var state = OpenedWith(Score(CleanYear()));

        var line = Assert.Single(state.Record(PointEventKind.BillPaidOnTime, D(2025, 6, 15), "bill:2025-06", Score(CleanYear())));

        Assert.Equal(0m, line.PointsDelta);
        Assert.Null(line.Indicator);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_manual_adjustment_without_a_reason_is_refused(string? reason)
    {
        var state = OpenedWith(Score(CleanYear()));
        var after = Score(CleanYear().Adjustment("adj1", CreditIndicator.Contribution, 10m, D(2025, 6, 1)));

        var ex = Assert.Throws<DomainException>(() =>
            state.Record(PointEventKind.ManualAdjustment, D(2025, 6, 1), "adj1", after, reasonText: reason));

        Assert.Equal("Credit.AdjustmentReasonRequired", ex.Code);
        Assert.False(state.HasRecorded(PointEventKind.ManualAdjustment, "adj1"));
    }

    [Fact]
    public void A_manual_adjustment_with_a_reason_records_it()
    {
        var state = OpenedWith(Score(CleanYear()));
        var after = Score(CleanYear().Adjustment("adj1", CreditIndicator.Contribution, 10m, D(2025, 6, 1)));

        var line = Assert.Single(state.Record(PointEventKind.ManualAdjustment, D(2025, 6, 1), "adj1", after,
            reasonText: " Billing error on our side "));

        Assert.Equal(1m, line.PointsDelta);
        Assert.Equal("Billing error on our side", line.ReasonText);
    }

    [Fact]
    public void A_point_event_needs_a_source_reference()
    {
        var ex = Assert.Throws<DomainException>(() => StateIn(CreditTier.B).Record(PointEventKind.Review, AsOf, " ", Score(CleanYear())));
        Assert.Equal("Credit.SourceRequired", ex.Code);
    }

    [Fact]
    public void Through_a_series_of_events_the_ledger_always_sums_to_the_score()
    {
        var facts = CleanYear();
        var state = OpenedWith(Score(facts));

        facts.Bill("bill:2025-03", D(2025, 3, 15), D(2025, 3, 20));
        state.Record(PointEventKind.LatePayment, D(2025, 3, 20), "bill:2025-03", Score(facts));
        facts.Hazard("h1", HazardSeverity.Major, D(2025, 4, 1), D(2025, 4, 30), D(2025, 5, 8));
        state.Record(PointEventKind.HazardFound, D(2025, 4, 1), "h1", Score(facts));
        facts.Violation("v1", ViolationKind.SupplyRuleViolation, D(2025, 6, 2));
        state.Record(PointEventKind.Violation, D(2025, 6, 2), "v1", Score(facts));
        // Time passing alone (the late bill leaves the 12-month window) is a review line.
        var later = Score(facts, D(2026, 3, 31));
        state.Record(PointEventKind.Review, D(2026, 3, 31), "review:2026-03", later);

        Assert.Equal(later.Total, state.CurrentScore);
        Assert.Equal(state.CurrentScore, state.Events.Sum(e => e.PointsDelta));
        foreach (var indicator in later.Indicators)
            Assert.Equal(indicator.WeightedPoints, state.PointsOf(indicator.Indicator));
    }

    [Fact]
    public void An_indicator_missing_from_a_new_score_is_zeroed_so_the_ledger_still_sums()
    {
        var state = OpenedWith(Score(CleanYear()));
        var only = new IndicatorScore(CreditIndicator.PaymentTimeliness, 100m, 100m, 100m, [], []);

        state.Record(PointEventKind.PolicyChanged, AsOf, "policy:2", new CreditScore(2, AsOf, 100m, [only]));

        Assert.Equal(0m, state.PointsOf(CreditIndicator.UsageSafetyRisk));
        Assert.Equal(100m, state.Events.Sum(e => e.PointsDelta));
    }

    [Fact]
    public void Applying_a_review_records_the_tier_change_with_its_reason()
    {
        var state = StateIn(CreditTier.B);
        var decision = TierPolicy.Review(Seed, state, ScoreOf(95m, AsOf), CleanYear().Build(), AsOf);

        Assert.True(state.ApplyReview(decision, AsOf, 1));

        Assert.Equal(CreditTier.A, state.CurrentTier);
        var change = Assert.Single(state.TierHistory);
        Assert.Equal((CreditTier.B, CreditTier.A, TierReasonCodes.Promoted, 95m), (change.From, change.To, change.ReasonCode, change.Score));
    }

    [Fact]
    public void A_review_without_a_change_adds_no_history()
    {
        var state = StateIn(CreditTier.B);
        state.ApplyReview(TierPolicy.Review(Seed, state, ScoreOf(80m, AsOf), CleanYear().Build(), AsOf), AsOf, 1);
        Assert.Empty(state.TierHistory);
        Assert.Equal(AsOf, state.LastReviewedOn);
    }

    [Fact]
    public void Re_applying_a_review_for_the_same_day_does_nothing()
    {
        var state = StateIn(CreditTier.B);
        var decision = TierPolicy.Review(Seed, state, ScoreOf(95m, AsOf), CleanYear().Build(), AsOf);
        state.ApplyReview(decision, AsOf, 1);

        Assert.False(state.ApplyReview(decision, AsOf, 1));
        Assert.Single(state.TierHistory);
    }

    [Fact]
    public void A_theft_recorded_after_the_days_review_freezes_the_account_that_same_day_and_a_rerun_changes_nothing()
    {
        var state = StateIn(CreditTier.B);
        state.ApplyReview(TierPolicy.Review(Seed, state, ScoreOf(95m, AsOf), CleanYear().Build(), AsOf), AsOf, 1);
        var theft = CleanYear().Violation("v1", ViolationKind.Theft, AsOf).Build();
        var frozen = TierPolicy.Review(Seed, state, ScoreOf(95m, AsOf), theft, AsOf);

        Assert.True(state.ApplyReview(frozen, AsOf, 1));
        Assert.Equal(CreditTier.C, state.CurrentTier);
        Assert.Equal(AsOf.AddYears(2), state.FrozenUntil);
        Assert.False(state.ApplyReview(TierPolicy.Review(Seed, state, ScoreOf(95m, AsOf), theft, AsOf), AsOf, 1));
        Assert.Equal(2, state.TierHistory.Count);
    }

    [Fact]
    public void A_same_day_review_without_a_new_freeze_is_still_a_no_op()
    {
        var state = StateIn(CreditTier.B);
        var violation = CleanYear().Violation("v1", ViolationKind.SupplyRuleViolation, AsOf.AddDays(-10)).Build();
        state.ApplyReview(TierPolicy.Review(Seed, state, ScoreOf(95m, AsOf), violation, AsOf), AsOf, 1);
        var tier = state.CurrentTier;

        // The same freeze again (not a longer one) is not a reason to review twice.
        Assert.False(state.ApplyReview(TierPolicy.Review(Seed, state, ScoreOf(40m, AsOf), violation, AsOf), AsOf, 1));
        Assert.Equal(tier, state.CurrentTier);
        Assert.Equal(AsOf.AddDays(-10).AddYears(1), state.FrozenUntil);
    }

    [Theory]
    [InlineData(null, "Credit.ViolationNoteRequired")]
    [InlineData("  ", "Credit.ViolationNoteRequired")]
    public void A_violation_without_a_reason_is_refused(string? note, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => Violation.Record(Guid.NewGuid(), ViolationKind.Theft, AsOf, note, AsOf)).Code);

    [Fact]
    public void A_violation_reason_may_have_500_characters_but_not_501()
    {
        Assert.Equal(500, Violation.Record(Guid.NewGuid(), ViolationKind.Theft, AsOf, new string('x', 500), AsOf).Note.Length);
        Assert.Equal("Credit.ViolationNoteTooLong",
            Assert.Throws<DomainException>(() => Violation.Record(Guid.NewGuid(), ViolationKind.Theft, AsOf, new string('x', 501), AsOf)).Code);
    }

    [Fact]
    public void A_violation_may_be_dated_on_the_day_it_is_recorded_but_not_the_day_after()
    {
        Assert.Equal(AsOf, Violation.Record(Guid.NewGuid(), ViolationKind.SupplyRuleViolation, AsOf, "meter seal broken", AsOf).OccurredOn);
        Assert.Equal("Credit.ViolationInFuture", Assert.Throws<DomainException>(() =>
            Violation.Record(Guid.NewGuid(), ViolationKind.SupplyRuleViolation, AsOf.AddDays(1), "meter seal broken", AsOf)).Code);
    }

    [Fact]
    public void A_review_dated_before_the_last_one_is_refused()
    {
        var state = StateIn(CreditTier.B);
        state.ApplyReview(TierPolicy.Review(Seed, state, ScoreOf(80m, AsOf), CleanYear().Build(), AsOf), AsOf, 1);
        var earlier = TierPolicy.Review(Seed, state, ScoreOf(80m, AsOf), CleanYear().Build(), AsOf.AddDays(-1));

        Assert.Equal("Credit.ReviewOutOfOrder", Assert.Throws<DomainException>(() => state.ApplyReview(earlier, AsOf.AddDays(-1), 1)).Code);
    }

    [Fact]
    public void A_decision_made_for_another_tier_is_refused()
    {
        var decision = TierPolicy.Review(Seed, StateIn(CreditTier.C), ScoreOf(95m, AsOf), CleanYear().Build(), AsOf);
        var state = StateIn(CreditTier.A);
        Assert.Equal("Credit.StaleDecision", Assert.Throws<DomainException>(() => state.ApplyReview(decision, AsOf, 1)).Code);
    }

    [Fact]
    public void A_ledger_belongs_to_an_account()
    {
        Assert.Equal("Credit.AccountRequired", Assert.Throws<DomainException>(() => CreditAccountState.Open(Guid.Empty, CreditTier.B)).Code);
    }
}
