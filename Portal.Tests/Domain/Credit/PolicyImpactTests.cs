using Portal.Domain.Common;
using Portal.Domain.Credit;
using Xunit;
using static Portal.Tests.Domain.Credit.CreditTestData;

namespace Portal.Tests.Domain.Credit;

public class PolicyImpactTests
{
    private static readonly DateOnly AsOf = D(2025, 6, 30);

    private static (Guid, CreditAccountState, CreditFacts) Account(CreditTier tier, FactsBuilder facts) =>
        (Guid.NewGuid(), StateIn(tier), facts.Build());

    private static FactsBuilder CleanYear() => FactsBuilder.Household().MonthlyBillsPaidOnTime(D(2024, 7, 15), 12);

    [Fact]
    public void Raising_the_A_exit_moves_only_the_A_customers_below_it()
    {
        var draft = Seed.CreateNextDraft(D(2025, 7, 1));
        draft.SetTierRule(CreditTier.A, 95m, 93m);

        var perfect = Account(CreditTier.A, CleanYear());                                                  // 96.5
        var oneLate = Account(CreditTier.A, CleanYear().Bill("b", D(2025, 3, 15), D(2025, 3, 20)));         // 92.5
        var midB = Account(CreditTier.B, CleanYear().Bill("b", D(2025, 3, 15), D(2025, 4, 20)));
        var result = PolicyImpact.Preview(Seed, draft, [perfect, oneLate, midB], AsOf);

        Assert.Equal(3, result.AccountCount);
        Assert.Equal(9, result.Matrix.Count);
        Assert.Equal(1, result.Count(CreditTier.A, CreditTier.A));
        Assert.Equal(1, result.Count(CreditTier.A, CreditTier.B));
        Assert.Equal(1, result.Count(CreditTier.B, CreditTier.B));
        var mover = Assert.Single(result.Movers);
        Assert.Equal(oneLate.Item1, mover.AccountId);
        Assert.Equal((CreditTier.A, CreditTier.B, TierReasonCodes.Demoted), (mover.From, mover.To, mover.DraftReasonCode));
    }

    [Fact]
    public void Reweighting_changes_scores_and_shows_both_in_the_mover_list()
    {
        var draft = Seed.CreateNextDraft(D(2025, 7, 1));
        // Contribution counts more: a small household (60 points there) falls below the A exit.
        draft.SetIndicatorWeight(CreditIndicator.Contribution, 40m);
        draft.SetIndicatorWeight(CreditIndicator.PaymentTimeliness, 10m);
        var small = Account(CreditTier.A, CleanYear().AnnualKwh(500m));

        var mover = Assert.Single(PolicyImpact.Preview(Seed, draft, [small], AsOf).Movers);

        Assert.True(mover.DraftScore < 85m);
        Assert.True(mover.CurrentScore >= 85m);
    }

    [Fact]
    public void An_identical_draft_moves_nobody()
    {
        var result = PolicyImpact.Preview(Seed, Seed.CreateNextDraft(D(2025, 7, 1)),
            [Account(CreditTier.A, CleanYear()), Account(CreditTier.C, CleanYear())], AsOf);
        Assert.Empty(result.Movers);
        Assert.Equal(2, result.Matrix.Where(c => c.From == c.To).Sum(c => c.Count));
    }

    [Fact]
    public void An_invalid_draft_cannot_be_previewed()
    {
        var draft = Seed.CreateNextDraft(D(2025, 7, 1));
        draft.SetIndicatorWeight(CreditIndicator.Contribution, 0m);
        var ex = Assert.Throws<DomainException>(() => PolicyImpact.Preview(Seed, draft, [], AsOf));
        Assert.Equal("Credit.PolicyInvalid", ex.Code);
    }
}
