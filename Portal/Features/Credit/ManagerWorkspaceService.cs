using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Complaints;
using Portal.Domain.Credit;
using Portal.Domain.Safety;
using Portal.Domain.Usage;
using Portal.Features.Accounts;
using Portal.Features.Demo;
using Portal.Features.Safety;
using Portal.Infrastructure.Security;

namespace Portal.Features.Credit;

public enum ManagerAlert
{
    TierDropped,
    HazardDueSoon,
    HazardOverdue,
    OpenComplaint,
    /// <summary>The usage refresh job raised a forecast-above-threshold alert for the current billing cycle.</summary>
    ForecastAboveThreshold,
    UnreadMessage,
}

public sealed record ManagedAccountRow(Guid AccountId, string AccountNumber, string HolderName, decimal CapacityKva, CreditTier? Tier,
    decimal? Score, IReadOnlyList<ManagerAlert> Alerts, int UnreadMessages);

/// <summary>
/// One account's messages. <see cref="Masked"/>: the viewer may not see this account's personal data here, so the
/// holder's name is masked and the messages are left out.
/// </summary>
public sealed record ManagerThread(Guid AccountId, string AccountNumber, string HolderName, IReadOnlyList<CreditMessageRow> Messages, int Unread, bool Masked);

/// <summary>
/// The customer manager's workspace: their accounts (from <see cref="AccountAccessService.AccessibleAccountIdsAsync"/>,
/// which gives a manager exactly the accounts assigned to them) with alerts, and the message threads.
/// Personal data is shown in full to the account's assigned manager (wherever they work from) and to staff on the
/// internal endpoint; anyone else, i.e. an admin on the public endpoint, sees names masked and no message text.
/// Reading never changes anything: the assigned manager marks a thread read with <see cref="MarkReadAsync"/>.
/// </summary>
public sealed class ManagerWorkspaceService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access, TimeProvider clock,
    Notifications.NotificationService notifications)
{
    /// <summary>A tier drop within this many days is an alert.</summary>
    public const int TierDropAlertDays = 90;

    public async Task<IReadOnlyList<ManagedAccountRow>> AccountsAsync(ClaimsPrincipal manager, EndpointKind endpoint = EndpointKind.Public, CancellationToken ct = default)
    {
        var ids = await ManagedIdsAsync(manager, ct);
        var today = DemoSeeder.Today(clock);
        var dropSince = today.AddDays(-TierDropAlertDays);
        var dueSoon = today.AddDays(HazardService.DueSoonDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.AccountNumber, a.HolderName, a.ContractedCapacityKva, a.CustomerManagerId }).ToListAsync(ct);
        var states = await db.CreditStates.AsNoTracking().Where(s => ids.Contains(s.AccountId))
            .Select(s => new { s.Id, s.AccountId, s.CurrentTier, s.CurrentScore }).ToDictionaryAsync(s => s.AccountId, ct);
        var stateIds = states.Values.Select(s => s.Id).ToList();
        var drops = (await db.CreditTierChanges.AsNoTracking()
                .Where(t => stateIds.Contains(EF.Property<Guid>(t, "CreditAccountStateId")) && t.ChangedOn >= dropSince && t.To < t.From)
                .Select(t => EF.Property<Guid>(t, "CreditAccountStateId")).ToListAsync(ct)).ToHashSet();
        var hazards = await db.Hazards.AsNoTracking().Where(h => ids.Contains(h.AccountId) && h.State == HazardState.Open && h.RectificationDeadline <= dueSoon)
            .Select(h => new { h.AccountId, h.RectificationDeadline }).ToListAsync(ct);
        var complaints = (await db.Complaints.AsNoTracking()
                .Where(c => ids.Contains(c.AccountId) && c.Status != ComplaintStatus.Resolved && c.Status != ComplaintStatus.Closed)
                .Select(c => c.AccountId).ToListAsync(ct)).ToHashSet();
        // The usage refresh job stores one alert per account, cycle and kind; its dedupe key names the cycle.
        var cycle = "|" + UsageAlertRules.CycleKeyFor(new DateOnly(today.Year, today.Month, 1)) + "|";
        var forecasts = (await db.UsageAlerts.AsNoTracking()
                .Where(u => ids.Contains(u.AccountId) && u.Kind == (int)UsageAlertKind.ForecastAboveThreshold && u.DedupeKey.Contains(cycle))
                .Select(u => u.AccountId).ToListAsync(ct)).ToHashSet();
        var unread = (await db.ManagerMessages.AsNoTracking().Where(m => ids.Contains(m.AccountId) && m.FromCustomer && m.ReadAtUtc == null)
                .Select(m => m.AccountId).ToListAsync(ct)).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());

        return accounts.Select(a =>
            {
                var state = states.GetValueOrDefault(a.Id);
                var alerts = new List<ManagerAlert>();
                if (state is not null && drops.Contains(state.Id)) alerts.Add(ManagerAlert.TierDropped);
                if (hazards.Any(h => h.AccountId == a.Id && h.RectificationDeadline < today)) alerts.Add(ManagerAlert.HazardOverdue);
                else if (hazards.Any(h => h.AccountId == a.Id)) alerts.Add(ManagerAlert.HazardDueSoon);
                if (complaints.Contains(a.Id)) alerts.Add(ManagerAlert.OpenComplaint);
                if (forecasts.Contains(a.Id)) alerts.Add(ManagerAlert.ForecastAboveThreshold);
                var messages = unread.GetValueOrDefault(a.Id);
                if (messages > 0) alerts.Add(ManagerAlert.UnreadMessage);
                var holder = FullView(manager, a.CustomerManagerId, endpoint) ? a.HolderName : Masking.Name(a.HolderName);
                return new ManagedAccountRow(a.Id, a.AccountNumber, holder, a.ContractedCapacityKva, state?.CurrentTier, state?.CurrentScore, alerts, messages);
            })
            .OrderByDescending(r => r.Alerts.Count).ThenBy(r => r.AccountNumber).ToList();
    }

    /// <summary>Null when the account is not the manager's: the page shows "not found". Reading changes nothing.</summary>
    public async Task<ManagerThread?> ThreadAsync(ClaimsPrincipal manager, Guid accountId, EndpointKind endpoint = EndpointKind.Public, CancellationToken ct = default)
    {
        if (!(await ManagedIdsAsync(manager, ct)).Contains(accountId)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.AccountNumber, a.HolderName, a.CustomerManagerId }).FirstAsync(ct);
        var unread = await db.ManagerMessages.CountAsync(m => m.AccountId == accountId && m.FromCustomer && m.ReadAtUtc == null, ct);
        return FullView(manager, account.CustomerManagerId, endpoint)
            ? new ManagerThread(accountId, account.AccountNumber, account.HolderName, await CreditService.MessagesAsync(db, accountId, ct), unread, Masked: false)
            : new ManagerThread(accountId, account.AccountNumber, Masking.Name(account.HolderName), [], unread, Masked: true);
    }

    /// <summary>
    /// The assigned manager's explicit "I have read this": marks the customer's messages read. Nobody else's reading
    /// (an admin looking over the workspace) can take a message off the manager's list. Returns how many were marked.
    /// </summary>
    public async Task<int?> MarkReadAsync(ClaimsPrincipal manager, Guid accountId, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(manager);
        if (userId is null || !(await ManagedIdsAsync(manager, ct)).Contains(accountId)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId && a.CustomerManagerId == userId, ct)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ManagerMessages.Where(m => m.AccountId == accountId && m.FromCustomer && m.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAtUtc, now), ct);
    }

    public async Task<MessageOutcome> ReplyAsync(ClaimsPrincipal manager, Guid accountId, string? body, EndpointKind endpoint = EndpointKind.Public, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(manager);
        if (userId is null || !(await ManagedIdsAsync(manager, ct)).Contains(accountId)) return MessageOutcome.NotFound;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Whoever may not read the thread here may not write into it either.
        var managerId = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.CustomerManagerId).FirstAsync(ct);
        if (!FullView(manager, managerId, endpoint)) return MessageOutcome.NotFound;
        if (string.IsNullOrWhiteSpace(body) || body.Trim().Length > ManagerMessage.MaxLength) return MessageOutcome.Invalid;
        db.ManagerMessages.Add(ManagerMessage.Write(accountId, userId, fromCustomer: false, body, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        var number = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.AccountNumber).FirstAsync(ct);
        foreach (var customer in await db.AccountBindings.Where(b => b.AccountId == accountId).Select(b => b.UserId).ToListAsync(ct))
            await notifications.NotifyAsync(customer, "ManagerReplied", number, $"/credit/{accountId}", ct: ct);
        return MessageOutcome.Sent;
    }

    private static bool FullView(ClaimsPrincipal viewer, string? assignedManagerId, EndpointKind endpoint) =>
        endpoint == EndpointKind.Internal || (assignedManagerId is not null && assignedManagerId == AccountAccessService.UserId(viewer));

    /// <summary>Managers: their assigned accounts. Admins (who pass the Manager policy): every account that has a manager.</summary>
    private async Task<IReadOnlyList<Guid>> ManagedIdsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Admin))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Accounts.AsNoTracking().Where(a => a.CustomerManagerId != null).Select(a => a.Id).ToListAsync(ct);
        }
        if (!user.IsInRole(Roles.CustomerManager)) return [];
        var userId = AccountAccessService.UserId(user);
        await using var db2 = await dbFactory.CreateDbContextAsync(ct);
        var accessible = await access.AccessibleAccountIdsAsync(user, ct);
        // A manager who is also a customer must not see their own bound accounts as managed ones.
        return await db2.Accounts.AsNoTracking().Where(a => accessible.Contains(a.Id) && a.CustomerManagerId == userId).Select(a => a.Id).ToListAsync(ct);
    }
}
