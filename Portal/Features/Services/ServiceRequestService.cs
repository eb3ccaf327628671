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

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var open = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.AccountId == accountId && r.ServiceCode == serviceCode && r.Status == ServiceRequestStatus.Open)
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (open is not null) return new(ServiceRequestOutcomeKind.AlreadyOpen, open, "ServiceRequest.AlreadyOpen");

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

        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.AccountNumber, a.CustomerManagerId }).FirstAsync(ct);
        if (team == ServiceTeam.CustomerManager) request.AssignTo(account.CustomerManagerId);
        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await audit.RecordAsync(new AuditEvent(RequestedAction, $"{accountId}/{request.Id}",
            Detail: $"{serviceCode} · {team} · {origin}{(campaignId is null ? "" : $" · campaign {campaignId}")}",
            UserId: userId, UserName: user.Identity?.Name), ct);
        await notifications.NotifyAsync(userId, "ServiceRequested", account.AccountNumber, "/", ct: ct);
        if (request.AssignedUserId is { } manager)
            await notifications.NotifyAsync(manager, "ServiceRequestAssigned", account.AccountNumber, "/backoffice/service-requests", ct: ct);
        return new(ServiceRequestOutcomeKind.Created, request.Id);
    }

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
