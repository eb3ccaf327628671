using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Credit;

namespace Portal.Features.Credit;

/// <summary>
/// The one place other features ask what an account's tier entitles it to: the account's current tier read against
/// the privilege grid of the policy version in force on the given day. An account without a ledger (or a utility
/// without a published policy) gets the standard terms.
/// </summary>
public sealed class AccountPrivileges(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<TierPrivileges> ForAccountAsync(Guid accountId, DateOnly asOf, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ForAccountAsync(db, accountId, asOf, ct);
    }

    public static async Task<TierPrivileges> ForAccountAsync(AppDbContext db, Guid accountId, DateOnly asOf, CancellationToken ct)
    {
        var tier = await db.CreditStates.AsNoTracking().Where(s => s.AccountId == accountId)
            .Select(s => (CreditTier?)s.CurrentTier).FirstOrDefaultAsync(ct);
        if (tier is null) return TierPrivileges.None();
        var policy = await CreditPolicyStore.InForceAsync(db, asOf, ct);
        return policy is null ? TierPrivileges.None(tier.Value) : TierPrivileges.Of(policy, tier.Value);
    }

    /// <summary>A batch (the manager assignment sweep): one query for the tiers, one for the policy.</summary>
    public static async Task<IReadOnlyDictionary<Guid, TierPrivileges>> ForAccountsAsync(AppDbContext db, IReadOnlyCollection<Guid> accountIds,
        DateOnly asOf, CancellationToken ct)
    {
        var tiers = await db.CreditStates.AsNoTracking().Where(s => accountIds.Contains(s.AccountId))
            .ToDictionaryAsync(s => s.AccountId, s => s.CurrentTier, ct);
        var policy = await CreditPolicyStore.InForceAsync(db, asOf, ct);
        return accountIds.Distinct().ToDictionary(id => id, id => tiers.TryGetValue(id, out var t)
            ? policy is null ? TierPrivileges.None(t) : TierPrivileges.Of(policy, t)
            : TierPrivileges.None());
    }
}
