using Portal.Domain.Common;

namespace Portal.Domain.Credit;

public sealed record TierMatrixCell(CreditTier From, CreditTier To, int Count);

public sealed record PolicyMover(Guid AccountId, CreditTier From, CreditTier To, decimal CurrentScore, decimal DraftScore,
    string DraftReasonCode);

/// <param name="Matrix">Every from × to pair (A, B, C × A, B, C), best first, zeros included so the grid is fixed.</param>
public sealed record PolicyImpactResult(int AccountCount, IReadOnlyList<TierMatrixCell> Matrix, IReadOnlyList<PolicyMover> Movers)
{
    public int Count(CreditTier from, CreditTier to) => Matrix.Single(c => c.From == from && c.To == to).Count;
}

/// <summary>
/// What publishing a draft would do: each account is reviewed under both policies on the same facts and date,
/// from its current ledger state, so the comparison isolates the policy change.
/// </summary>
public static class PolicyImpact
{
    public static PolicyImpactResult Preview(CreditPolicy current, CreditPolicy draft,
        IEnumerable<(Guid AccountId, CreditAccountState State, CreditFacts Facts)> accounts, DateOnly asOf)
    {
        var problems = CreditPolicyValidator.Validate(draft);
        if (problems.Count > 0)
            throw new DomainException("Credit.PolicyInvalid",
                "Fix the draft before previewing: " + string.Join(", ", problems.Select(p => p.Code).Distinct()));

        var counts = new int[3, 3];
        var movers = new List<PolicyMover>();
        var total = 0;
        foreach (var (accountId, state, facts) in accounts)
        {
            var before = TierPolicy.Review(current, state, CreditScorer.Score(current, facts, asOf), facts, asOf);
            var after = TierPolicy.Review(draft, state, CreditScorer.Score(draft, facts, asOf), facts, asOf);
            counts[(int)before.NewTier, (int)after.NewTier]++;
            total++;
            if (before.NewTier != after.NewTier)
                movers.Add(new PolicyMover(accountId, before.NewTier, after.NewTier, before.Score, after.Score, after.ReasonCode));
        }

        var tiers = Enum.GetValues<CreditTier>().OrderByDescending(t => t).ToList();
        var matrix = tiers.SelectMany(f => tiers.Select(t => new TierMatrixCell(f, t, counts[(int)f, (int)t]))).ToList();
        return new PolicyImpactResult(total, matrix,
            movers.OrderByDescending(m => Math.Abs(m.DraftScore - m.CurrentScore)).ThenBy(m => m.AccountId).ToList());
    }
}
