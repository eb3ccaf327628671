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
using Portal.Infrastructure.Audit;
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
    decimal? Score, IReadOnlyList<ManagerAlert> Alerts, int UnreadMessages, string Region = "");

/// <summary>What the manager searches for; <see cref="Page"/> counts from 0.</summary>
public sealed record ManagedAccountQuery(string? Search = null, string? Region = null, bool AlertsOnly = false, int Page = 0, int PageSize = 20, bool Audit = false);

/// <summary>One page of matches: <see cref="Total"/> matches in all, <see cref="AllAccounts"/> accounts of the manager's, their regions.</summary>
public sealed record ManagedAccountsPage(IReadOnlyList<ManagedAccountRow> Rows, int Total, int Page, int PageCount, int AllAccounts, IReadOnlyList<string> Regions);

public sealed record ManagerMonthUsage(DateOnly Month, decimal Kwh, int Days);

/// <summary>Usage of the last 30 days against the 30 before, the latest reading day and the recent months.</summary>
public sealed record ManagerUsageSummary(decimal Last30DaysKwh, decimal Previous30DaysKwh, DateOnly? LatestReading, IReadOnlyList<ManagerMonthUsage> Months);

public sealed record ManagerBillRow(Guid Id, DateOnly PeriodStart, decimal Kwh, decimal Amount, decimal Outstanding, DateOnly DueDate, Domain.Billing.BillStatus Status);

public sealed record ManagerHazardRow(Guid Id, string Description, HazardSeverity Severity, DateOnly FoundOn, DateOnly Deadline, HazardState State, bool Overdue);

public sealed record ManagerComplaintRow(Guid Id, string TrackingNumber, ComplaintCategory Category, ComplaintStatus Status, DateTime SubmittedAt, DateTime AnswerDueAt);

public sealed record TierChangeRow(DateOnly ChangedOn, CreditTier From, CreditTier To);

/// <summary>The manager's view of one account: what lies behind each alert, and the message thread.</summary>
public sealed record ManagerAccountView(Guid AccountId, string AccountNumber, string HolderName, string? Address, string Region,
    Domain.Accounts.CustomerType Type, string PackageCode, decimal CapacityKva, CreditTier? Tier, decimal? Score, TierChangeRow? LastTierChange,
    IReadOnlyList<ManagerAlert> Alerts, ManagerUsageSummary Usage, IReadOnlyList<ManagerBillRow> Bills, IReadOnlyList<ManagerHazardRow> Hazards,
    IReadOnlyList<ManagerComplaintRow> Complaints, ManagerThread Thread);

/// <summary>
/// One account's messages. <see cref="Masked"/>: the viewer may not see this account's personal data here, so the
/// holder's name is masked and the messages are left out.
/// </summary>
public sealed record ManagerThread(Guid AccountId, string AccountNumber, string HolderName, IReadOnlyList<CreditMessageRow> Messages, int Unread, bool Masked);

/// <summary>
/// The customer manager's workspace: their accounts (those assigned to them, as <see cref="AccountAccessService"/> grants
/// a manager; see <see cref="ManagedAccounts"/>) with alerts, and the message threads.
/// Personal data is shown in full to the account's assigned manager (wherever they work from) and to staff on the
/// internal endpoint; anyone else, i.e. an admin on the public endpoint, sees names masked and no message text.
/// Reading never changes anything: the assigned manager marks a thread read with <see cref="MarkReadAsync"/>.
/// </summary>
public sealed class ManagerWorkspaceService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock,
    Notifications.NotificationService notifications, AuditService audit)
{
    /// <summary>A tier drop within this many days is an alert.</summary>
    public const int TierDropAlertDays = 90;

    /// <summary>Every account of the manager, alerts first (the home page and tests); the workspace page pages through <see cref="SearchAsync"/>.</summary>
    public async Task<IReadOnlyList<ManagedAccountRow>> AccountsAsync(ClaimsPrincipal manager, EndpointKind endpoint = EndpointKind.Public, CancellationToken ct = default) =>
        (await SearchAsync(manager, new ManagedAccountQuery(PageSize: int.MaxValue), endpoint, ct)).Rows;

    /// <summary>
    /// One page of the manager's accounts matching the query, alerts first (the number of alerts, then the account
    /// number). The alert flags (<see cref="WithAlertFlags"/>), filtering, counting, ordering and paging all run in the
    /// database in one query, so a supervisor with thousands of accounts reads one page.
    /// Matching is on what this viewer may see: the account number always; the holder's name and the address only
    /// where the viewer has the full view (an admin on the public endpoint sees masked names, so a search cannot probe
    /// them). <see cref="ManagedAccountQuery.Region"/> picks one region by code. Each call with
    /// <see cref="ManagedAccountQuery.Audit"/> is audited (a list of customers was viewed).
    /// </summary>
    public async Task<ManagedAccountsPage> SearchAsync(ClaimsPrincipal manager, ManagedAccountQuery query, EndpointKind endpoint = EndpointKind.Public, CancellationToken ct = default)
    {
        var viewerId = AccountAccessService.UserId(manager) ?? "";
        var search = query.Search?.Trim();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var managed = ManagedAccounts(db, manager);
        var allAccounts = await managed.CountAsync(ct);
        var regions = (await managed.Select(a => a.Region).Distinct().ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();

        var matching = managed;
        if (query.Region is not null) matching = matching.Where(a => a.Region == query.Region);
        if (!string.IsNullOrEmpty(search))
        {
            // Lower-cased on both sides: the same case-insensitive match on SQLite, SQL Server and PostgreSQL.
            var term = search.ToLowerInvariant();
            var internalView = endpoint == EndpointKind.Internal;
            matching = matching.Where(a => a.AccountNumber.ToLower().Contains(term)
                || ((internalView || a.CustomerManagerId == viewerId) && (a.HolderName.ToLower().Contains(term) || a.Address.ToLower().Contains(term))));
        }
        var flagged = WithAlertFlags(db, matching);
        if (query.AlertsOnly) flagged = flagged.Where(AlertFlags.AnyAlert);

        var total = await flagged.CountAsync(ct);
        var size = Math.Max(1, query.PageSize);
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)size));
        var page = Math.Clamp(query.Page, 0, pageCount - 1);
        var ordered = flagged.OrderByDescending(AlertFlags.Count).ThenBy(x => x.AccountNumber);
        var shown = size == int.MaxValue ? await ordered.ToListAsync(ct) : await ordered.Skip(page * size).Take(size).ToListAsync(ct);
        var states = await StatesAsync(db, shown.Select(x => x.Id).ToList(), ct);
        var pageRows = shown.Select(x =>
            {
                var state = states.GetValueOrDefault(x.Id);
                var holder = FullView(manager, x.CustomerManagerId, endpoint) ? x.HolderName : Masking.Name(x.HolderName);
                return new ManagedAccountRow(x.Id, x.AccountNumber, holder, x.CapacityKva, state?.Tier, state?.Score, x.Alerts(), x.Unread, x.Region);
            })
            .ToList();
        if (query.Audit)
            await audit.RecordAsync(new AuditEvent("Manager.AccountsListed", "manager-workspace", Detail: $"search={search ?? ""};region={query.Region ?? ""};page={page + 1};shown={pageRows.Count}",
                UserId: AccountAccessService.UserId(manager), UserName: manager.Identity?.Name), ct);
        return new ManagedAccountsPage(pageRows, total, page, pageCount, allAccounts, regions);
    }

    /// <summary>
    /// An account with its alert flags as the database works them out. The alert rules are stated once, in
    /// <see cref="WithAlertFlags"/>; the list's count and order (<see cref="Count"/>, in SQL) and each row's alert list
    /// (<see cref="Alerts"/>) both read these flags.
    /// </summary>
    private sealed class AlertFlags
    {
        public Guid Id { get; init; }
        public string AccountNumber { get; init; } = "";
        public string HolderName { get; init; } = "";
        public string Region { get; init; } = "";
        public decimal CapacityKva { get; init; }
        public string? CustomerManagerId { get; init; }
        public bool TierDropped { get; init; }
        /// <summary>An open hazard whose rectification deadline has passed.</summary>
        public bool HazardOverdue { get; init; }
        /// <summary>An open hazard due within <see cref="HazardService.DueSoonDays"/> days or overdue: one alert either way.</summary>
        public bool HazardDue { get; init; }
        public bool OpenComplaint { get; init; }
        public bool ForecastAbove { get; init; }
        public int Unread { get; init; }

        public static readonly System.Linq.Expressions.Expression<Func<AlertFlags, int>> Count = x =>
            (x.TierDropped ? 1 : 0) + (x.HazardDue ? 1 : 0) + (x.OpenComplaint ? 1 : 0) + (x.ForecastAbove ? 1 : 0) + (x.Unread > 0 ? 1 : 0);

        public static readonly System.Linq.Expressions.Expression<Func<AlertFlags, bool>> AnyAlert = x =>
            x.TierDropped || x.HazardDue || x.OpenComplaint || x.ForecastAbove || x.Unread > 0;

        public IReadOnlyList<ManagerAlert> Alerts()
        {
            var alerts = new List<ManagerAlert>();
            if (TierDropped) alerts.Add(ManagerAlert.TierDropped);
            if (HazardOverdue) alerts.Add(ManagerAlert.HazardOverdue);
            else if (HazardDue) alerts.Add(ManagerAlert.HazardDueSoon);
            if (OpenComplaint) alerts.Add(ManagerAlert.OpenComplaint);
            if (ForecastAbove) alerts.Add(ManagerAlert.ForecastAboveThreshold);
            if (Unread > 0) alerts.Add(ManagerAlert.UnreadMessage);
            return alerts;
        }
    }

    /// <summary>
    /// The alert rules, as SQL subqueries per account: a tier drop within <see cref="TierDropAlertDays"/> days, an open
    /// hazard due soon or overdue, an open complaint, the usage refresh's forecast-above-threshold alert for the current
    /// cycle (its dedupe key names the cycle), unread customer messages.
    /// </summary>
    private IQueryable<AlertFlags> WithAlertFlags(AppDbContext db, IQueryable<Domain.Accounts.CustomerAccount> accounts)
    {
        var today = DemoSeeder.Today(clock);
        var dropSince = today.AddDays(-TierDropAlertDays);
        var dueSoon = today.AddDays(HazardService.DueSoonDays);
        var cycle = "|" + UsageAlertRules.CycleKeyFor(new DateOnly(today.Year, today.Month, 1)) + "|";
        return accounts.Select(a => new AlertFlags
        {
            Id = a.Id,
            AccountNumber = a.AccountNumber,
            HolderName = a.HolderName,
            Region = a.Region,
            CapacityKva = a.ContractedCapacityKva,
            CustomerManagerId = a.CustomerManagerId,
            TierDropped = db.CreditStates.Any(s => s.AccountId == a.Id && s.TierHistory.Any(t => t.ChangedOn >= dropSince && t.To < t.From)),
            HazardOverdue = db.Hazards.Any(h => h.AccountId == a.Id && h.State == HazardState.Open && h.RectificationDeadline < today),
            HazardDue = db.Hazards.Any(h => h.AccountId == a.Id && h.State == HazardState.Open && h.RectificationDeadline <= dueSoon),
            OpenComplaint = db.Complaints.Any(c => c.AccountId == a.Id && c.Status != ComplaintStatus.Resolved && c.Status != ComplaintStatus.Closed),
            ForecastAbove = db.UsageAlerts.Any(u => u.AccountId == a.Id && u.Kind == (int)UsageAlertKind.ForecastAboveThreshold && u.DedupeKey.Contains(cycle)),
            Unread = db.ManagerMessages.Count(m => m.AccountId == a.Id && m.FromCustomer && m.ReadAtUtc == null),
        });
    }

    private sealed record StateHead(Guid Id, CreditTier Tier, decimal Score);

    private static async Task<Dictionary<Guid, StateHead>> StatesAsync(AppDbContext db, List<Guid> ids, CancellationToken ct) =>
        await db.CreditStates.AsNoTracking().Where(s => ids.Contains(s.AccountId))
            .ToDictionaryAsync(s => s.AccountId, s => new StateHead(s.Id, s.CurrentTier, s.CurrentScore), ct);

    /// <summary>How many months of usage and bills the account view shows.</summary>
    public const int ViewMonths = 6;

    /// <summary>
    /// The manager's view of one account: what lies behind each alert (tier, hazards, complaints, usage, bills) and the
    /// message thread. Null when the account is not the viewer's (the page says "not found"). Every opening is audited.
    /// A viewer without the full view (an admin on the public endpoint) gets the masked name, no address, no messages.
    /// </summary>
    public async Task<ManagerAccountView?> AccountViewAsync(ClaimsPrincipal manager, Guid accountId, EndpointKind endpoint = EndpointKind.Public, CancellationToken ct = default)
    {
        if (!await IsManagedAsync(manager, accountId, ct))
        {
            await audit.RecordAsync(new AuditEvent("Manager.AccountViewed", "account:" + accountId, "NotFound",
                UserId: AccountAccessService.UserId(manager), UserName: manager.Identity?.Name), ct);
            return null;
        }
        var today = DemoSeeder.Today(clock);
        var thread = (await ThreadAsync(manager, accountId, endpoint, ct))!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alerts = (await WithAlertFlags(db, db.Accounts.AsNoTracking().Where(x => x.Id == accountId)).FirstAsync(ct)).Alerts();
        var state = (await StatesAsync(db, [accountId], ct)).GetValueOrDefault(accountId);
        var a = await db.Accounts.AsNoTracking().Where(x => x.Id == accountId)
            .Select(x => new { x.Address, x.Region, x.Type, x.TariffPackageCode, x.ContractedCapacityKva }).FirstAsync(ct);
        var since30 = today.AddDays(-30);
        var since60 = today.AddDays(-60);
        var days = await db.AccountDays.AsNoTracking().Where(d => d.AccountId == accountId && d.Date > since60)
            .Select(d => new { d.Date, d.TotalWh }).ToListAsync(ct);
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-ViewMonths);
        var months = (await db.MonthlyUsage.AsNoTracking().Where(m => m.AccountId == accountId && m.Month >= firstMonth)
                .Select(m => new { m.Month, m.TotalWh, m.Days }).ToListAsync(ct))
            .OrderByDescending(m => m.Month).Select(m => new ManagerMonthUsage(m.Month, m.TotalWh / 1000m, m.Days)).ToList();
        var usage = new ManagerUsageSummary(
            days.Where(d => d.Date > since30).Sum(d => d.TotalWh) / 1000m,
            days.Where(d => d.Date <= since30).Sum(d => d.TotalWh) / 1000m,
            days.Count == 0 ? null : days.Max(d => d.Date), months);
        var bills = await db.Bills.AsNoTracking().Where(b => b.AccountId == accountId).OrderByDescending(b => b.PeriodStart).Take(ViewMonths)
            .Select(b => new ManagerBillRow(b.Id, b.PeriodStart, b.TotalKwh, b.Amount, b.Amount - b.PaidAmount, b.DueDate, b.Status)).ToListAsync(ct);
        var hazards = (await db.Hazards.AsNoTracking().Where(h => h.AccountId == accountId && h.State != HazardState.Verified)
                .Select(h => new { h.Id, h.Description, h.Severity, h.FoundOn, h.RectificationDeadline, h.State }).ToListAsync(ct))
            .OrderBy(h => h.RectificationDeadline)
            .Select(h => new ManagerHazardRow(h.Id, h.Description, h.Severity, h.FoundOn, h.RectificationDeadline, h.State,
                Overdue: h.State == HazardState.Open && h.RectificationDeadline < today)).ToList();
        var complaints = (await db.Complaints.AsNoTracking()
                .Where(c => c.AccountId == accountId && c.Status != ComplaintStatus.Resolved && c.Status != ComplaintStatus.Closed)
                .Select(c => new ManagerComplaintRow(c.Id, c.TrackingNumber, c.Category, c.Status, c.SubmittedAt, c.AnswerDueAt)).ToListAsync(ct))
            .OrderBy(c => c.SubmittedAt).ToList();
        TierChangeRow? lastChange = null;
        if (state is not null)
        {
            lastChange = (await db.CreditTierChanges.AsNoTracking().Where(t => EF.Property<Guid>(t, "CreditAccountStateId") == state.Id)
                    .Select(t => new { t.ChangedOn, t.From, t.To }).ToListAsync(ct))
                .OrderByDescending(t => t.ChangedOn).Select(t => new TierChangeRow(t.ChangedOn, t.From, t.To)).FirstOrDefault();
        }
        await audit.RecordAsync(new AuditEvent("Manager.AccountViewed", "account:" + thread.AccountNumber, Detail: thread.Masked ? "masked" : null,
            UserId: AccountAccessService.UserId(manager), UserName: manager.Identity?.Name), ct);
        return new ManagerAccountView(accountId, thread.AccountNumber, thread.HolderName, thread.Masked ? null : a.Address, a.Region, a.Type,
            a.TariffPackageCode, a.ContractedCapacityKva, state?.Tier, state?.Score, lastChange, alerts, usage, bills, hazards, complaints, thread);
    }

    /// <summary>Null when the account is not the manager's: the page shows "not found". Reading changes nothing.</summary>
    public async Task<ManagerThread?> ThreadAsync(ClaimsPrincipal manager, Guid accountId, EndpointKind endpoint = EndpointKind.Public, CancellationToken ct = default)
    {
        if (!await IsManagedAsync(manager, accountId, ct)) return null;
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
        if (userId is null || !await IsManagedAsync(manager, accountId, ct)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId && a.CustomerManagerId == userId, ct)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ManagerMessages.Where(m => m.AccountId == accountId && m.FromCustomer && m.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAtUtc, now), ct);
    }

    public async Task<MessageOutcome> ReplyAsync(ClaimsPrincipal manager, Guid accountId, string? body, EndpointKind endpoint = EndpointKind.Public, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(manager);
        if (userId is null || !await IsManagedAsync(manager, accountId, ct)) return MessageOutcome.NotFound;
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

    /// <summary>
    /// Managers: their assigned accounts (the rule <see cref="AccountAccessService"/> applies to a manager, without the
    /// accounts bound to them as a customer). Admins (who pass the Manager policy): every account that has a manager.
    /// </summary>
    private async Task<bool> IsManagedAsync(ClaimsPrincipal user, Guid accountId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ManagedAccounts(db, user).AnyAsync(a => a.Id == accountId, ct);
    }

    private static IQueryable<Domain.Accounts.CustomerAccount> ManagedAccounts(AppDbContext db, ClaimsPrincipal user)
    {
        var accounts = db.Accounts.AsNoTracking();
        if (user.IsInRole(Roles.Admin)) return accounts.Where(a => a.CustomerManagerId != null);
        var userId = AccountAccessService.UserId(user);
        if (!user.IsInRole(Roles.CustomerManager) || userId is null) return accounts.Where(a => false);
        return accounts.Where(a => a.CustomerManagerId == userId);
    }
}
