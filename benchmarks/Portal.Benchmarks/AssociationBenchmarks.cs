using BenchmarkDotNet.Attributes;
using Portal.Domain.Marketing;
using Portal.Features.Demo;

namespace Portal.Benchmarks;

/// <summary>
/// The nightly association analysis at utility scale: 10,000 demo accounts with 24 months of dated outcomes (the
/// planted ones plus about one background event per account and month spread over every outcome kind), cut to the
/// window, turned into transactions and mined with Fisher tests and Benjamini–Hochberg on every tested rule.
/// </summary>
[MemoryDiagnoser]
public class AssociationBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly string[] Background =
    [
        MarketingVocabulary.Complaint("Outage"), MarketingVocabulary.Complaint("MeterFault"), MarketingVocabulary.Complaint("VoltageQuality"),
        MarketingVocabulary.Complaint("ServiceAttitude"), MarketingVocabulary.Complaint("Other"), MarketingVocabulary.LowRating,
        MarketingVocabulary.HazardFound, MarketingVocabulary.LatePayment, MarketingVocabulary.SwitchRequested, MarketingVocabulary.ServiceTaken,
    ];

    private List<AccountFacts> _accounts = [];
    private List<(OutcomeEvent Event, DateOnly On)> _events = [];

    [Params(2, 3)]
    public int MaxItems { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var specs = new DemoDataGenerator().Accounts(10_000, Today).ToList();
        _accounts = specs.Select(DemoPlantedAssociations.Facts).ToList();
        var r = new Random(7);
        foreach (var s in specs)
        {
            foreach (var o in DemoPlantedAssociations.Outcomes(s, Today))
                _events.Add((new OutcomeEvent(s.Id, o), Today.AddDays(-r.Next(1, 730))));
            for (var m = 0; m < 24; m++)
                if (r.NextDouble() < 0.9)
                    _events.Add((new OutcomeEvent(s.Id, Background[r.Next(Background.Length)]), Today.AddMonths(-m).AddDays(-r.Next(0, 28))));
        }
    }

    [Benchmark]
    public int MineTwentyFourMonths()
    {
        var from = Today.AddMonths(-24);
        var transactions = MarketingVocabulary.Transactions(_accounts, _events.Where(e => e.On >= from).Select(e => e.Event), Today);
        return AssociationMiner.Mine(transactions, new MiningSettings(MinSupport: 0.005, MinConfidence: 0.02, MaxItems: MaxItems)).RulesTested;
    }
}
