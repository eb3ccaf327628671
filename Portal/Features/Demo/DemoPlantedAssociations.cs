using System.Globalization;
using Portal.Domain.Accounts;
using Portal.Domain.Marketing;

namespace Portal.Features.Demo;

/// <summary>
/// A planted truth for the association analysis: accounts with every item of <see cref="Antecedent"/> have the
/// outcome with probability <see cref="RateWith"/>, every other account with <see cref="RateOthers"/>, so the true
/// "times as often as others" is their ratio.
/// </summary>
public sealed record PlantedAssociation(IReadOnlyList<string> Antecedent, string Outcome, double RateWith, double RateOthers)
{
    public double RiskRatio => RateWith / RateOthers;
}

/// <summary>
/// Outcomes the demo generator adds on top of the demo utility so the association analysis has known answers. Only
/// accounts from index 5 on get them (the demo logins' own accounts keep their facts), each outcome from its own
/// random stream; every other attribute (segment, level, tier, package, capacity…) carries no planted association.
/// </summary>
public static class DemoPlantedAssociations
{
    public const int FirstAccount = 5;

    public static readonly PlantedAssociation[] All =
    [
        new([MarketingVocabulary.Item(MarketingVocabulary.Heating, "yes"), MarketingVocabulary.Item(MarketingVocabulary.Region, "chengbei")],
            MarketingVocabulary.Complaint("BillingDispute"), 0.36, 0.06),
        new([MarketingVocabulary.Item(MarketingVocabulary.CustomerType, nameof(CustomerType.Business))],
            MarketingVocabulary.AlertRaised, 0.30, 0.10),
        new([MarketingVocabulary.Item(MarketingVocabulary.Tenure, "lt2")],
            MarketingVocabulary.Complaint("ConnectionDelay"), 0.25, 0.05),
    ];

    /// <summary>The planted outcomes of one account (empty for the demo logins' accounts).</summary>
    public static IReadOnlyList<string> Outcomes(DemoAccountSpec spec, DateOnly today, int seed = 20261126)
    {
        if (spec.Index < FirstAccount) return [];
        var items = Items(spec, today);
        var outcomes = new List<string>();
        for (var k = 0; k < All.Length; k++)
        {
            var plant = All[k];
            var rate = plant.Antecedent.All(items.Contains) ? plant.RateWith : plant.RateOthers;
            if (DemoRandom.For(seed, spec.Index, 4711, k).NextDouble() < rate) outcomes.Add(plant.Outcome);
        }
        return outcomes;
    }

    /// <summary>
    /// The attribute items the seeded utility gives this account, as far as the generator knows them: the load shape
    /// stands for the segment, the scale for the consumption level and the payment habit for the credit tier.
    /// </summary>
    public static AccountFacts Facts(DemoAccountSpec spec) => new(spec.Id, spec.Shape.ToString(), spec.Region,
        Math.Clamp((int)((spec.Scale - 0.7) / 0.9 * 4), 0, 3), spec.Type.ToString(),
        spec.PaymentHabit switch { 0 => "A", 1 => "B", _ => "C" }, DemoSeeder.DefaultPackage(spec),
        spec.Shape == DemoShape.WinterHeater, spec.OpenedOn, spec.CapacityKva);

    public static HashSet<string> Items(DemoAccountSpec spec, DateOnly today) => [.. MarketingVocabulary.Items(Facts(spec), today)];

    /// <summary>A synthetic utility of <paramref name="count"/> accounts with only the planted outcomes, for tests and benchmarks.</summary>
    public static IReadOnlyList<AssociationTransaction> Transactions(int count, DateOnly today, int seed = 20261126)
    {
        var gen = new DemoDataGenerator(seed);
        var specs = gen.Accounts(count, today).ToList();
        return MarketingVocabulary.Transactions(specs.Select(Facts),
            specs.SelectMany(s => Outcomes(s, today, seed).Select(o => new OutcomeEvent(s.Id, o))), today);
    }

    public static string Describe(PlantedAssociation p) =>
        string.Join(" & ", p.Antecedent) + " => " + p.Outcome + " (×" + p.RiskRatio.ToString("0.0", CultureInfo.InvariantCulture) + ")";
}
