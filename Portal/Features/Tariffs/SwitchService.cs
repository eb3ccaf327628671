using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Portal.Features.Accounts;
using Portal.Features.Notifications;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Email;
using Portal.Resources;

namespace Portal.Features.Tariffs;

public sealed class TariffsOptions
{
    public const string Section = "Tariffs";
    /// <summary>An approved switch blocks the next one for this many months after it takes effect.</summary>
    public int SwitchLimitMonths { get; set; } = 12;
}

public sealed record SwitchRow(Guid Id, Guid AccountId, string AccountNumber, string FromPackageCode, string ToPackageCode,
    DateTime RequestedAtUtc, DateOnly EffectiveFrom, SwitchStatus Status, string? Reason, DateTime? AppliedAtUtc);

/// <summary>Outcome of a switch command: Ok, or the localization key of why not.</summary>
public sealed record SwitchResult(bool Ok, string? ErrorKey = null)
{
    public static readonly SwitchResult Success = new(true);
    public static SwitchResult Fail(string key) => new(false, key);
}

/// <summary>
/// Package switching: the customer applies, a handler or admin decides, the switch job applies approved switches on
/// their effective day. Every decision is audited and the requester notified in the portal and by email (in the
/// language they chose), a rejection with its reason.
/// </summary>
public sealed class SwitchService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access, TariffCatalog catalog,
    AuditService audit, NotificationService notifications, IStringLocalizer<SharedResource> l, IOptions<TariffsOptions> options, TimeProvider clock)
{
    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => DateOnly.FromDateTime(UtcNow.AddHours(8));
    public int LimitMonths => options.Value.SwitchLimitMonths;

    /// <summary>The account's requests, newest first; empty when the account is not the user's own.</summary>
    public async Task<IReadOnlyList<SwitchRow>> ForAccountAsync(ClaimsPrincipal user, Guid accountId, CancellationToken ct = default)
    {
        if (!(await access.OwnAccountIdsAsync(user, ct)).Contains(accountId)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db, db.PackageSwitchRequests.AsNoTracking().Where(r => r.AccountId == accountId)
            .OrderByDescending(r => r.RequestedAtUtc)).ToListAsync(ct);
    }

    /// <summary>Null when a switch may be applied for now, else the reason key.</summary>
    public async Task<string?> BlockerAsync(Guid accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var previous = await db.PackageSwitchRequests.AsNoTracking().Where(r => r.AccountId == accountId).ToListAsync(ct);
        return SwitchPolicy.Check(previous, Today, LimitMonths);
    }

    public async Task<SwitchResult> ApplyAsync(ClaimsPrincipal user, Guid accountId, string toPackageCode, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        if (userId is null || !(await access.OwnAccountIdsAsync(user, ct)).Contains(accountId)) return SwitchResult.Fail("Common.NotFound");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        if (!catalog.TryGet(toPackageCode, out var package)) return SwitchResult.Fail("Switch.UnknownPackage");
        if (string.Equals(account.TariffPackageCode, package!.Code, StringComparison.OrdinalIgnoreCase)) return SwitchResult.Fail("Switch.SamePackage");
        if (!package.IsEligibleFor(account.Profile)) return SwitchResult.Fail("Switch.NotEligible");
        var previous = await db.PackageSwitchRequests.Where(r => r.AccountId == accountId).ToListAsync(ct);
        if (SwitchPolicy.Check(previous, Today, LimitMonths) is { } blocker) return SwitchResult.Fail(blocker);

        var request = new PackageSwitchRequest(Guid.NewGuid(), accountId, account.TariffPackageCode, package.Code, userId, UtcNow, SwitchPolicy.EffectiveFrom(Today));
        db.PackageSwitchRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(Audit(user, "Tariff.SwitchRequested", request, $"{request.FromPackageCode} → {request.ToPackageCode}"), ct);
        return SwitchResult.Success;
    }

    public async Task<(IReadOnlyList<SwitchRow> Rows, int Total)> ListAsync(SwitchStatus? status, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.PackageSwitchRequests.AsNoTracking();
        if (status is { } s) query = query.Where(r => r.Status == s);
        var total = await query.CountAsync(ct);
        var rows = await Project(db, query.OrderBy(r => r.Status).ThenByDescending(r => r.RequestedAtUtc).Skip(page * pageSize).Take(pageSize)).ToListAsync(ct);
        return (rows, total);
    }

    /// <summary>Approves or rejects a pending request (a rejection needs a reason). An approval already due is applied at once.</summary>
    public async Task<SwitchResult> DecideAsync(ClaimsPrincipal staff, Guid requestId, bool approve, string? reason, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(staff);
        if (userId is null) return SwitchResult.Fail("Common.NotFound");
        if (!approve && string.IsNullOrWhiteSpace(reason)) return SwitchResult.Fail("Switch.ReasonRequired");
        if (reason is { Length: > 500 }) return SwitchResult.Fail("Switch.ReasonTooLong");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.PackageSwitchRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return SwitchResult.Fail("Common.NotFound");
        if (request.Status != SwitchStatus.Pending) return SwitchResult.Fail("Switch.AlreadyDecided");
        if (approve) request.Approve(userId, reason, UtcNow);
        else request.Reject(userId, reason!, UtcNow);
        if (request.IsDue(Today))
        {
            var account = await db.Accounts.FirstAsync(a => a.Id == request.AccountId, ct);
            account.ChangeTariffPackage(request.ToPackageCode);
            request.MarkApplied(UtcNow);
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return SwitchResult.Fail("Switch.AlreadyDecided"); }
        await audit.RecordAsync(Audit(staff, approve ? "Tariff.SwitchApproved" : "Tariff.SwitchRejected", request, request.Reason), ct);
        await NotifyDecisionAsync(db, request, ct);
        return SwitchResult.Success;
    }

    /// <summary>The bell shows the package and date (approved) or the reason (rejected); the email says the same in full.</summary>
    private async Task NotifyDecisionAsync(AppDbContext db, PackageSwitchRequest request, CancellationToken ct)
    {
        var approved = request.Status == SwitchStatus.Approved;
        var kind = approved ? "SwitchApproved" : "SwitchRejected";
        var arguments = approved
            ? $"{request.ToPackageCode} · {request.EffectiveFrom:yyyy-MM-dd}"
            : $"{request.ToPackageCode} · {request.Reason}";
        var number = await db.Accounts.AsNoTracking().Where(a => a.Id == request.AccountId).Select(a => a.AccountNumber).FirstAsync(ct);
        await notifications.NotifyAsync(request.RequestedByUserId, kind, arguments, $"/tariffs/{request.AccountId}",
            () => EmailText(request, number, arguments), ct);
    }

    /// <summary>The decision email in the current (the requester's) culture; the template encodes the free-text reason.</summary>
    private EmailContent EmailText(PackageSwitchRequest request, string accountNumber, string arguments)
    {
        var name = catalog.TryGet(request.ToPackageCode, out var p) ? TariffText.PackageName(p!) : request.ToPackageCode;
        var approved = request.Status == SwitchStatus.Approved;
        var subject = l[approved ? "Notify.SwitchApproved" : "Notify.SwitchRejected", arguments].Value;
        var body = approved
            ? l["Switch.EmailApproved", accountNumber, name, Components.Shared.Format.Date(request.EffectiveFrom)].Value
            : l["Switch.EmailRejected", accountNumber, name, request.Reason ?? ""].Value;
        return new EmailContent(subject, body);
    }

    /// <summary>Applies every approved switch whose effective day has come; returns how many. Idempotent.</summary>
    public async Task<int> ApplyDueAsync(CancellationToken ct = default)
    {
        var today = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.PackageSwitchRequests
            .Where(r => r.Status == SwitchStatus.Approved && r.AppliedAtUtc == null && r.EffectiveFrom <= today).ToListAsync(ct);
        foreach (var r in due)
        {
            var account = await db.Accounts.FirstAsync(a => a.Id == r.AccountId, ct);
            account.ChangeTariffPackage(r.ToPackageCode);
            r.MarkApplied(UtcNow);
        }
        await db.SaveChangesAsync(ct);
        foreach (var r in due)
            await audit.RecordAsync(new AuditEvent("Tariff.SwitchApplied", r.AccountId.ToString(), Detail: $"{r.FromPackageCode} → {r.ToPackageCode}",
                UserId: "job", UserName: nameof(TariffSwitchJob), Endpoint: "Job"), ct);
        return due.Count;
    }

    private static AuditEvent Audit(ClaimsPrincipal user, string action, PackageSwitchRequest r, string? detail) =>
        new(action, $"{r.AccountId}/{r.Id}", Detail: detail, UserId: AccountAccessService.UserId(user), UserName: user.Identity?.Name);

    private static IQueryable<SwitchRow> Project(AppDbContext db, IQueryable<PackageSwitchRequest> q) =>
        q.Select(r => new SwitchRow(r.Id, r.AccountId, db.Accounts.Where(a => a.Id == r.AccountId).Select(a => a.AccountNumber).First(),
            r.FromPackageCode, r.ToPackageCode, r.RequestedAtUtc, r.EffectiveFrom, r.Status, r.Reason, r.AppliedAtUtc));
}

/// <summary>Recurring: applies approved switches that have reached their effective day. Safe to re-run.</summary>
public sealed class TariffSwitchJob(SwitchService switches)
{
    public const string Id = "tariff-switches";

    public Task<int> RunAsync(CancellationToken ct) => switches.ApplyDueAsync(ct);
}
