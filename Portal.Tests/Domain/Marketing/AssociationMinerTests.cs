using Portal.Domain.Common;
using Portal.Domain.Marketing;

namespace Portal.Tests.Domain.Marketing;

public class AssociationMinerTests
{
    /// <summary>100 accounts: 20 with a=1 (of them <paramref name="hitsWithA"/> with the outcome), 5 more outcomes outside.</summary>
    private static List<AssociationTransaction> Data(int hitsWithA)
    {
        var list = new List<AssociationTransaction>();
        for (var i = 0; i < 100; i++)
        {
            var withA = i < 20;
            var outcome = withA ? i < hitsWithA : i >= 95;
            list.Add(new(Guid.NewGuid(), [withA ? "a=1" : "a=0", i % 2 == 0 ? "b=even" : "b=odd"], outcome ? ["o"] : []));
        }
        return list;
    }

    private static AssociationRule? RuleFor(MiningResult r, string item) =>
        r.Rules.SingleOrDefault(x => x.Antecedent.SequenceEqual([item]) && x.Outcome == "o");

    [Fact]
    public void A_rule_exactly_at_minimum_support_is_tested_and_one_account_below_is_not()
    {
        // a=1 ⇒ o has 5 of 100 accounts: support 0.05.
        Assert.NotNull(RuleFor(AssociationMiner.Mine(Data(5), new(MinSupport: 0.05, MinConfidence: 0)), "a=1"));
        Assert.Null(RuleFor(AssociationMiner.Mine(Data(4), new(MinSupport: 0.05, MinConfidence: 0)), "a=1"));
    }

    [Fact]
    public void A_rule_exactly_at_minimum_confidence_is_tested_and_just_below_is_not()
    {
        // 5 of the 20 accounts with a=1: confidence 0.25.
        Assert.NotNull(RuleFor(AssociationMiner.Mine(Data(5), new(MinSupport: 0.01, MinConfidence: 0.25)), "a=1"));
        Assert.Null(RuleFor(AssociationMiner.Mine(Data(5), new(MinSupport: 0.01, MinConfidence: 0.26)), "a=1"));
    }

    [Fact]
    public void The_mined_rule_carries_the_table_and_the_statistics_of_its_accounts()
    {
        var rule = RuleFor(AssociationMiner.Mine(Data(10), new(MinSupport: 0.01, MinConfidence: 0)), "a=1")!;
        Assert.Equal(new TwoByTwo(10, 10, 5, 75), rule.Table);
        Assert.Equal(0.10, rule.Support, 12);
        Assert.Equal(0.50, rule.Confidence, 12);
        Assert.Equal(0.50 / 0.15, rule.Lift, 12);
        Assert.Equal(0.50 / (5 / 80.0), rule.RiskRatio.Value, 12);
        Assert.Equal(AssociationStatistics.FisherGreater(new TwoByTwo(10, 10, 5, 75)), rule.PValue, 15);
        Assert.True(rule.Significant);
    }

    [Fact]
    public void Two_values_of_one_attribute_never_form_an_antecedent_and_sets_stop_at_the_maximum_size()
    {
        var result = AssociationMiner.Mine(Data(10), new(MinSupport: 0.01, MinConfidence: 0, MaxItems: 3));
        Assert.DoesNotContain(result.Rules, r => r.Antecedent.Select(AssociationMiner.Attribute).Distinct().Count() != r.Antecedent.Count);
        Assert.Contains(result.Rules, r => r.Antecedent.SequenceEqual(["a=1", "b=even"]));
        Assert.DoesNotContain(AssociationMiner.Mine(Data(10), new(MinSupport: 0.01, MinConfidence: 0, MaxItems: 1)).Rules, r => r.Antecedent.Count > 1);
    }

    [Fact]
    public void Every_tested_rule_counts_in_the_correction()
    {
        var result = AssociationMiner.Mine(Data(10), new(MinSupport: 0.01, MinConfidence: 0));
        Assert.Equal(result.RulesTested, result.Rules.Count);
        var q = AssociationStatistics.BenjaminiHochberg(result.Rules.Select(r => r.PValue).ToList());
        Assert.Equal(q, result.Rules.Select(r => r.QValue));
    }

    [Fact]
    public void Thresholds_outside_their_range_are_refused()
    {
        Assert.Throws<DomainException>(() => AssociationMiner.Mine(Data(5), new(MinSupport: 0)));
        Assert.Throws<DomainException>(() => AssociationMiner.Mine(Data(5), new(MaxItems: 4)));
    }
}
