using BenchmarkDotNet.Attributes;
using Portal.Domain.Accounts;
using Portal.Domain.Credit;
using Portal.Domain.Safety;

namespace Portal.Benchmarks;

/// <summary>
/// Credit scoring on a realistic year of facts (12 monthly bills, two paid late and one still open, two hazards, a
/// supply-rule violation, a manual adjustment), and the policy editor's impact preview over 1,000 such accounts.
/// </summary>
[MemoryDiagnoser]
public class CreditBenchmarks
{
    private static readonly DateOnly AsOf = new(2026, 10, 31);
    private readonly CreditPolicy _policy = CreditPolicy.SeedDefault(new DateOnly(2021, 1, 1));
    private CreditPolicy _draft = null!;
    private CreditFacts _year = null!;
    private List<(Guid, CreditAccountState, CreditFacts)> _accounts = [];

    [GlobalSetup]
    public void Setup()
    {
        _year = Facts(new Random(11), business: true);
        _draft = _policy.CreateNextDraft(AsOf.AddDays(1));
        _draft.SetTierRule(CreditTier.A, 92m, 90m);
        _draft.SetIndicatorWeight(CreditIndicator.Contribution, 15m);
        _draft.SetIndicatorWeight(CreditIndicator.PaymentTimeliness, 35m);
        var r = new Random(5);
        var tiers = Enum.GetValues<CreditTier>();
        _accounts = Enumerable.Range(0, 1_000)
            .Select(i => (Guid.NewGuid(), CreditAccountState.Open(Guid.NewGuid(), tiers[r.Next(tiers.Length)]), Facts(r, business: i % 4 == 0))).ToList();
    }

    private static CreditFacts Facts(Random r, bool business)
    {
        var profile = business ? new AccountProfile(CustomerType.Business, VoltageLevel.Kv1To10, 400m, "kaifaqu")
            : new AccountProfile(CustomerType.Residential, VoltageLevel.Low, 8m, "tianshan");
        var bills = Enumerable.Range(0, 12).Select(m =>
        {
            var due = new DateOnly(2025, 11, 20).AddMonths(m);
            var amount = Math.Round((decimal)(business ? 9_000 + r.Next(6_000) : 80 + r.Next(200)), 2);
            DateOnly? paid = r.Next(10) switch { 0 => due.AddDays(r.Next(3, 40)), 1 when m == 11 => null, _ => due.AddDays(-r.Next(1, 10)) };
            return new BillFact($"bill:{m}", due, amount, paid, paid is null ? 0m : amount);
        }).ToList();
        var hazards = new List<HazardFact>
        {
            new("h1", HazardSeverity.Minor, new DateOnly(2026, 2, 3), new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 10)),
            new("h2", HazardSeverity.Major, new DateOnly(2026, 8, 1), new DateOnly(2026, 9, 1), r.Next(2) == 0 ? new DateOnly(2026, 8, 20) : null),
        };
        var violations = r.Next(5) == 0 ? new List<ViolationFact> { new("v1", ViolationKind.SupplyRuleViolation, new DateOnly(2026, 5, 12)) } : [];
        var adjustments = new List<AdjustmentFact> { new("adj1", CreditIndicator.PaymentTimeliness, 5m, new DateOnly(2026, 6, 1), "bank outage") };
        var annualKwh = business ? 900_000m + r.Next(300_000) : 2_000m + r.Next(3_000);
        return new CreditFacts(profile, new DateOnly(2015, 4, 1), bills, hazards, violations, annualKwh, annualKwh * 0.6m, adjustments);
    }

    /// <summary>One account's score with its explanation (indicators, factors, evidence) for a year of facts.</summary>
    [Benchmark]
    public decimal ScoreOneAccountYear() => CreditScorer.Score(_policy, _year, AsOf).Total;

    /// <summary>Score, tier review under the policy in force and under a draft, for 1,000 accounts: the impact preview.</summary>
    [Benchmark]
    public int PolicyImpactPreviewOver1000Accounts() => PolicyImpact.Preview(_policy, _draft, _accounts, AsOf).Movers.Count;
}
