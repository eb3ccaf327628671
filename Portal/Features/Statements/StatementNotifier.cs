using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Components.Shared;
using Portal.Data;
using Portal.Features.Notifications;
using Portal.Infrastructure.Email;
using Portal.Resources;

namespace Portal.Features.Statements;

/// <summary>
/// "Your statement for October is ready": one message per original statement to each portal user of its account, in the
/// bell and by email, as their choice for the Statements topic allows (asked by <see cref="NotificationService"/>). It says
/// the account, the month and where to look — no amount, no name — and links to the statement's page. Works through a
/// period in batches with a handful of queries each, whatever the number of accounts; each batch's messages are saved
/// together with its <see cref="StatementNoticeRow"/>s, so nothing is announced twice and a lost run's rest is picked up
/// by the next one.
/// </summary>
public sealed class StatementNotifier(IDbContextFactory<AppDbContext> dbFactory, NotificationService notifications,
    IStringLocalizer<SharedResource> l, TimeProvider clock, ILogger<StatementNotifier> log)
{
    public const string Kind = "StatementReady";

    /// <summary>Statements announced per SaveChanges.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Announces the period's original statements that have not been announced yet; returns how many.</summary>
    public async Task<int> NotifyPeriodAsync(DateOnly period, CancellationToken ct)
    {
        int announced = 0, conflicts = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var notices = db.Set<StatementNoticeRow>();
            var batch = await db.Statements.AsNoTracking()
                .Where(s => s.PeriodStart == period && s.Revision == 1 && !notices.Any(n => n.StatementId == s.Id))
                .OrderBy(s => s.Id).Take(Math.Max(1, BatchSize))
                .Join(db.Accounts, s => s.AccountId, a => a.Id, (s, a) => new { s.Id, s.AccountId, a.AccountNumber })
                .ToListAsync(ct);
            if (batch.Count == 0) return announced;

            var accountIds = batch.Select(s => s.AccountId).Distinct().ToList();
            var users = (await db.AccountBindings.AsNoTracking().Where(b => accountIds.Contains(b.AccountId))
                .Select(b => new { b.AccountId, b.UserId }).ToListAsync(ct)).ToLookup(b => b.AccountId, b => b.UserId);
            var month = NotificationArguments.Month(period);
            var requests = batch.SelectMany(s => users[s.AccountId].Distinct().Select(userId => new NotificationRequest(userId, Kind,
                NotificationArguments.Join(s.AccountNumber, month), $"/statements/{s.Id}", () => Email(s.AccountNumber, period)))).ToList();
            await notifications.StageAsync(db, requests, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            notices.AddRange(batch.Select(s => new StatementNoticeRow { StatementId = s.Id, NotifiedAtUtc = now, Recipients = users[s.AccountId].Distinct().Count() }));
            try
            {
                await db.SaveChangesAsync(ct);
                announced += batch.Count;
            }
            catch (DbUpdateException e) when (++conflicts <= 3)
            {
                // Another instance announced some of these a moment ago: nothing of this batch was written; the next pass skips theirs.
                log.LogInformation(e, "Statement notices for {Period:yyyy-MM} collided with another writer; trying again", period);
            }
        }
    }

    /// <summary>The email in the current (the recipient's) culture: the account and the month, nothing more.</summary>
    private EmailContent Email(string accountNumber, DateOnly period)
    {
        var month = Format.Month(period);
        return new EmailContent(l["Statements.ReadyEmail.Subject", month], l["Statements.ReadyEmail.Body", accountNumber, month]);
    }
}
