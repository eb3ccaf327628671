using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Complaints;
using Xunit;
using static Portal.Tests.Domain.Complaints.ComplaintTestData;

namespace Portal.Tests.Domain.Complaints;

public class RoutingEngineTests
{
    private static readonly RoutingRules Seed = RoutingRules.SeedDefault();

    private static RoutingDecision Route(ComplaintRoutingInput input) => RoutingEngine.Route(Seed, input, ChinaCalendar);

    [Theory]
    [InlineData(ComplaintCategory.Outage, "outage")]
    [InlineData(ComplaintCategory.BillingDispute, "billing")]
    [InlineData(ComplaintCategory.MeterFault, "metering")]
    [InlineData(ComplaintCategory.VoltageQuality, "power-quality")]
    [InlineData(ComplaintCategory.ServiceAttitude, "service-quality")]
    [InlineData(ComplaintCategory.ConnectionDelay, "connection")]
    [InlineData(ComplaintCategory.Other, "general")]
    public void The_seed_routes_each_category_to_its_queue(ComplaintCategory category, string queue) =>
        Assert.Equal(queue, Route(Input("The bill is higher than usual.", category)).QueueCode);

    [Fact]
    public void The_seed_has_a_supervisor_queue_for_escalations() => Assert.Equal("supervisor", Seed.SupervisorQueue);

    [Fact]
    public void Outage_skills_carry_the_region() =>
        Assert.Contains("region:dushanzi", Route(Input(region: "Dushanzi")).Skills);

    [Fact]
    public void A_plain_complaint_keeps_the_rules_priority_and_standard_deadlines()
    {
        var d = Route(Input("The bill is higher than usual.", ComplaintCategory.BillingDispute));
        Assert.Equal(ComplaintPriority.Normal, d.Priority);
        Assert.Equal("standard", d.SlaProfile.Code);
        Assert.Equal(new DateTime(2026, 3, 11, 10, 0, 0), d.Deadlines.FirstContactDueAt);
        Assert.Equal(new DateTime(2026, 3, 19, 10, 0, 0), d.Deadlines.AnswerDueAt);
        Assert.Null(d.Deadlines.DispatchDueAt);
        Assert.Empty(d.Overlays);
        Assert.Equal("Routing.RuleMatched", Assert.Single(d.Explanation).Code);
    }

    [Theory]
    [InlineData("There is SMOKE coming from the meter")]
    [InlineData("my neighbour got an electric shock from the fence")]
    [InlineData("Sparks at the pole!")]
    [InlineData("电表箱冒烟了")]
    [InlineData("家里漏电，孩子触电")]
    [InlineData("线路起火")]
    public void Urgency_keywords_make_a_complaint_urgent_with_a_fifteen_minute_dispatch(string text)
    {
        var d = Route(Input(text, ComplaintCategory.Other));
        Assert.Equal(ComplaintPriority.Urgent, d.Priority);
        Assert.Contains(RoutingOverlay.UrgencyKeyword, d.Overlays);
        Assert.Equal("urgent", d.SlaProfile.Code);
        Assert.Equal(Tuesday10.AddMinutes(15), d.Deadlines.DispatchDueAt);
    }

    [Fact]
    public void The_explanation_carries_typed_arguments_and_survives_the_stored_form()
    {
        var d = Route(Input("Smoke from the meter box", ComplaintCategory.Other));
        var first = d.Explanation[0];
        Assert.Equal("Routing.RuleMatched", first.Code);
        Assert.Equal([RoutingArg.Text("general"), RoutingArg.Queue("general"), RoutingArg.Priority(ComplaintPriority.Normal)], first.Args);

        var stored = RoutingExplanation.Encode(d.Explanation);
        var back = RoutingExplanation.TryDecode(stored);

        Assert.NotNull(back);
        Assert.Equal(d.Explanation.Select(s => s.Code), back.Select(s => s.Code));
        Assert.Equal(d.Explanation.SelectMany(s => s.Args), back.SelectMany(s => s.Args));
        Assert.True(stored.Length < 2000, "the routed entry's note column holds 2,000 characters");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Rule 'general' → queue 'general', priority Normal")]
    [InlineData("[not json")]
    public void A_note_that_is_not_a_stored_explanation_decodes_to_nothing(string? note) => Assert.Null(RoutingExplanation.TryDecode(note));

    [Theory]
    [InlineData("I was fired for complaining")]
    [InlineData("We sat by the campfire when the lights went out")]
    public void Latin_keywords_must_match_whole_words(string text) =>
        Assert.NotEqual(ComplaintPriority.Urgent, Route(Input(text, ComplaintCategory.Other)).Priority);

    [Fact]
    public void Urgency_keywords_are_configurable()
    {
        var rules = RoutingRules.Create(Seed.Settings with { UrgencyKeywords = ["flood"] });
        Assert.Equal(ComplaintPriority.Urgent, RoutingEngine.Route(rules, Input("Flood in the substation"), ChinaCalendar).Priority);
        Assert.Equal(ComplaintPriority.High, RoutingEngine.Route(rules, Input("smoke from the pole"), ChinaCalendar).Priority);
    }

    [Fact]
    public void A_top_tier_customer_is_raised_one_step()
    {
        var d = Route(Input("The bill is wrong again.", ComplaintCategory.BillingDispute, tier: CreditTierLevel.A));
        Assert.Equal(ComplaintPriority.High, d.Priority);
        Assert.Equal([RoutingOverlay.TopCreditTier], d.Overlays);
    }

    [Fact]
    public void A_second_tier_customer_is_not_raised() =>
        Assert.Equal(ComplaintPriority.Normal, Route(Input("The bill is wrong.", ComplaintCategory.BillingDispute, tier: CreditTierLevel.B)).Priority);

    [Fact]
    public void A_repeat_within_thirty_days_is_escalated_and_flagged()
    {
        var d = Route(Input("Bill wrong again.", ComplaintCategory.BillingDispute, earlier: Tuesday10.AddDays(-30)));
        Assert.True(d.IsRepeat);
        Assert.Equal(ComplaintPriority.High, d.Priority);
        Assert.Contains(d.Explanation, s => s.Code == "Routing.Overlay.RepeatComplaint");
    }

    [Fact]
    public void A_complaint_more_than_thirty_days_later_is_not_a_repeat()
    {
        var d = Route(Input("Bill wrong again.", ComplaintCategory.BillingDispute, earlier: Tuesday10.AddDays(-30).AddMinutes(-1)));
        Assert.False(d.IsRepeat);
        Assert.Equal(ComplaintPriority.Normal, d.Priority);
    }

    [Fact]
    public void A_later_dated_complaint_does_not_make_this_one_a_repeat() =>
        Assert.False(Route(Input(earlier: Tuesday10.AddDays(1))).IsRepeat);

    [Fact]
    public void Overlays_stack_up_to_urgent_and_then_switch_to_the_urgent_profile()
    {
        // outage rule gives High; tier A → Urgent; repeat keeps Urgent.
        var d = Route(Input(tier: CreditTierLevel.A, earlier: Tuesday10.AddDays(-3)));
        Assert.Equal(ComplaintPriority.Urgent, d.Priority);
        Assert.Equal([RoutingOverlay.TopCreditTier, RoutingOverlay.RepeatComplaint, RoutingOverlay.UrgentSlaProfile], d.Overlays);
        Assert.Equal("outage", d.RuleName);
        Assert.Equal(4, d.Explanation.Count);
    }

    [Fact]
    public void Rules_fire_in_order_so_the_large_industrial_connection_rule_wins()
    {
        var d = Route(Input("Connection is three months late.", ComplaintCategory.ConnectionDelay, type: CustomerType.LargeIndustrial));
        Assert.Equal("connection-large-industrial", d.RuleName);
        Assert.Equal(ComplaintPriority.High, d.Priority);
        Assert.Equal("connection", Route(Input("Connection is late.", ComplaintCategory.ConnectionDelay, type: CustomerType.Business)).RuleName);
    }

    [Fact]
    public void Rules_can_match_on_region_keywords_and_minimum_credit_tier()
    {
        var rules = RoutingRules.Create(new RoutingSettings
        {
            Rules =
            [
                new() { Name = "kuitun-vip", Regions = ["kuitun"], MinimumCreditTier = CreditTierLevel.B, Keywords = ["transformer"], QueueCode = "vip" },
                new() { Name = "rest", QueueCode = "general" },
            ],
        });
        Assert.Equal("vip", RoutingEngine.Route(rules, Input("The transformer hums", tier: CreditTierLevel.A), ChinaCalendar).QueueCode);
        Assert.Equal("general", RoutingEngine.Route(rules, Input("The transformer hums", tier: CreditTierLevel.C), ChinaCalendar).QueueCode);
        Assert.Equal("general", RoutingEngine.Route(rules, Input("The transformer hums", tier: null), ChinaCalendar).QueueCode);
        Assert.Equal("general", RoutingEngine.Route(rules, Input("The meter hums", tier: CreditTierLevel.A), ChinaCalendar).QueueCode);
        Assert.Equal("general", RoutingEngine.Route(rules, Input("The transformer hums", region: "Shihezi"), ChinaCalendar).QueueCode);
    }
}

public class RoutingRulesValidationTests
{
    private static RoutingSettings With(params RoutingRule[] rules) => new() { Rules = rules };

    private static IEnumerable<string> Codes(RoutingSettings s) => RoutingRules.Validate(s).Select(p => p.Code);

    [Fact]
    public void The_seed_is_valid() => Assert.Empty(RoutingRules.Validate(RoutingRules.SeedDefault().Settings));

    [Fact]
    public void Rules_without_a_catch_all_are_refused()
    {
        var settings = With(new RoutingRule { Name = "billing", Categories = [ComplaintCategory.BillingDispute], QueueCode = "billing" });
        Assert.Equal(["Routing.NoCatchAll"], Codes(settings));
        Assert.Equal("Routing.NoCatchAll", Assert.Throws<DomainException>(() => RoutingRules.Create(settings)).Code);
    }

    [Fact]
    public void An_empty_rule_list_is_refused() => Assert.Equal(["Routing.NoRules"], Codes(With()));

    [Fact]
    public void Duplicate_rule_names_are_refused_ignoring_case() =>
        Assert.Equal(["Routing.DuplicateRuleName"], Codes(With(
            new RoutingRule { Name = "Billing", Categories = [ComplaintCategory.BillingDispute], QueueCode = "billing" },
            new RoutingRule { Name = "billing", QueueCode = "general" })));

    [Fact]
    public void A_rule_after_the_catch_all_is_refused_as_unreachable() =>
        Assert.Equal(["Routing.RuleAfterCatchAll"], Codes(With(
            new RoutingRule { Name = "all", QueueCode = "general" },
            new RoutingRule { Name = "billing", Categories = [ComplaintCategory.BillingDispute], QueueCode = "billing" })));

    [Fact]
    public void A_rule_without_queue_or_with_an_unknown_sla_profile_is_refused() =>
        Assert.Equal(["Routing.QueueRequired", "Routing.UnknownSlaProfile"], Codes(With(
            new RoutingRule { Name = "all", QueueCode = " ", SlaProfileCode = "gold" })));

    [Fact]
    public void A_blank_urgency_keyword_or_missing_supervisor_queue_is_refused() =>
        Assert.Equal(["Routing.SupervisorQueueRequired", "Routing.EmptyKeyword"],
            Codes(With(new RoutingRule { Name = "all", QueueCode = "general" }) with { UrgencyKeywords = ["fire", " "], SupervisorQueue = "" }));

    [Fact]
    public void The_configuration_round_trips_through_json()
    {
        var json = RoutingRulesJson.Serialize(RoutingRules.SeedDefault().Settings);
        Assert.Contains("\"BillingDispute\"", json);
        var back = RoutingRulesJson.Deserialize(json);
        Assert.Equal(8, back.Rules.Count);
        Assert.Equal(["outage", "region:{region}"], back.Rules[0].Skills);
        Assert.Equal(15, back.Profile("urgent").DispatchWithinMinutes);
        Assert.Equal(RoutingEngine.Route(RoutingRules.SeedDefault(), Input(tier: CreditTierLevel.A), ChinaCalendar).Priority,
            RoutingEngine.Route(back, Input(tier: CreditTierLevel.A), ChinaCalendar).Priority);
    }

    [Fact]
    public void A_stored_document_without_a_catch_all_is_refused_on_load()
    {
        var json = RoutingRulesJson.Serialize(With(new RoutingRule { Name = "x", Categories = [ComplaintCategory.Other], QueueCode = "q" }));
        Assert.Equal("Routing.NoCatchAll", Assert.Throws<DomainException>(() => RoutingRulesJson.Deserialize(json)).Code);
    }
}

public class KeywordMatcherTests
{
    [Theory]
    [InlineData("FIRE!", "fire", true)]
    [InlineData("fire-alarm", "fire", true)]
    [InlineData("firewood", "fire", false)]
    [InlineData("起火fire了", "fire", true)]
    [InlineData("火车晚点", "火", true)]
    [InlineData("", "fire", false)]
    public void Matches_case_insensitively_on_latin_word_boundaries(string text, string keyword, bool expected) =>
        Assert.Equal(expected, KeywordMatcher.FindMatches(text, [keyword]).Count == 1);
}
