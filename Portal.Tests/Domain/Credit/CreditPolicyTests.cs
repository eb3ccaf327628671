using Portal.Domain.Common;
using Portal.Domain.Credit;
using Xunit;
using static Portal.Tests.Domain.Credit.CreditTestData;

namespace Portal.Tests.Domain.Credit;

public class CreditPolicyTests
{
    private static CreditPolicy Draft() => Seed.CreateNextDraft(D(2026, 1, 1));

    private static IReadOnlyList<string> Codes(CreditPolicy p) => CreditPolicyValidator.Validate(p).Select(x => x.Code).ToList();

    [Fact]
    public void The_seeded_policy_is_published_version_1_and_valid()
    {
        Assert.Equal(1, Seed.Version);
        Assert.Equal(PolicyStatus.Published, Seed.Status);
        Assert.Empty(CreditPolicyValidator.Validate(Seed));
    }

    [Fact]
    public void The_seeded_tiers_follow_DOMAIN_md_with_exit_five_points_below_entry()
    {
        Assert.Equal((90m, 85m), (Seed.RuleFor(CreditTier.A)!.EntryAtLeast, Seed.RuleFor(CreditTier.A)!.ExitBelow));
        Assert.Equal((70m, 65m), (Seed.RuleFor(CreditTier.B)!.EntryAtLeast, Seed.RuleFor(CreditTier.B)!.ExitBelow));
        Assert.Equal((0m, 0m), (Seed.RuleFor(CreditTier.C)!.EntryAtLeast, Seed.RuleFor(CreditTier.C)!.ExitBelow));
    }

    [Fact]
    public void The_seeded_freezes_are_two_years_for_theft_and_one_year_for_the_rest()
    {
        Assert.Equal(24, Seed.FreezeMonthsFor(FreezeTrigger.Theft));
        Assert.Equal(12, Seed.FreezeMonthsFor(FreezeTrigger.SupplyRuleViolation));
        Assert.Equal(12, Seed.FreezeMonthsFor(FreezeTrigger.MajorHazardOverdue));
        Assert.Equal(12, Seed.FreezeMonthsFor(FreezeTrigger.BillUnpaid));
        Assert.Equal(3, Seed.UnpaidBillTriggerMonths);
        Assert.Equal((CreditTier.B, 12, 1, 6), (Seed.NewCustomerTier, Seed.NewCustomerMonths, Seed.MaxTiersUpPerReview, Seed.RecoveryMonths));
    }

    [Fact]
    public void The_seeded_privileges_give_A_a_dedicated_manager_and_B_seven_deferred_days()
    {
        Assert.Contains(Seed.PrivilegesOf(CreditTier.A), p => p.Kind == PrivilegeKind.DedicatedCustomerManager);
        Assert.Equal(7, Seed.PrivilegesOf(CreditTier.B).Single(p => p.Kind == PrivilegeKind.DeferredPaymentDays).Value);
        Assert.Empty(Seed.PrivilegesOf(CreditTier.C));
    }

    [Fact]
    public void A_published_policy_cannot_be_edited()
    {
        var ex = Assert.Throws<DomainException>(() => Seed.SetIndicatorWeight(CreditIndicator.Contribution, 20m));
        Assert.Equal("Credit.PolicyNotDraft", ex.Code);
    }

    [Fact]
    public void The_next_draft_is_an_independent_copy_with_the_next_version()
    {
        var draft = Draft();
        draft.SetIndicatorWeight(CreditIndicator.Contribution, 20m);
        draft.SetTierRule(CreditTier.A, 95m, 90m);

        Assert.Equal(2, draft.Version);
        Assert.Equal(PolicyStatus.Draft, draft.Status);
        Assert.Equal(10m, Seed.Indicator(CreditIndicator.Contribution).WeightPercent);
        Assert.Equal(90m, Seed.RuleFor(CreditTier.A)!.EntryAtLeast);
        Assert.Equal(Seed.Indicators.Sum(i => i.Factors.Sum(f => f.Bands.Count)), draft.Indicators.Sum(i => i.Factors.Sum(f => f.Bands.Count)));
    }

    [Fact]
    public void Publishing_an_invalid_draft_is_refused_with_the_problem_codes()
    {
        var draft = Draft();
        draft.SetIndicatorWeight(CreditIndicator.Contribution, 11m);
        var ex = Assert.Throws<DomainException>(() => draft.Publish(D(2026, 1, 1)));
        Assert.Equal("Credit.PolicyInvalid", ex.Code);
        Assert.Contains("Credit.WeightsNotHundred", ex.Message);
        Assert.Equal(PolicyStatus.Draft, draft.Status);
    }

    [Fact]
    public void Only_a_published_policy_can_be_retired()
    {
        var draft = Draft();
        Assert.Equal("Credit.PolicyNotPublished", Assert.Throws<DomainException>(draft.Retire).Code);
        draft.Publish(D(2026, 1, 1));
        draft.Retire();
        Assert.Equal(PolicyStatus.Retired, draft.Status);
    }

    [Fact]
    public void The_policy_in_force_is_the_published_one_with_the_latest_effective_date_not_after_the_day()
    {
        var v2 = Draft();
        v2.Publish(D(2025, 12, 1));
        var v3Draft = v2.CreateNextDraft(D(2026, 2, 1));

        var all = new[] { Seed, v2, v3Draft };
        Assert.Same(Seed, CreditPolicy.InForce(all, D(2025, 12, 31)));
        Assert.Same(v2, CreditPolicy.InForce(all, D(2026, 1, 1)));
        Assert.Same(v2, CreditPolicy.InForce(all, D(2026, 3, 1)));
        Assert.Null(CreditPolicy.InForce(all, D(2024, 12, 31)));
    }

    [Theory]
    [InlineData(9.99, true)]
    [InlineData(10.01, true)]
    [InlineData(10.00, false)]
    public void Weights_must_sum_to_exactly_100(decimal contributionWeight, bool problem)
    {
        var draft = Draft();
        draft.SetIndicatorWeight(CreditIndicator.Contribution, contributionWeight);
        Assert.Equal(problem, Codes(draft).Contains("Credit.WeightsNotHundred"));
    }

    [Theory]
    [InlineData(90, true)]
    [InlineData(90.01, true)]
    [InlineData(89.99, false)]
    public void A_tier_exit_must_be_below_its_entry(decimal exit, bool problem)
    {
        var draft = Draft();
        draft.SetTierRule(CreditTier.A, 90m, exit);
        Assert.Equal(problem, Codes(draft).Contains("Credit.ExitNotBelowEntry"));
    }

    [Theory]
    [InlineData(70, true)]
    [InlineData(69, true)]
    [InlineData(70.01, false)]
    public void A_higher_tier_entry_must_be_above_the_lower_tier_entry(decimal aEntry, bool problem)
    {
        var draft = Draft();
        draft.SetTierRule(CreditTier.A, aEntry, 60m);
        Assert.Equal(problem, Codes(draft).Contains("Credit.TierThresholdsUnordered"));
    }

    [Theory]
    [InlineData(69.99, true)]
    [InlineData(70, false)]
    public void A_higher_tier_exit_below_the_lower_tier_entry_is_an_overlap(decimal aExit, bool problem)
    {
        var draft = Draft();
        draft.SetTierRule(CreditTier.A, 90m, aExit);
        Assert.Equal(problem, Codes(draft).Contains("Credit.TierBandsOverlap"));
    }

    [Fact]
    public void The_lowest_tier_must_start_at_zero()
    {
        var draft = Draft();
        draft.SetTierRule(CreditTier.C, 10m, 0m);
        Assert.Contains("Credit.NoFloorTier", Codes(draft));
    }

    [Fact]
    public void A_privilege_for_a_tier_the_policy_does_not_define_is_reported()
    {
        var draft = Draft();
        draft.RemoveTierRule(CreditTier.A);
        var problem = CreditPolicyValidator.Validate(draft).First(p => p.Code == "Credit.PrivilegeWithoutTier");
        Assert.StartsWith("A/", problem.Target);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Deferred_payment_needs_a_positive_number_of_days(int days, bool problem)
    {
        var draft = Draft();
        draft.GrantPrivilege(CreditTier.B, PrivilegeKind.DeferredPaymentDays, days);
        Assert.Equal(problem, Codes(draft).Contains("Credit.PrivilegeValueInvalid"));
    }

    [Fact]
    public void Bands_out_of_order_are_reported()
    {
        var draft = Draft();
        draft.SetFactor(CreditIndicator.Contribution, CreditMetric.AnnualKwh, 100m, 0,
            [new ScoreBand(0, 60), new ScoreBand(3000, 90), new ScoreBand(2000, 80)]);
        var problem = CreditPolicyValidator.Validate(draft).Single(p => p.Code == "Credit.BandsUnordered");
        Assert.Equal("Contribution/AnnualKwh", problem.Target);
    }

    [Fact]
    public void Two_bands_starting_at_the_same_value_are_unordered()
    {
        var draft = Draft();
        draft.SetFactor(CreditIndicator.Contribution, CreditMetric.AnnualKwh, 100m, 0, [new ScoreBand(0, 60), new ScoreBand(0, 80)]);
        Assert.Contains("Credit.BandsUnordered", Codes(draft));
    }

    [Theory]
    [InlineData(0.01, true)]
    [InlineData(0, false)]
    public void Bands_must_start_at_zero(decimal firstStart, bool problem)
    {
        var draft = Draft();
        draft.SetFactor(CreditIndicator.Contribution, CreditMetric.AnnualKwh, 100m, 0, [new ScoreBand(firstStart, 60), new ScoreBand(1000, 80)]);
        Assert.Equal(problem, Codes(draft).Contains("Credit.BandsDoNotStartAtZero"));
    }

    [Theory]
    [InlineData(100.01, true)]
    [InlineData(-0.01, true)]
    [InlineData(100, false)]
    [InlineData(0, false)]
    public void Band_points_must_be_between_0_and_100(decimal points, bool problem)
    {
        var draft = Draft();
        draft.SetFactor(CreditIndicator.Contribution, CreditMetric.AnnualKwh, 100m, 0, [new ScoreBand(0, points)]);
        Assert.Equal(problem, Codes(draft).Contains("Credit.BandPointsOutOfRange"));
    }

    [Fact]
    public void Factor_shares_within_an_indicator_must_sum_to_100()
    {
        var draft = Draft();
        draft.RemoveFactor(CreditIndicator.PaymentTimeliness, CreditMetric.MaxDaysLate);
        var problem = CreditPolicyValidator.Validate(draft).Single(p => p.Code == "Credit.FactorSharesNotHundred");
        Assert.Equal("PaymentTimeliness", problem.Target);
    }

    [Fact]
    public void A_windowed_metric_needs_a_lookback()
    {
        var draft = Draft();
        draft.SetFactor(CreditIndicator.UsageSafetyRisk, CreditMetric.TheftRecords, 30m, 0, [new ScoreBand(0, 100), new ScoreBand(1, 0)]);
        Assert.Contains("Credit.LookbackInvalid", Codes(draft));
    }

    [Fact]
    public void The_validator_lists_every_problem_at_once()
    {
        var draft = Draft();
        draft.SetIndicatorWeight(CreditIndicator.Contribution, 50m);
        draft.SetTierRule(CreditTier.B, 70m, 75m);
        draft.SetFreezeRule(FreezeTrigger.Theft, 0);
        draft.SetPromotionRules(0, 6);

        var codes = Codes(draft);
        Assert.Contains("Credit.WeightsNotHundred", codes);
        Assert.Contains("Credit.ExitNotBelowEntry", codes);
        Assert.Contains("Credit.FreezeMonthsInvalid", codes);
        Assert.Contains("Credit.MaxTiersUpInvalid", codes);
    }

    [Fact]
    public void A_new_customer_tier_the_policy_does_not_define_is_reported()
    {
        var draft = Draft();
        draft.RemoveTierRule(CreditTier.B);
        Assert.Contains("Credit.NewCustomerTierUnknown", Codes(draft));
    }

    [Theory]
    [InlineData(-0.01, 0)]
    [InlineData(0, 60)]
    [InlineData(999.99, 60)]
    [InlineData(1000, 75)]
    [InlineData(10000, 100)]
    public void A_band_applies_from_its_start_value_up_to_the_next_band(decimal kwh, decimal points)
    {
        var factor = Seed.Indicator(CreditIndicator.Contribution).Factors.Single();
        Assert.Equal(points, factor.PointsFor(kwh));
    }
}
