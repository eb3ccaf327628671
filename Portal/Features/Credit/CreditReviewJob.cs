using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Credit;
using Portal.Features.Demo;
using Portal.Features.Notifications;
using Portal.Infrastructure.Email;

namespace Portal.Features.Credit;

/// <summary>
/// Credit reviews (Hangfire). The monthly sweep reviews every account; a single account is re-evaluated when a
/// payment, hazard or adjustment changes; a publish re-evaluates everyone under the new version. All three run the
/// same idempotent <see cref="CreditReview.Evaluate"/>: the ledger dedupes by (kind, source) and a tier is applied at
/// most once per day, so a re-run or a retried batch changes nothing. Tier changes notify the account's customers.
/// </summary>
public sealed class CreditReviewJob(
    IDbContextFactory<AppDbContext> dbFactory,
    NotificationService notifications,
    ManagerAssignmentService managers,
    Microsoft.Extensions.Localization.IStringLocalizer<Resources.SharedResource> l,
    TimeProvider clock,
    ILogger<CreditReviewJob> log)
{
    public const string Id = "credit-monthly-review";
    private const int BatchSize = 50;

    /// <summary>Months of history a brand-new ledger is replayed over (monthly reviews), so it starts with a story.</summary>
    public const int CatchUpMonths = 12;

    [AutomaticRetry(Attempts = 2)]
    public Task RunMonthlyAsync(CancellationToken ct) => RunAllAsync("monthly", PointEventKind.Review, null, notify: true, ct);

    [AutomaticRetry(Attempts = 2)]
    public Task RunAfterPublishAsync(int version, CancellationToken ct) =>
        RunAllAsync($"policy:v{version}", PointEventKind.PolicyChanged, CreditReview.PolicySource(version), notify: true, ct);

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAccountAsync(Guid accountId, CancellationToken ct) =>
        await ReviewAsync([accountId], PointEventKind.Review, null, notify: true, ct);

    public const string ChangesId = "credit-recent-changes";

    /// <summary>
    /// The safety net behind the per-account enqueues: re-evaluates every account with a payment, a hazard decision or
    /// an adjustment dated since the last sweep (one day of overlap), so a lost job or a payment recorded by another
    /// feature without asking for a re-evaluation is still picked up. Idempotent like every review.
    /// </summary>
    [AutomaticRetry(Attempts = 2)]
    public async Task<int> RunRecentChangesAsync(CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow().UtcDateTime;
        List<Guid> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var checkpoint = await db.JobCheckpoints.FindAsync([ChangesId], ct);
            var since = DateOnly.FromDateTime((checkpoint?.LastRunUtc ?? startedAt.AddDays(-1)).AddHours(8)).AddDays(-1);
            ids = await db.Payments.Where(p => p.PaidOn >= since).Select(p => p.AccountId)
                .Union(db.Hazards.Where(h => h.VerifiedOn >= since || h.LastRejectedOn >= since).Select(h => h.AccountId))
                .Union(db.CreditAdjustments.Where(a => a.On >= since).Select(a => a.AccountId))
                .Union(db.Violations.Where(v => v.OccurredOn >= since).Select(v => v.AccountId))
                .Distinct().ToListAsync(ct);
        }
        var changes = 0;
        foreach (var batch in ids.Chunk(BatchSize))
            changes += await ReviewAsync(batch, PointEventKind.Review, null, notify: true, ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var checkpoint = await db.JobCheckpoints.FindAsync([ChangesId], ct);
            if (checkpoint is null) db.JobCheckpoints.Add(new JobCheckpoint { Name = ChangesId, LastRunUtc = startedAt });
            else checkpoint.LastRunUtc = startedAt;
            await db.SaveChangesAsync(ct);
        }
        return ids.Count;
    }

    /// <summary>Every account, in batches, with progress in <see cref="CreditReviewRunRow"/>.</summary>
    public async Task<int> RunAllAsync(string reason, PointEventKind kind, string? source, bool notify, CancellationToken ct)
    {
        List<Guid> ids;
        CreditReviewRunRow run;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            ids = await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
            run = new CreditReviewRunRow { Reason = reason, Total = ids.Count, StartedAtUtc = clock.GetUtcNow().UtcDateTime };
            db.CreditReviewRuns.Add(run);
            await db.SaveChangesAsync(ct);
        }
        var changes = 0;
        foreach (var batch in ids.Chunk(BatchSize))
        {
            changes += await ReviewAsync(batch, kind, source, notify, ct);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.CreditReviewRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Done, r => r.Done + batch.Length), ct);
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.CreditReviewRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.TierChanges, changes)
                .SetProperty(r => r.FinishedAtUtc, clock.GetUtcNow().UtcDateTime), ct);
        log.LogInformation("Credit review {Reason}: {Count} accounts, {Changes} tier changes", reason, ids.Count, changes);
        return changes;
    }

    /// <summary>Reviews a batch in one context and one SaveChanges; on a concurrency conflict the batch is redone from the database.</summary>
    public async Task<int> ReviewAsync(IReadOnlyCollection<Guid> accountIds, PointEventKind kind, string? source, bool notify, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReviewOnceAsync(accountIds, kind, source, notify, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                log.LogWarning("Credit review batch conflicted (attempt {Attempt}); retrying", attempt);
            }
        }
    }

    private async Task<int> ReviewOnceAsync(IReadOnlyCollection<Guid> accountIds, PointEventKind kind, string? source, bool notify, CancellationToken ct)
    {
        var today = DemoSeeder.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var policy = await CreditPolicyStore.InForceAsync(db, today, ct);
        if (policy is null)
        {
            log.LogWarning("No published credit policy; review skipped");
            return 0;
        }
        var ids = accountIds.ToList();
        var states = await db.CreditStates.Include(s => s.Events).Include(s => s.TierHistory)
            .Where(s => ids.Contains(s.AccountId)).AsSplitQuery().ToDictionaryAsync(s => s.AccountId, ct);
        var facts = await CreditFactsBuilder.BuildAsync(db, ids, today, ct);
        var changed = new List<(Guid AccountId, CreditTier From, CreditTier To)>();
        foreach (var (accountId, f) in facts)
        {
            var days = new List<DateOnly> { today };
            if (!states.TryGetValue(accountId, out var state))
            {
                state = CreditAccountState.Open(accountId, policy.NewCustomerTier);
                db.CreditStates.Add(state);
                days = CreditReview.CatchUpDays(f.AccountOpenedOn, today, CatchUpMonths).ToList();
            }
            var before = state.CurrentTier;
            foreach (var day in days)
            {
                var last = day == today;
                CreditReview.Evaluate(policy, state, f, day, last ? kind : PointEventKind.Review, last ? source : null);
            }
            if (state.CurrentTier != before) changed.Add((accountId, before, state.CurrentTier));
        }
        await db.SaveChangesAsync(ct);

        await managers.AssignByRuleAsync(ids, ct);
        if (notify)
            foreach (var c in changed)
                await NotifyTierChangeAsync(c.AccountId, c.From, c.To, policy, ct);
        return changed.Count;
    }

    /// <summary>
    /// Tells the customers what the change means: the bell names the account and the tiers, the email (in each
    /// customer's language) lists the privileges gained and lost under the policy in force, effective from the
    /// next event (the next bill issued, the next complaint filed).
    /// </summary>
    private async Task NotifyTierChangeAsync(Guid accountId, CreditTier from, CreditTier to, CreditPolicy policy, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var number = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.AccountNumber).FirstAsync(ct);
        var users = await db.AccountBindings.Where(b => b.AccountId == accountId).Select(b => b.UserId).ToListAsync(ct);
        var change = PrivilegeChange.Between(TierPrivileges.Of(policy, from), TierPrivileges.Of(policy, to));
        var arguments = $"{number}: {from} → {to}";
        foreach (var user in users)
            await notifications.NotifyAsync(user, "CreditTierChanged", arguments, $"/credit/{accountId}",
                () => new EmailContent(l["Notify.CreditTierChanged", arguments], PrivilegeChangeText(arguments, change)), ct);
    }

    internal string PrivilegeChangeText(string arguments, PrivilegeChange change)
    {
        string Name(PrivilegeKind k) => k == PrivilegeKind.DeferredPaymentDays
            ? l["Privilege.DeferredDays", change.DeferredDaysAfter].Value
            : l["PrivilegeKind." + k].Value;
        var lines = new List<string> { l["Notify.CreditTierChanged", arguments].Value };
        if (change.Gained.Count > 0) lines.Add(l["Privilege.Gained", string.Join(", ", change.Gained.Select(Name))].Value);
        if (change.Lost.Count > 0) lines.Add(l["Privilege.Lost", string.Join(", ", change.Lost.Select(k => l["PrivilegeKind." + k].Value))].Value);
        if (change.DeferredDaysBefore != change.DeferredDaysAfter && change.DeferredDaysBefore > 0 && change.DeferredDaysAfter > 0)
            lines.Add(l["Privilege.DeferredChanged", change.DeferredDaysBefore, change.DeferredDaysAfter].Value);
        if (change.IsEmpty) lines.Add(l["Privilege.Unchanged"].Value);
        lines.Add(l["Privilege.FromNextEvent"].Value);
        return string.Join("\n", lines);
    }
}

/// <summary>Lets other features (payments, hazards, adjustments) ask for a re-evaluation without knowing about Hangfire.</summary>
public sealed class CreditReevaluation(IBackgroundJobClient jobs)
{
    public string Request(Guid accountId) => jobs.Enqueue<CreditReviewJob>(j => j.RunAccountAsync(accountId, CancellationToken.None));

    public string RequestAll(int publishedVersion) =>
        jobs.Enqueue<CreditReviewJob>(j => j.RunAfterPublishAsync(publishedVersion, CancellationToken.None));
}
