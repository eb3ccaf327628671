namespace Portal.Domain.Credit;

/// <summary>One tier as the customer sees it: enter at <see cref="EntryAtLeast"/>, keep it while the score stays ≥ <see cref="ExitBelow"/>.</summary>
public sealed record TierRung(CreditTier Tier, decimal EntryAtLeast, decimal ExitBelow, bool IsCurrent, decimal PointsToEnter);

/// <summary>
/// The rules a customer is judged by, laid out to be shown: every tier's entry and exit thresholds, where the customer
/// stands, and the earliest review at which a promotion can happen.
/// </summary>
public static class TierLadder
{
    /// <summary>Best tier first.</summary>
    public static IReadOnlyList<TierRung> Rungs(CreditPolicy policy, CreditTier current, decimal score) =>
        policy.TiersBestFirst()
            .Select(t => new TierRung(t.Tier, t.EntryAtLeast, t.ExitBelow, t.Tier == current, Math.Max(0m, t.EntryAtLeast - score)))
            .ToList();

    /// <summary>The monthly review runs on the first of each month; any payment, fix or adjustment also triggers one.</summary>
    public static DateOnly NextMonthlyReview(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(1);

    /// <summary>
    /// The first monthly review at which the next tier can be reached: the next one, or the first on or after the day a
    /// block (freeze, new-customer period, recovery window) ends. Null at the top tier or when the block has no known end.
    /// </summary>
    public static DateOnly? EarliestPromotion(TierDecision outlook, DateOnly today)
    {
        if (outlook.Next is not { } next) return null;
        var review = NextMonthlyReview(today);
        if (next.BlockingCode is null) return review;
        if (next.BlockedUntil is not { } until) return null;
        return until <= review ? review : until.Day == 1 ? until : NextMonthlyReview(until);
    }
}
