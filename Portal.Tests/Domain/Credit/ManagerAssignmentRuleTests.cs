using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Credit;
using Xunit;

namespace Portal.Tests.Domain.Credit;

public class ManagerAssignmentRuleTests
{
    private static AccountProfile Business(decimal kva) => new(CustomerType.Business, VoltageLevel.Kv1To10, kva, "Kuitun");

    private static readonly AccountProfile Household = new(CustomerType.Residential, VoltageLevel.Low, 8m, "Kuitun");

    [Theory]
    [InlineData(315, true)]
    [InlineData(314.99, false)]
    public void A_business_at_315_kVA_or_more_needs_a_manager(decimal kva, bool needed)
    {
        var need = new ManagerAssignmentRule().Needs(Business(kva), CreditTier.B);
        Assert.Equal(needed, need.Needed);
        if (needed) Assert.Equal([ManagerAssignmentRule.ReasonCapacity], need.ReasonCodes);
    }

    [Fact]
    public void A_household_is_never_a_capacity_key_account()
    {
        var bigHouse = Household with { ContractedCapacityKva = 400m };
        Assert.False(new ManagerAssignmentRule().Needs(bigHouse, CreditTier.B).Needed);
    }

    [Theory]
    [InlineData(CreditTier.A, true)]
    [InlineData(CreditTier.B, false)]
    public void A_top_tier_customer_needs_a_manager(CreditTier tier, bool needed)
    {
        Assert.Equal(needed, new ManagerAssignmentRule().Needs(Household, tier).Needed);
    }

    [Fact]
    public void With_both_required_a_large_business_needs_the_top_tier_too()
    {
        var rule = new ManagerAssignmentRule(Combination: ManagerRuleCombination.Both);
        Assert.False(rule.Needs(Business(400m), CreditTier.B).Needed);
        var need = rule.Needs(Business(400m), CreditTier.A);
        Assert.True(need.Needed);
        Assert.Equal(2, need.ReasonCodes.Count);
    }

    [Fact]
    public void The_capacity_threshold_and_tier_condition_are_configurable()
    {
        var rule = new ManagerAssignmentRule(CapacityThresholdKva: 100m, TopTier: null);
        Assert.True(rule.Needs(Business(100m), CreditTier.C).Needed);
        Assert.False(rule.Needs(Household, CreditTier.A).Needed);
        Assert.False(new ManagerAssignmentRule(UseCapacity: false).Needs(Business(400m), CreditTier.B).Needed);
    }

    [Fact]
    public void The_least_loaded_manager_is_chosen()
    {
        var choice = ManagerAssignmentRule.Choose([new("m1", 12), new("m2", 9), new("m3", 10)]);
        Assert.Equal(new ManagerChoice("m2", ManagerAssignmentRule.ReasonLeastLoaded), choice);
    }

    [Fact]
    public void Equal_loads_rotate_to_whoever_was_assigned_longest_ago_never_assigned_first()
    {
        var now = new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal("m1", ManagerAssignmentRule.Choose([new("m2", 5, null, now), new("m1", 5, null, now.AddDays(-1))]).ManagerId);
        Assert.Equal("m3", ManagerAssignmentRule.Choose([new("m2", 5, null, now), new("m3", 5)]).ManagerId);
        Assert.Equal("a", ManagerAssignmentRule.Choose([new("b", 5), new("a", 5)]).ManagerId);
    }

    [Fact]
    public void Full_and_unavailable_managers_are_skipped()
    {
        var choice = ManagerAssignmentRule.Choose([new("full", 1, Capacity: 1), new("away", 0, Available: false), new("ok", 30, Capacity: 31)]);
        Assert.Equal("ok", choice.ManagerId);
    }

    [Fact]
    public void No_choice_when_nobody_has_room()
    {
        var choice = ManagerAssignmentRule.Choose([new("full", 20, Capacity: 20)]);
        Assert.Equal(new ManagerChoice(null, ManagerAssignmentRule.ReasonNoneAvailable), choice);
    }

    [Fact]
    public void A_manual_override_wins_over_load()
    {
        var choice = ManagerAssignmentRule.Choose([new("busy", 50, Capacity: 50), new("idle", 0)], overrideManagerId: "busy");
        Assert.Equal(new ManagerChoice("busy", ManagerAssignmentRule.ReasonOverride), choice);
    }

    [Fact]
    public void A_blank_override_is_refused()
    {
        Assert.Equal("Credit.ManagerOverrideEmpty",
            Assert.Throws<DomainException>(() => ManagerAssignmentRule.Choose([new("m1", 0)], overrideManagerId: " ")).Code);
    }
}
