using Portal.Domain.Marketing;
using Portal.Features.Demo;
using Xunit.Abstractions;

namespace Portal.Tests.Features.Marketing;

/// <summary>
/// The miner on the demo generator's planted truth at utility scale, and on the same data with the outcomes shuffled
/// across accounts (which destroys every association and keeps every rate).
/// </summary>
public class AssociationPlantedTruthTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private const int Accounts = 10_000;
    private static readonly MiningSettings Settings = new(MinSupport: 0.005, MinConfidence: 0.02, MaxItems: 2);
    private static readonly Lazy<IReadOnlyList<AssociationTransaction>> Planted = new(() => DemoPlantedAssociations.Transactions(Accounts, Today));

    [Fact]
    public void Every_planted_rule_is_significant_with_its_planted_ratio_within_twenty_percent()
    {
        var result = AssociationMiner.Mine(Planted.Value, Settings);
        var significant = result.Significant.ToList();
        output.WriteLine($"{result.Accounts} accounts, {result.RulesTested} rules tested, {significant.Count} significant at FDR 5 %");
        foreach (var plant in DemoPlantedAssociations.All)
        {
            var rule = significant.SingleOrDefault(r => r.Outcome == plant.Outcome && r.Antecedent.Order().SequenceEqual(plant.Antecedent.Order()));
            Assert.True(rule is not null, "not found among the significant rules: " + DemoPlantedAssociations.Describe(plant));
            output.WriteLine($"{DemoPlantedAssociations.Describe(plant)}: found ×{rule.RiskRatio.Value:0.00} (CI {rule.RiskRatio.Low:0.00}–{rule.RiskRatio.High:0.00}), q={rule.QValue:G3}, rank {significant.IndexOf(rule) + 1}");
            Assert.InRange(rule.RiskRatio.Value, plant.RiskRatio * 0.8, plant.RiskRatio * 1.2);
        }
        // Nothing beyond the plants and what they imply (their sub- and super-sets, attributes that go with them).
        Assert.All(significant, r => Assert.Contains(r.Outcome, DemoPlantedAssociations.All.Select(p => p.Outcome)));
    }

    [Fact]
    public void With_outcomes_shuffled_across_accounts_no_rule_is_significant_and_the_false_positive_rate_is_low()
    {
        const int firstSeed = 1, seeds = 50;
        var runsWithAFalseDiscovery = 0;
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            var result = AssociationMiner.Mine(Shuffle(Planted.Value, seed), Settings);
            var found = result.Significant.Count();
            if (found > 0) runsWithAFalseDiscovery++;
            output.WriteLine($"seed {seed}: {result.RulesTested} rules tested, {found} significant");
            if (seed == firstSeed) Assert.Equal(0, found);
        }
        var rate = runsWithAFalseDiscovery / (double)seeds;
        output.WriteLine($"false-positive rate: {runsWithAFalseDiscovery} of {seeds} shuffled runs reported any significant rule ({rate:P0})");
        // Under the complete null Benjamini–Hochberg bounds the chance of any discovery by the 5 % it is run at.
        Assert.True(rate <= 0.10, $"{runsWithAFalseDiscovery} of {seeds} shuffled runs reported a rule");
    }

    private static List<AssociationTransaction> Shuffle(IReadOnlyList<AssociationTransaction> data, int seed)
    {
        var outcomes = data.Select(t => t.Outcomes).ToArray();
        new Random(seed).Shuffle(outcomes);
        return data.Select((t, i) => t with { Outcomes = outcomes[i] }).ToList();
    }
}
