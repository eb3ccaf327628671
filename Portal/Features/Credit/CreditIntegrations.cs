using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Complaints;
using Portal.Domain.Statements;
using Portal.Features.Complaints;
using Portal.Features.Statements;

namespace Portal.Features.Credit;

/// <summary>The credit tier feeds differentiated service elsewhere: complaint priority and the statement's credit section.</summary>
public static class CreditIntegrations
{
    /// <summary>Call after every feature is added: replaces the placeholder registrations of complaints and statements.</summary>
    public static IServiceCollection AddCreditIntegrations(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IComplaintCreditTiers, CreditComplaintTiers>());
        services.Replace(ServiceDescriptor.Singleton<IStatementCreditInfo, CreditStatementInfo>());
        return services;
    }
}

/// <summary>
/// Complaint routing reads the account's current credit tier, and whether it is prioritised from the privilege grid of the
/// policy in force; an account without a ledger yet falls back to the account-type rule and to routing's own setting.
/// </summary>
public sealed class CreditComplaintTiers(ICreditTierLookup tiers, AccountPrivileges privileges, TimeProvider clock) : IComplaintCreditTiers
{
    public async Task<bool?> PriorityHandlingAsync(Guid accountId, CancellationToken ct = default)
    {
        var grid = await privileges.ForAccountAsync(accountId, Demo.DemoSeeder.Today(clock), ct);
        return grid.PolicyVersion == 0 ? null : grid.PriorityComplaints;
    }

    private static readonly AccountTypeCreditTiers Fallback = new();

    public async Task<CreditTierLevel> TierForAsync(Guid accountId, CustomerType accountType, CancellationToken ct = default) =>
        await tiers.TierOfAsync(accountId, ct) switch
        {
            "A" => CreditTierLevel.A,
            "B" => CreditTierLevel.B,
            "C" => CreditTierLevel.C,
            _ => await Fallback.TierForAsync(accountId, accountType, ct),
        };
}

/// <summary>The statement prints the tier, the score and the tier's privileges as the policy in force defines them.</summary>
public sealed class CreditStatementInfo(IDbContextFactory<AppDbContext> dbFactory) : IStatementCreditInfo
{
    public async Task<StatementCredit?> ForAccountAsync(Guid accountId, DateOnly asOf, CancellationToken ct) =>
        (await ForAccountsAsync([(accountId, asOf)], ct))[(accountId, asOf)];

    /// <summary>A batch of statements: one query for the accounts' states and one per distinct issue day for the policy in force.</summary>
    public async Task<IReadOnlyDictionary<(Guid AccountId, DateOnly AsOf), StatementCredit?>> ForAccountsAsync(
        IReadOnlyCollection<(Guid AccountId, DateOnly AsOf)> keys, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = keys.Select(k => k.AccountId).Distinct().ToList();
        var states = await db.CreditStates.AsNoTracking().Where(s => ids.Contains(s.AccountId))
            .Select(s => new { s.AccountId, s.CurrentTier, s.CurrentScore }).ToDictionaryAsync(s => s.AccountId, ct);
        var policies = new Dictionary<DateOnly, Domain.Credit.CreditPolicy?>();
        var result = new Dictionary<(Guid, DateOnly), StatementCredit?>();
        foreach (var key in keys.Distinct())
        {
            if (!states.TryGetValue(key.AccountId, out var state))
            {
                result[key] = null;
                continue;
            }
            if (!policies.TryGetValue(key.AsOf, out var policy)) policies[key.AsOf] = policy = await CreditPolicyStore.InForceAsync(db, key.AsOf, ct);
            var privileges = policy?.PrivilegesOf(state.CurrentTier).Select(p => $"PrivilegeKind.{p.Kind}").ToList() ?? [];
            result[key] = new StatementCredit(state.CurrentTier.ToString(), state.CurrentScore, privileges);
        }
        return result;
    }
}
