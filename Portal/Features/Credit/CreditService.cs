using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Credit;
using Portal.Features.Accounts;
using Portal.Features.Demo;

namespace Portal.Features.Credit;

public sealed record CreditAccountSummary(Guid AccountId, string AccountNumber, string HolderName, CreditTier? Tier, decimal? Score);

public sealed record CreditBreakdownRow(CreditIndicator Indicator, decimal RawPoints, decimal WeightPercent, decimal WeightedPoints,
    IReadOnlyList<FactorScore> Factors);

public sealed record CreditEventRow(DateOnly On, PointEventKind Kind, CreditIndicator? Indicator, decimal Delta, string ReasonCode,
    string? ReasonText, decimal ScoreAfter);

public sealed record CreditTierChangeRow(DateOnly On, CreditTier From, CreditTier To, string ReasonCode, decimal Score);

public sealed record ManagerContact(string Name, string? WorkPhone, string? WorkHours);

public sealed record CreditMessageRow(long Id, bool FromCustomer, string Author, string Body, DateTime SentAtUtc);

public sealed record CreditPageView(
    Guid AccountId,
    string AccountNumber,
    string HolderName,
    CreditTier Tier,
    decimal Score,
    DateOnly? LastReviewedOn,
    int PolicyVersion,
    IReadOnlyList<CreditBreakdownRow> Breakdown,
    TierDecision Outlook,
    IReadOnlyList<CreditEventRow> Events,
    IReadOnlyList<CreditTierChangeRow> TierHistory,
    IReadOnlyList<TierPrivilege> PrivilegesNow,
    IReadOnlyList<TierPrivilege> PrivilegesNext,
    ManagerContact? Manager,
    IReadOnlyList<CreditMessageRow> Messages,
    IReadOnlyList<TierRung>? Ladder = null,
    DateOnly? EarliestPromotion = null,
    Domain.Billing.DepositRequirement? Deposit = null,
    PrivilegeChange? LastChange = null);

public enum MessageOutcome { Sent, NotFound, NoManager, Invalid }

/// <summary>
/// The customer's credit page: tier from the ledger, today's score and breakdown recomputed from the facts (so the page
/// never shows a stale breakdown), the ledger lines behind it, the outlook (next tier, blocks, freeze end), privileges
/// and the customer manager. Every query starts from <see cref="AccountAccessService.OwnAccountIdsAsync"/>.
/// </summary>
public sealed class CreditService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access, TimeProvider clock,
    Infrastructure.Audit.AuditService audit, Notifications.NotificationService notifications)
{
    public const int EventsShown = 60;

    public async Task<IReadOnlyList<CreditAccountSummary>> MyAccountsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Accounts.AsNoTracking().Where(a => own.Contains(a.Id)).OrderBy(a => a.AccountNumber)
            .Select(a => new CreditAccountSummary(a.Id, a.AccountNumber, a.HolderName,
                db.CreditStates.Where(s => s.AccountId == a.Id).Select(s => (CreditTier?)s.CurrentTier).FirstOrDefault(),
                db.CreditStates.Where(s => s.AccountId == a.Id).Select(s => (decimal?)s.CurrentScore).FirstOrDefault()))
            .ToListAsync(ct);
    }

    /// <summary>Null when the account is not the user's own (or has no ledger yet): the page shows "not found".</summary>
    public async Task<CreditPageView?> AccountAsync(ClaimsPrincipal user, Guid accountId, CancellationToken ct = default)
    {
        if (!(await access.OwnAccountIdsAsync(user, ct)).Contains(accountId)) return null;
        var today = DemoSeeder.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.AccountNumber, a.HolderName, a.CustomerManagerId, a.Type }).FirstOrDefaultAsync(ct);
        var state = await db.CreditStates.AsNoTracking().Include(s => s.TierHistory).FirstOrDefaultAsync(s => s.AccountId == accountId, ct);
        var policy = await CreditPolicyStore.InForceAsync(db, today, ct);
        if (account is null || state is null || policy is null) return null;

        var facts = (await CreditFactsBuilder.BuildAsync(db, [accountId], today, ct))[accountId];
        var score = CreditScorer.Score(policy, facts, today);
        var outlook = TierPolicy.Review(policy, state, score, facts, today);
        var events = await db.CreditPointEvents.AsNoTracking()
            .Where(e => e.AccountId == accountId && e.PointsDelta != 0m)
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.ScoreAfter).Take(EventsShown)
            .Select(e => new CreditEventRow(e.OccurredOn, e.Kind, e.Indicator, e.PointsDelta, e.ReasonCode, e.ReasonText, e.ScoreAfter))
            .ToListAsync(ct);
        var privileges = TierPrivileges.Of(policy, state.CurrentTier);
        var lastBills = await db.Bills.AsNoTracking().Where(b => b.AccountId == accountId && b.IssuedOn <= today)
            .OrderByDescending(b => b.PeriodStart).Take(12).Select(b => b.Amount).ToListAsync(ct);
        var next = policy.TierRules.Where(t => t.Tier > state.CurrentTier).OrderBy(t => t.Tier).FirstOrDefault()?.Tier;
        ManagerContact? manager = null;
        if (account.CustomerManagerId is not null)
            manager = await db.Users.AsNoTracking().Where(u => u.Id == account.CustomerManagerId)
                .Select(u => new ManagerContact(u.DisplayName, u.WorkPhone, u.WorkHours)).FirstOrDefaultAsync(ct);

        return new CreditPageView(accountId, account.AccountNumber, account.HolderName, state.CurrentTier, score.Total,
            state.LastReviewedOn, policy.Version,
            score.Indicators.Select(i => new CreditBreakdownRow(i.Indicator, i.RawPoints, i.WeightPercent, i.WeightedPoints, i.Factors)).ToList(),
            outlook, events,
            state.TierHistory.OrderByDescending(t => t.ChangedOn).Select(t => new CreditTierChangeRow(t.ChangedOn, t.From, t.To, t.ReasonCode, t.Score)).ToList(),
            policy.PrivilegesOf(state.CurrentTier).ToList(),
            next is { } n ? policy.PrivilegesOf(n).ToList() : [],
            manager,
            await MessagesAsync(db, accountId, ct),
            TierLadder.Rungs(policy, state.CurrentTier, score.Total),
            TierLadder.EarliestPromotion(outlook, today),
            Domain.Billing.DepositRequirement.For(account.Type != Domain.Accounts.CustomerType.Residential, lastBills, privileges),
            state.TierHistory.OrderByDescending(t => t.ChangedOn).FirstOrDefault() is { } last
                ? PrivilegeChange.Between(TierPrivileges.Of(policy, last.From), TierPrivileges.Of(policy, last.To)) : null);
    }

    public async Task<MessageOutcome> SendToManagerAsync(ClaimsPrincipal user, Guid accountId, string? body, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        if (userId is null || !(await access.OwnAccountIdsAsync(user, ct)).Contains(accountId)) return MessageOutcome.NotFound;
        if (string.IsNullOrWhiteSpace(body) || body.Trim().Length > ManagerMessage.MaxLength) return MessageOutcome.Invalid;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new { a.AccountNumber, a.CustomerManagerId }).FirstAsync(ct);
        if (account.CustomerManagerId is null) return MessageOutcome.NoManager;
        db.ManagerMessages.Add(ManagerMessage.Write(accountId, userId, fromCustomer: true, body, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        await notifications.NotifyAsync(account.CustomerManagerId, "ManagerMessage", account.AccountNumber, $"/manager/{accountId}", ct: ct);
        await audit.RecordAsync(new Infrastructure.Audit.AuditEvent("Credit.MessageToManager", account.AccountNumber, UserId: userId, UserName: user.Identity?.Name), ct);
        return MessageOutcome.Sent;
    }

    internal static async Task<IReadOnlyList<CreditMessageRow>> MessagesAsync(AppDbContext db, Guid accountId, CancellationToken ct) =>
        await db.ManagerMessages.AsNoTracking().Where(m => m.AccountId == accountId).OrderBy(m => m.SentAtUtc).ThenBy(m => m.Id)
            .Select(m => new CreditMessageRow(m.Id, m.FromCustomer,
                db.Users.Where(u => u.Id == m.AuthorUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "", m.Body, m.SentAtUtc))
            .ToListAsync(ct);
}

/// <summary>Current tier letter of an account ("A", "B", "C"), null before its first review. For complaints routing and statements.</summary>
public interface ICreditTierLookup
{
    Task<string?> TierOfAsync(Guid accountId, CancellationToken ct = default);
    Task<IReadOnlyDictionary<Guid, string>> TiersOfAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken ct = default);
}

public sealed class CreditTierLookup(IDbContextFactory<AppDbContext> dbFactory) : ICreditTierLookup
{
    public async Task<string?> TierOfAsync(Guid accountId, CancellationToken ct = default) =>
        (await TiersOfAsync([accountId], ct)).GetValueOrDefault(accountId);

    public async Task<IReadOnlyDictionary<Guid, string>> TiersOfAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.CreditStates.AsNoTracking().Where(s => accountIds.Contains(s.AccountId))
            .Select(s => new { s.AccountId, s.CurrentTier }).ToListAsync(ct);
        return rows.ToDictionary(r => r.AccountId, r => r.CurrentTier.ToString());
    }
}
