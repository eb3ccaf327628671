using Portal.Domain.Common;
using Portal.Domain.Credit;
using Portal.Domain.Safety;
using Xunit;
using static Portal.Tests.Domain.Credit.CreditTestData;

namespace Portal.Tests.Domain.Credit;

public class CreditReviewTests
{
    private static readonly DateOnly Today = D(2026, 6, 20);

    [Fact]
    public void A_policy_survives_its_json_document_unchanged()
    {
        var json = Seed.ToJson();
        var back = CreditPolicy.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Equal(PolicyStatus.Published, back.Status);
        var facts = FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2025, 7, 15), 11).Bill("late", D(2026, 6, 1), D(2026, 6, 12)).Build();
        Assert.Equal(CreditScorer.Score(Seed, facts, Today), CreditScorer.Score(back, facts, Today), new ScoreComparer());
    }

    [Fact]
    public void A_draft_read_back_from_json_is_still_editable_and_publishable()
    {
        var draft = CreditPolicy.FromJson(Seed.CreateNextDraft(Today).ToJson());
        draft.SetIndicatorWeight(CreditIndicator.Contribution, 5m);
        draft.SetIndicatorWeight(CreditIndicator.PaymentTimeliness, 45m);
        draft.Publish(Today);
        Assert.Equal(2, draft.Version);
        Assert.Equal(45m, CreditPolicy.FromJson(draft.ToJson()).Indicator(CreditIndicator.PaymentTimeliness).WeightPercent);
    }

    [Fact]
    public void Every_bill_hazard_violation_and_adjustment_becomes_its_own_ledger_line_and_the_ledger_sums_to_the_score()
    {
        var facts = FactsBuilder.Household()
            .MonthlyBillsPaidOnTime(D(2025, 7, 15), 10)
            .Bill("late", D(2026, 5, 15), D(2026, 5, 30))
            .Hazard("h1", HazardSeverity.Minor, D(2026, 3, 1), D(2026, 3, 31), D(2026, 3, 20))
            .Violation("v1", ViolationKind.SupplyRuleViolation, D(2026, 4, 2))
            .Adjustment("a1", CreditIndicator.Contribution, 5m, D(2026, 6, 1), "meter fault was ours")
            .Build();
        var state = StateIn(CreditTier.B);
        CreditReview.Evaluate(Seed, state, facts, D(2025, 6, 1));

        var result = CreditReview.Evaluate(Seed, state, facts, Today);

        Assert.Equal(PointEventKind.Opening, state.Events[0].Kind);

        Assert.True(state.HasRecorded(PointEventKind.LatePayment, "bill:late"));
        Assert.True(state.HasRecorded(PointEventKind.HazardFound, "hazard:h1"));
        Assert.True(state.HasRecorded(PointEventKind.HazardFixedOnTime, "hazard:h1:fixed"));
        Assert.True(state.HasRecorded(PointEventKind.Violation, "violation:v1"));
        Assert.Contains(state.Events, e => e.Kind == PointEventKind.ManualAdjustment && e.ReasonText == "meter fault was ours");
        Assert.True(state.Events.Where(e => e.SourceReference == "bill:late").Sum(e => e.PointsDelta) < 0m, "a late payment costs points");
        Assert.Equal(result.Score.Total, state.CurrentScore);
        Assert.Equal(state.CurrentScore, state.Events.Sum(e => e.PointsDelta));
        Assert.Equal(CreditTier.C, state.CurrentTier); // the violation freezes at C
        Assert.True(result.TierChanged);
    }

    [Fact]
    public void Evaluating_twice_on_the_same_day_adds_nothing_and_keeps_the_tier()
    {
        var facts = FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2025, 7, 15), 12).Build();
        var state = StateIn(CreditTier.B);
        CreditReview.Evaluate(Seed, state, facts, Today);
        var lines = state.Events.Count;
        var tier = state.CurrentTier;

        var again = CreditReview.Evaluate(Seed, state, facts, Today);

        Assert.Empty(again.Added);
        Assert.False(again.Applied);
        Assert.Equal(lines, state.Events.Count);
        Assert.Equal(tier, state.CurrentTier);
    }

    [Fact]
    public void A_fix_that_surfaces_after_later_lines_is_scored_no_earlier_than_the_ledger_and_keeps_it_summing()
    {
        var builder = FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2025, 7, 15), 12);
        var open = builder.Hazard("h1", HazardSeverity.Minor, D(2026, 5, 1), D(2026, 5, 31), null).Build();
        var state = StateIn(CreditTier.B);
        CreditReview.Evaluate(Seed, state, open, D(2026, 4, 1));
        CreditReview.Evaluate(Seed, state, open, D(2026, 6, 10));

        // Fixed on 20 May, verified (and so known) only after the 10 June review.
        var fixedLate = open with { Hazards = [new HazardFact("h1", HazardSeverity.Minor, D(2026, 5, 1), D(2026, 5, 31), D(2026, 5, 20))] };
        CreditReview.Evaluate(Seed, state, fixedLate, Today);

        var fixLines = state.Events.Where(e => e.SourceReference == "hazard:h1:fixed").ToList();
        Assert.NotEmpty(fixLines);
        Assert.All(fixLines, e => Assert.Equal(D(2026, 6, 10), e.OccurredOn));
        Assert.Equal(state.CurrentScore, state.Events.Sum(e => e.PointsDelta));
    }

    [Fact]
    public void A_new_ledger_opens_with_its_score_and_does_not_replay_facts_from_before_it()
    {
        var facts = FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2025, 1, 15), 17).Build();
        var state = StateIn(CreditTier.B);

        CreditReview.Evaluate(Seed, state, facts, D(2026, 1, 1));

        Assert.Equal(PointEventKind.Opening, state.Events[0].Kind);
        Assert.DoesNotContain(state.Events, e => e.Kind == PointEventKind.BillPaidOnTime);
        CreditReview.Evaluate(Seed, state, facts, Today);
        Assert.Contains(state.Events, e => e.SourceReference == $"bill:bill:2026-01");
        Assert.DoesNotContain(state.Events, e => e.SourceReference == $"bill:bill:2025-12");
        Assert.Equal(state.CurrentScore, state.Events.Sum(e => e.PointsDelta));
    }

    [Fact]
    public void Catch_up_reviews_run_monthly_over_the_window_but_never_before_the_account_opened()
    {
        var days = CreditReview.CatchUpDays(D(2026, 2, 10), Today, 12);
        Assert.Equal([D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1), D(2026, 6, 1), Today], days);
        Assert.Equal(13, CreditReview.CatchUpDays(D(2000, 1, 1), Today, 12).Count); // 12 month starts + today
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(-100, true)]
    [InlineData(0.01, true)]
    [InlineData(100.01, false)]
    [InlineData(-100.01, false)]
    [InlineData(0, false)]
    public void A_manual_adjustment_is_between_minus_100_and_100_and_not_zero(decimal points, bool accepted)
    {
        var make = () => CreditAdjustment.Make(Guid.NewGuid(), CreditIndicator.Contribution, points, Today, "reason", "admin");
        if (accepted) Assert.Equal(points, make().Points);
        else Assert.Equal("Credit.AdjustmentPointsInvalid", Assert.Throws<DomainException>(make).Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_manual_adjustment_without_a_reason_is_refused(string? reason)
    {
        var e = Assert.Throws<DomainException>(() => CreditAdjustment.Make(Guid.NewGuid(), CreditIndicator.Contribution, 5m, Today, reason, "admin"));
        Assert.Equal("Credit.AdjustmentReasonRequired", e.Code);
    }

    [Fact]
    public void A_message_to_a_manager_is_trimmed_and_limited_in_length()
    {
        Assert.Equal("hi", ManagerMessage.Write(Guid.NewGuid(), "u", true, "  hi ", DateTime.UtcNow).Body);
        Assert.Equal(ManagerMessage.MaxLength, ManagerMessage.Write(Guid.NewGuid(), "u", true, new string('x', ManagerMessage.MaxLength), DateTime.UtcNow).Body.Length);
        Assert.Throws<DomainException>(() => ManagerMessage.Write(Guid.NewGuid(), "u", true, new string('x', ManagerMessage.MaxLength + 1), DateTime.UtcNow));
        Assert.Throws<DomainException>(() => ManagerMessage.Write(Guid.NewGuid(), "u", true, " ", DateTime.UtcNow));
    }

    private sealed class ScoreComparer : IEqualityComparer<CreditScore>
    {
        public bool Equals(CreditScore? x, CreditScore? y) =>
            x!.Total == y!.Total && x.Indicators.Select(i => i.WeightedPoints).SequenceEqual(y.Indicators.Select(i => i.WeightedPoints));

        public int GetHashCode(CreditScore obj) => obj.Total.GetHashCode();
    }
}
