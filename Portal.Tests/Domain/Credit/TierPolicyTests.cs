using Portal.Domain.Credit;
using Portal.Domain.Safety;
using Xunit;
using static Portal.Tests.Domain.Credit.CreditTestData;

namespace Portal.Tests.Domain.Credit;

public class TierPolicyTests
{
    private static readonly DateOnly AsOf = D(2025, 6, 30);

    private static CreditFacts Clean() => FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2024, 7, 15), 12).Build();

    private static TierDecision Review(CreditTier current, decimal score, CreditFacts? facts = null, DateOnly? asOf = null, CreditPolicy? policy = null)
    {
        var day = asOf ?? AsOf;
        return TierPolicy.Review(policy ?? Seed, StateIn(current), ScoreOf(score, day), facts ?? Clean(), day);
    }

    [Theory]
    [InlineData(CreditTier.B, 90, CreditTier.A, TierReasonCodes.Promoted)]
    [InlineData(CreditTier.B, 89.99, CreditTier.B, TierReasonCodes.Retained)]
    [InlineData(CreditTier.C, 70, CreditTier.B, TierReasonCodes.Promoted)]
    [InlineData(CreditTier.C, 69.99, CreditTier.C, TierReasonCodes.Retained)]
    [InlineData(CreditTier.A, 85, CreditTier.A, TierReasonCodes.Retained)]
    [InlineData(CreditTier.A, 84.99, CreditTier.B, TierReasonCodes.Demoted)]
    [InlineData(CreditTier.B, 65, CreditTier.B, TierReasonCodes.Retained)]
    [InlineData(CreditTier.B, 64.99, CreditTier.C, TierReasonCodes.Demoted)]
    [InlineData(CreditTier.A, 65, CreditTier.B, TierReasonCodes.Demoted)]
    [InlineData(CreditTier.A, 64.99, CreditTier.C, TierReasonCodes.Demoted)]
    [InlineData(CreditTier.C, 100, CreditTier.B, TierReasonCodes.Promoted)]
    public void Entry_and_exit_thresholds_apply_on_each_side(CreditTier current, decimal score, CreditTier expected, string reason)
    {
        var decision = Review(current, score);
        Assert.Equal(expected, decision.NewTier);
        Assert.Equal(reason, decision.ReasonCode);
        Assert.Equal(current, decision.PreviousTier);
    }

    [Fact]
    public void A_score_oscillating_around_the_A_entry_does_not_flip_the_tier()
    {
        var state = StateIn(CreditTier.B);
        var changes = 0;
        var day = D(2025, 1, 31);
        foreach (var score in new[] { 89m, 91m, 88m, 90.5m, 86m, 92m, 85m, 89.99m })
        {
            var decision = TierPolicy.Review(Seed, state, ScoreOf(score, day), Clean(), day);
            if (decision.Changed) changes++;
            state.ApplyReview(decision, day, 1);
            day = day.AddMonths(1);
        }

        Assert.Equal(1, changes);
        Assert.Equal(CreditTier.A, state.CurrentTier);
    }

    [Fact]
    public void A_score_oscillating_around_the_A_exit_does_not_flip_the_tier()
    {
        var state = StateIn(CreditTier.A);
        var day = D(2025, 1, 31);
        foreach (var score in new[] { 84m, 86m, 84.5m, 87m, 89.99m, 85m })
        {
            state.ApplyReview(TierPolicy.Review(Seed, state, ScoreOf(score, day), Clean(), day), day, 1);
            day = day.AddMonths(1);
        }

        Assert.Equal(CreditTier.B, state.CurrentTier);
        Assert.Single(state.TierHistory);
    }

    [Fact]
    public void More_steps_up_per_review_can_be_configured()
    {
        var draft = Seed.CreateNextDraft(D(2026, 1, 1));
        draft.SetPromotionRules(maxTiersUpPerReview: 2, recoveryMonths: 6);
        Assert.Equal(CreditTier.A, Review(CreditTier.C, 95m, policy: draft).NewTier);
    }

    [Fact]
    public void The_next_tier_requirement_gives_the_points_still_needed()
    {
        var next = Review(CreditTier.B, 80m).Next!;
        Assert.Equal(CreditTier.A, next.Target);
        Assert.Equal(10m, next.PointsNeeded);
        Assert.Null(next.BlockingCode);
    }

    [Fact]
    public void A_one_step_promotion_that_already_qualifies_for_more_needs_no_more_points()
    {
        var decision = Review(CreditTier.C, 95m);
        Assert.Equal(CreditTier.B, decision.NewTier);
        Assert.Equal(0m, decision.Next!.PointsNeeded);
    }

    [Fact]
    public void The_top_tier_has_no_next_tier()
    {
        Assert.Null(Review(CreditTier.A, 95m).Next);
    }

    [Fact]
    public void A_new_customer_is_in_B_for_the_first_twelve_months_whatever_the_score()
    {
        var facts = FactsBuilder.Household().OpenedOn(D(2025, 1, 15)).Build();

        var decision = Review(CreditTier.B, 40m, facts, D(2026, 1, 14));

        Assert.Equal(CreditTier.B, decision.NewTier);
        Assert.Equal(TierReasonCodes.NewCustomer, decision.ReasonCode);
        Assert.Equal(BlockingCodes.NewCustomerPeriod, decision.Next!.BlockingCode);
        Assert.Equal(D(2026, 1, 15), decision.Next.BlockedUntil);
    }

    [Fact]
    public void On_the_first_anniversary_the_score_decides()
    {
        var facts = FactsBuilder.Household().OpenedOn(D(2025, 1, 15)).Build();
        Assert.Equal(CreditTier.C, Review(CreditTier.B, 40m, facts, D(2026, 1, 15)).NewTier);
        Assert.Equal(CreditTier.A, Review(CreditTier.B, 99m, facts, D(2026, 1, 15)).NewTier);
    }

    [Fact]
    public void Theft_by_a_new_customer_still_freezes_at_C()
    {
        var facts = FactsBuilder.Household().OpenedOn(D(2025, 1, 15)).Violation("t1", ViolationKind.Theft, D(2025, 3, 1)).Build();
        var decision = Review(CreditTier.B, 90m, facts, D(2025, 6, 1));
        Assert.Equal(CreditTier.C, decision.NewTier);
        Assert.Equal(TierReasonCodes.Frozen, decision.ReasonCode);
    }

    [Theory]
    [InlineData(ViolationKind.Theft, "2027-03-09", true)]
    [InlineData(ViolationKind.Theft, "2027-03-10", false)]
    [InlineData(ViolationKind.SupplyRuleViolation, "2026-03-09", true)]
    [InlineData(ViolationKind.SupplyRuleViolation, "2026-03-10", false)]
    public void Theft_freezes_for_two_years_and_a_supply_rule_violation_for_one(ViolationKind kind, string asOf, bool frozen)
    {
        var day = DateOnly.Parse(asOf);
        var facts = FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2025, 1, 15), 30).Violation("v1", kind, D(2025, 3, 10)).Build();

        var decision = Review(CreditTier.C, 95m, facts, day);

        Assert.Equal(frozen ? CreditTier.C : CreditTier.B, decision.NewTier);
        Assert.Equal(frozen ? TierReasonCodes.Frozen : TierReasonCodes.Promoted, decision.ReasonCode);
        if (frozen)
        {
            var end = kind == ViolationKind.Theft ? D(2027, 3, 10) : D(2026, 3, 10);
            Assert.Equal(end, decision.FrozenUntil);
            Assert.Equal(BlockingCodes.Freeze, decision.Next!.BlockingCode);
            Assert.Equal(end, decision.Next.BlockedUntil);
            Assert.Equal("v1", Assert.Single(decision.FreezeCauses).SourceReference);
        }
    }

    [Theory]
    [InlineData("2025-05-31", false)]
    [InlineData("2025-06-01", true)]
    public void An_unfixed_major_hazard_freezes_from_the_day_after_its_deadline(string asOf, bool frozen)
    {
        var facts = FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2024, 7, 15), 12)
            .Hazard("h1", HazardSeverity.Major, D(2025, 5, 1), D(2025, 5, 31), null).Build();
        var decision = Review(CreditTier.A, 95m, facts, DateOnly.Parse(asOf));

        Assert.Equal(frozen ? CreditTier.C : CreditTier.A, decision.NewTier);
        Assert.Equal(frozen ? D(2026, 6, 1) : null, decision.FrozenUntil);
    }

    [Theory]
    [InlineData("2025-05-31", false)]
    [InlineData("2025-06-01", true)]
    public void A_major_hazard_fixed_after_its_deadline_still_freezes(string fixedOn, bool frozen)
    {
        var facts = FactsBuilder.Household().Hazard("h1", HazardSeverity.Major, D(2025, 5, 1), D(2025, 5, 31), DateOnly.Parse(fixedOn)).Build();
        Assert.Equal(frozen, Review(CreditTier.A, 95m, facts, D(2025, 6, 10)).FrozenUntil is not null);
    }

    [Fact]
    public void An_overdue_minor_hazard_does_not_freeze()
    {
        var facts = FactsBuilder.Household().Hazard("h1", HazardSeverity.Minor, D(2025, 5, 1), D(2025, 5, 31), null).Build();
        Assert.Null(Review(CreditTier.A, 95m, facts, D(2025, 6, 10)).FrozenUntil);
    }

    [Theory]
    [InlineData("2025-04-14", false)]
    [InlineData("2025-04-15", true)]
    public void A_bill_unpaid_three_months_after_its_due_date_freezes_for_a_year(string asOf, bool frozen)
    {
        var facts = FactsBuilder.Household().Bill("b1", D(2025, 1, 15), null).Build();
        var decision = Review(CreditTier.B, 75m, facts, DateOnly.Parse(asOf));
        Assert.Equal(frozen ? D(2026, 4, 15) : null, decision.FrozenUntil);
    }

    [Theory]
    [InlineData("2025-04-14", false)]
    [InlineData("2025-04-15", true)]
    public void Paying_on_the_three_month_day_is_too_late_to_avoid_the_freeze(string paidOn, bool frozen)
    {
        var facts = FactsBuilder.Household().Bill("b1", D(2025, 1, 15), DateOnly.Parse(paidOn)).Build();
        Assert.Equal(frozen, Review(CreditTier.B, 75m, facts, D(2025, 5, 1)).FrozenUntil is not null);
    }

    [Fact]
    public void Several_triggers_freeze_until_the_latest_end()
    {
        var facts = FactsBuilder.Household()
            .Violation("t1", ViolationKind.Theft, D(2024, 1, 10))
            .Violation("v1", ViolationKind.SupplyRuleViolation, D(2025, 3, 1))
            .Build();
        var decision = Review(CreditTier.C, 95m, facts, D(2025, 6, 1));
        Assert.Equal(D(2026, 3, 1), decision.FrozenUntil);
        Assert.Equal(2, decision.FreezeCauses.Count);
    }

    [Theory]
    [InlineData("2025-07-14", CreditTier.C, TierReasonCodes.RecoveryPending)]
    [InlineData("2025-07-15", CreditTier.B, TierReasonCodes.Promoted)]
    public void Leaving_C_needs_six_months_since_the_last_late_payment(string asOf, CreditTier expected, string reason)
    {
        var facts = FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2024, 7, 15), 12)
            .Bill("bill:2025-01", D(2025, 1, 15), D(2025, 1, 20)).Build();

        var decision = Review(CreditTier.C, 95m, facts, DateOnly.Parse(asOf));

        Assert.Equal(expected, decision.NewTier);
        Assert.Equal(reason, decision.ReasonCode);
        if (expected == CreditTier.C)
        {
            Assert.Equal(BlockingCodes.RecoveryWindow, decision.Next!.BlockingCode);
            Assert.Equal(D(2025, 7, 15), decision.Next.BlockedUntil);
        }
    }

    [Fact]
    public void An_unpaid_past_due_bill_blocks_leaving_C_with_no_end_date()
    {
        var facts = FactsBuilder.Household().Bill("b1", D(2025, 6, 1), null).Build();
        var decision = Review(CreditTier.C, 95m, facts, D(2025, 6, 10));
        Assert.Equal(TierReasonCodes.RecoveryPending, decision.ReasonCode);
        Assert.Equal(BlockingCodes.UnpaidBill, decision.Next!.BlockingCode);
        Assert.Null(decision.Next.BlockedUntil);
    }

    [Fact]
    public void A_bill_due_today_and_not_yet_paid_does_not_block_recovery()
    {
        var facts = FactsBuilder.Household().Bill("b1", D(2025, 6, 10), null).Build();
        Assert.Equal(CreditTier.B, Review(CreditTier.C, 95m, facts, D(2025, 6, 10)).NewTier);
    }

    [Fact]
    public void The_recovery_window_only_gates_leaving_C()
    {
        var facts = FactsBuilder.Household().Bill("b1", D(2025, 5, 15), D(2025, 5, 20)).Build();
        Assert.Equal(CreditTier.A, Review(CreditTier.B, 95m, facts).NewTier);
    }

    [Fact]
    public void A_demotion_to_C_shows_the_recovery_block_on_the_next_tier()
    {
        var facts = FactsBuilder.Household().Bill("b1", D(2025, 5, 15), D(2025, 5, 20)).Build();
        var decision = Review(CreditTier.B, 60m, facts);
        Assert.Equal(CreditTier.C, decision.NewTier);
        Assert.Equal(BlockingCodes.RecoveryWindow, decision.Next!.BlockingCode);
        Assert.Equal(D(2025, 11, 15), decision.Next.BlockedUntil);
    }

    [Fact]
    public void Over_simulated_months_theft_freezes_for_two_years_then_the_account_climbs_one_tier()
    {
        var theftOn = D(2024, 1, 10);
        var facts = FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2023, 1, 15), 48)
            .Violation("theft-1", ViolationKind.Theft, theftOn).Build();
        var state = StateIn(CreditTier.B);

        for (var day = D(2023, 12, 28); day <= D(2026, 6, 28); day = day.AddMonths(1))
        {
            var score = CreditScorer.Score(Seed, facts, day);
            var decision = TierPolicy.Review(Seed, state, score, facts, day);
            state.ApplyReview(decision, day, Seed.Version);

            if (day > theftOn && day < D(2026, 1, 10))
            {
                Assert.Equal(CreditTier.C, state.CurrentTier);
                Assert.Equal(D(2026, 1, 10), state.FrozenUntil);
            }
        }

        Assert.Equal(
            [(CreditTier.B, CreditTier.A, D(2023, 12, 28)), (CreditTier.A, CreditTier.C, D(2024, 1, 28)), (CreditTier.C, CreditTier.B, D(2026, 1, 28))],
            state.TierHistory.Select(c => (c.From, c.To, c.ChangedOn)));
        // Theft stays in the 5-year risk window: 89 points keeps the account just short of A.
        Assert.Equal(89m, state.TierHistory[^1].Score);
        Assert.Null(state.FrozenUntil);
    }

    [Fact]
    public void Over_simulated_months_a_late_payment_near_the_end_of_a_freeze_delays_recovery()
    {
        // Bill due 2024-01-15 paid 2024-05-10: unpaid on 2024-04-15, so frozen until 2025-04-15.
        // Another bill paid late on 2025-02-20 keeps the recovery window dirty until 2025-08-15.
        var facts = FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2023, 1, 15), 36)
            .Bill("bill:2024-01", D(2024, 1, 15), D(2024, 5, 10))
            .Bill("bill:2025-02", D(2025, 2, 15), D(2025, 2, 20))
            .Build();
        var state = StateIn(CreditTier.A);
        var reasons = new List<(DateOnly, CreditTier, string)>();

        for (var day = D(2024, 3, 28); day <= D(2025, 9, 28); day = day.AddMonths(1))
        {
            var decision = TierPolicy.Review(Seed, state, CreditScorer.Score(Seed, facts, day), facts, day);
            state.ApplyReview(decision, day, Seed.Version);
            reasons.Add((day, decision.NewTier, decision.ReasonCode));
        }

        Assert.Contains((D(2024, 4, 28), CreditTier.C, TierReasonCodes.Frozen), reasons);
        Assert.Contains((D(2025, 3, 28), CreditTier.C, TierReasonCodes.Frozen), reasons);
        Assert.Contains((D(2025, 4, 28), CreditTier.C, TierReasonCodes.RecoveryPending), reasons);
        Assert.Contains((D(2025, 7, 28), CreditTier.C, TierReasonCodes.RecoveryPending), reasons);
        Assert.Contains((D(2025, 8, 28), CreditTier.B, TierReasonCodes.Promoted), reasons);
        Assert.Contains((D(2025, 9, 28), CreditTier.A, TierReasonCodes.Promoted), reasons);
    }

    [Theory]
    [InlineData(90, CreditTier.A)]
    [InlineData(89.99, CreditTier.B)]
    [InlineData(70, CreditTier.B)]
    [InlineData(69.99, CreditTier.C)]
    [InlineData(0, CreditTier.C)]
    public void The_tier_for_a_score_alone_uses_entry_thresholds(decimal score, CreditTier expected)
    {
        Assert.Equal(expected, TierPolicy.TierForScore(Seed, score));
    }
}
