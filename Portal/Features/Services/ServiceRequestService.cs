using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Service;
using Portal.Features.Accounts;
using Portal.Features.Notifications;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Services;

public enum ServiceRequestOutcomeKind { Created, AlreadyOpen, Forbidden, Invalid }

/// <summary>The result of asking for a service: the request's id when created or already open; an error key when invalid.</summary>
public sealed record ServiceRequestOutcome(ServiceRequestOutcomeKind Kind, Guid? RequestId = null, string? ErrorKey = null)
{
    public bool Succeeded => Kind == ServiceRequestOutcomeKind.Created;
}

/// <summary>A request in the staff queue: the holder's name masked, the note and resolution in full (they are the work).</summary>
public sealed record QueueRow(Guid Id, string AccountNumber, string MaskedHolder, string ServiceCode, ServiceTeam Team, ServiceRequestOrigin Origin,
    DateTime RequestedAtUtc, string? Note, ServiceRequestStatus Status, string? AssignedTo, DateTime? ClosedAtUtc, string? Resolution);

public enum CloseOutcome { Closed, NotFound, AlreadyClosed, Invalid, Conflict }

public sealed record CloseResult(CloseOutcome Outcome, string? ErrorKey = null);

public sealed record ServiceRequestRow(Guid Id, Guid AccountId, string ServiceCode, ServiceTeam Team, ServiceRequestOrigin Origin,
    Guid? CampaignId, DateTime RequestedAtUtc, string? Note, ServiceRequestStatus Status, DateTime? ClosedAtUtc, string? Resolution);

/// <summary>
/// Service requests (服务申请) from the service menu, campaign offers or staff: one open request per account and
/// service; a request for the customer manager goes to the account's assigned manager.
/// </summary>
public sealed class ServiceRequestService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access,
    NotificationService notifications, AuditService audit, TimeProvider clock)
{
    public const string RequestedAction = "Service.Requested";

    public async Task<ServiceRequestOutcome> RequestAsync(ClaimsPrincipal user, Guid accountId, string serviceCode, ServiceTeam team,
        ServiceRequestOrigin origin, Guid? campaignId, string? note, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        if (userId is null || !await access.CanAccessAsync(user, accountId, ct))
        {
            await audit.RecordAsync(new AuditEvent(RequestedAction, $"{accountId}/{serviceCode}", "Denied", UserId: userId, UserName: user.Identity?.Name), ct);
            return new(ServiceRequestOutcomeKind.Forbidden, ErrorKey: "Common.NotFound");
        }

        ServiceRequest request;
        try
        {
            request = new ServiceRequest(Guid.NewGuid(), accountId, serviceCode, team, origin, campaignId, userId,
                clock.GetUtcNow().UtcDateTime, note);
        }
        catch (DomainException ex)
        {
            return new(ServiceRequestOutcomeKind.Invalid, ErrorKey: ex.Code);
        }

        // Check and insert in one serializable transaction, so a double click cannot open two requests; SQL Server and
        // PostgreSQL retry it as a whole on a transient failure (a serialization conflict included).
        await using var outer = await dbFactory.CreateDbContextAsync(ct);
        var (open, account) = await outer.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
            var existing = await db.ServiceRequests.AsNoTracking()
                .Where(r => r.AccountId == accountId && r.ServiceCode == serviceCode && r.Status == ServiceRequestStatus.Open)
                .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
            var holder = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
                .Select(a => new AccountRef(a.AccountNumber, a.CustomerManagerId)).FirstAsync(ct);
            if (existing is not null) return (existing, holder);
            if (team == ServiceTeam.CustomerManager) request.AssignTo(holder.CustomerManagerId);
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return ((Guid?)null, holder);
        });
        if (open is not null) return new(ServiceRequestOutcomeKind.AlreadyOpen, open, "ServiceRequest.AlreadyOpen");

        await audit.RecordAsync(new AuditEvent(RequestedAction, $"{accountId}/{request.Id}",
            Detail: $"{serviceCode} · {team} · {origin}{(campaignId is null ? "" : $" · campaign {campaignId}")}",
            UserId: userId, UserName: user.Identity?.Name), ct);
        await notifications.NotifyAsync(userId, "ServiceRequested", account.AccountNumber, "/", ct: ct);
        if (request.AssignedUserId is { } manager)
            await notifications.NotifyAsync(manager, "ServiceRequestAssigned", account.AccountNumber, "/backoffice/service-requests", ct: ct);
        return new(ServiceRequestOutcomeKind.Created, request.Id);
    }

    public const string QueueViewedAction = "Service.QueueViewed";
    public const int QueuePageSize = 50;

    /// <summary>
    /// The staff queue, open requests first, oldest first: handlers and admins see every request; a customer manager sees the requests
    /// assigned to them and every request on the accounts they manage. Each view is audited (it lists customers).
    /// </summary>
    public async Task<(IReadOnlyList<QueueRow> Rows, int Total)> QueueAsync(ClaimsPrincipal staff, ServiceTeam? team, ServiceRequestStatus? status,
        int page = 0, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Visible(db, staff, userId);
        if (team is { } t) query = query.Where(r => r.Team == t);
        if (status is { } st) query = query.Where(r => r.Status == st);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(r => r.Status == ServiceRequestStatus.Open ? 0 : 1).ThenBy(r => r.RequestedAtUtc)
            .Skip(page * QueuePageSize).Take(QueuePageSize)
            .Join(db.Accounts, r => r.AccountId, a => a.Id, (r, a) => new
            {
                r.Id,
                a.AccountNumber,
                a.HolderName,
                r.ServiceCode,
                r.Team,
                r.Origin,
                r.RequestedAtUtc,
                r.Note,
                r.Status,
                r.ClosedAtUtc,
                r.Resolution,
                AssignedTo = db.Users.Where(u => u.Id == r.AssignedUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        await audit.RecordAsync(new AuditEvent(QueueViewedAction, $"{team?.ToString() ?? "all"}/{status?.ToString() ?? "all"}",
            Detail: $"page {page}, {rows.Count} of {total}", UserId: userId, UserName: staff.Identity?.Name), ct);
        return (rows.Select(r => new QueueRow(r.Id, r.AccountNumber, Masking.Name(r.HolderName), r.ServiceCode, r.Team, r.Origin, r.RequestedAtUtc,
            r.Note, r.Status, r.AssignedTo, r.ClosedAtUtc, r.Resolution)).ToList(), total);
    }

    /// <summary>Completes an open request with what was done; the customer is told.</summary>
    public Task<CloseResult> CompleteAsync(ClaimsPrincipal staff, Guid requestId, string? resolution, CancellationToken ct = default) =>
        CloseAsync(staff, requestId, "Service.Completed", (r, by, at) => r.Complete(by, at, resolution ?? ""), ct);

    /// <summary>Declines an open request with a reason the customer sees; the customer is told.</summary>
    public Task<CloseResult> DeclineAsync(ClaimsPrincipal staff, Guid requestId, string? reason, CancellationToken ct = default) =>
        CloseAsync(staff, requestId, "Service.Declined", (r, by, at) => r.Decline(by, at, reason ?? ""), ct);

    private async Task<CloseResult> CloseAsync(ClaimsPrincipal staff, Guid requestId, string action, Action<ServiceRequest, string, DateTime> close,
        CancellationToken ct)
    {
        var userId = AccountAccessService.UserId(staff);
        if (userId is null) return new(CloseOutcome.NotFound);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await Visible(db, staff, userId).AsTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            await audit.RecordAsync(new AuditEvent(action, requestId.ToString(), "Denied", UserId: userId, UserName: staff.Identity?.Name), ct);
            return new(CloseOutcome.NotFound);
        }
        if (!request.IsOpen) return new(CloseOutcome.AlreadyClosed, "ServiceRequest.AlreadyClosed");
        try
        {
            close(request, userId, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException ex)
        {
            return new(CloseOutcome.Invalid, ex.Code);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(CloseOutcome.Conflict, "ServiceRequest.AlreadyClosed");
        }
        var accountNumber = await db.Accounts.AsNoTracking().Where(a => a.Id == request.AccountId).Select(a => a.AccountNumber).FirstAsync(ct);
        await audit.RecordAsync(new AuditEvent(action, $"{request.AccountId}/{request.Id}", Detail: $"{request.ServiceCode} · {request.Team}",
            UserId: userId, UserName: staff.Identity?.Name), ct);
        var kind = request.Status == ServiceRequestStatus.Done ? "ServiceRequestDone" : "ServiceRequestDeclined";
        var customers = await db.AccountBindings.AsNoTracking().Where(b => b.AccountId == request.AccountId).Select(b => b.UserId).ToListAsync(ct);
        foreach (var customer in customers)
            await notifications.NotifyAsync(customer, kind, accountNumber, "/", ct: ct);
        return new(CloseOutcome.Closed);
    }

    private static IQueryable<ServiceRequest> Visible(AppDbContext db, ClaimsPrincipal staff, string? userId)
    {
        if (AccountAccessService.SeesAllAccounts(staff)) return db.ServiceRequests.AsNoTracking();
        if (userId is null || !staff.IsInRole(Roles.CustomerManager)) return db.ServiceRequests.AsNoTracking().Where(_ => false);
        return db.ServiceRequests.AsNoTracking().Where(r => r.AssignedUserId == userId
            || db.Accounts.Any(a => a.Id == r.AccountId && a.CustomerManagerId == userId));
    }

    private sealed record AccountRef(string AccountNumber, string? CustomerManagerId);

    /// <summary>An account's requests, newest first, for whoever may see the account.</summary>
    public async Task<IReadOnlyList<ServiceRequestRow>> ForAccountAsync(ClaimsPrincipal user, Guid accountId, CancellationToken ct = default)
    {
        if (!await access.CanAccessAsync(user, accountId, ct)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ServiceRequests.AsNoTracking().Where(r => r.AccountId == accountId)
            .OrderByDescending(r => r.RequestedAtUtc)
            .Select(r => new ServiceRequestRow(r.Id, r.AccountId, r.ServiceCode, r.Team, r.Origin, r.CampaignId, r.RequestedAtUtc, r.Note,
                r.Status, r.ClosedAtUtc, r.Resolution))
            .ToListAsync(ct);
    }
}
