using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Accounts;

public sealed record SharedAccess(long BindingId, string DisplayName, string MaskedEmail, DateTime BoundAtUtc);

public sealed record PendingJoin(long RequestId, string DisplayName, string MaskedEmail, DateTime CreatedAtUtc);

/// <summary>An account this user holds: who else sees it and who is asking to.</summary>
public sealed record HeldAccount(Guid AccountId, string AccountNumber, IReadOnlyList<SharedAccess> Others, IReadOnlyList<PendingJoin> Requests);

public enum SharingOutcome
{
    Done,
    /// <summary>Not this user's to decide (not the holder, unknown id, or already decided): one answer for all.</summary>
    NotFound,
    Expired,
}

/// <summary>
/// The holder's side of account sharing. The holder of an account is the login bound to it first (the one that proved
/// the account while nobody else had it); only the holder approves or denies join requests and removes other logins.
/// A removed login loses access on its next request: every customer query checks the bindings (AccountAccessService).
/// </summary>
public sealed class AccountSharingService(IDbContextFactory<AppDbContext> dbFactory, AuditService audit, TimeProvider clock, AccountNotifier notifier)
{
    public const string RequestedAction = "AccountJoinRequested";
    public const string ApprovedAction = "AccountJoinApproved";
    public const string DeniedAction = "AccountJoinDenied";
    public const string RevokedAction = "AccountAccessRevoked";

    public static Task<string?> HolderIdAsync(AppDbContext db, Guid accountId, CancellationToken ct) =>
        db.AccountBindings.Where(b => b.AccountId == accountId).OrderBy(b => b.Id).Select(b => b.UserId).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<HeldAccount>> HeldAccountsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        if (userId is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var held = await HeldQuery(db, userId).Join(db.Accounts, id => id, a => a.Id, (id, a) => new { a.Id, a.AccountNumber })
            .OrderBy(a => a.AccountNumber).ToListAsync(ct);
        var ids = held.Select(a => a.Id).ToList();
        var others = await db.AccountBindings.AsNoTracking().Where(b => ids.Contains(b.AccountId) && b.UserId != userId)
            .Join(db.Users, b => b.UserId, u => u.Id, (b, u) => new { b.Id, b.AccountId, u.DisplayName, u.Email, b.BoundAtUtc }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var requests = await db.AccountJoinRequests.AsNoTracking().Where(r => ids.Contains(r.AccountId) && r.State == JoinRequestState.Pending && r.ExpiresAtUtc > now)
            .Join(db.Users, r => r.RequesterUserId, u => u.Id, (r, u) => new { r.Id, r.AccountId, u.DisplayName, u.Email, r.CreatedAtUtc }).ToListAsync(ct);
        return held.Select(a => new HeldAccount(a.Id, a.AccountNumber,
                others.Where(o => o.AccountId == a.Id).OrderBy(o => o.Id).Select(o => new SharedAccess(o.Id, o.DisplayName, Masking.Email(o.Email), o.BoundAtUtc)).ToList(),
                requests.Where(r => r.AccountId == a.Id).OrderBy(r => r.Id).Select(r => new PendingJoin(r.Id, r.DisplayName, Masking.Email(r.Email), r.CreatedAtUtc)).ToList()))
            .ToList();
    }

    public Task<SharingOutcome> ApproveAsync(ClaimsPrincipal holder, long requestId, CancellationToken ct = default) => DecideAsync(holder, requestId, approve: true, ct);

    public Task<SharingOutcome> DenyAsync(ClaimsPrincipal holder, long requestId, CancellationToken ct = default) => DecideAsync(holder, requestId, approve: false, ct);

    private async Task<SharingOutcome> DecideAsync(ClaimsPrincipal holder, long requestId, bool approve, CancellationToken ct)
    {
        var userId = AccountAccessService.UserId(holder);
        if (userId is null) return SharingOutcome.NotFound;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.AccountJoinRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.State == JoinRequestState.Pending, ct);
        if (request is null || await HolderIdAsync(db, request.AccountId, ct) != userId) return SharingOutcome.NotFound;
        var number = await db.Accounts.Where(a => a.Id == request.AccountId).Select(a => a.AccountNumber).SingleAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (request.ExpiresAtUtc <= now)
        {
            await audit.RecordAsync(new AuditEvent(approve ? ApprovedAction : DeniedAction, $"account:{number}", "Refused", $"request={requestId} expired", UserId: userId), ct);
            return SharingOutcome.Expired;
        }

        request.State = approve ? JoinRequestState.Approved : JoinRequestState.Denied;
        request.DecidedAtUtc = now;
        request.DecidedByUserId = userId;
        if (approve && !await db.AccountBindings.AnyAsync(b => b.AccountId == request.AccountId && b.UserId == request.RequesterUserId, ct))
            db.AccountBindings.Add(new AccountBinding(request.RequesterUserId, request.AccountId, now));
        await db.SaveChangesAsync(ct);   // the decision and the binding together, or neither
        await audit.RecordAsync(new AuditEvent(approve ? ApprovedAction : DeniedAction, $"account:{number}",
            Detail: $"request={requestId} requester={request.RequesterUserId}", UserId: userId), ct);
        await notifier.DecidedAsync(request.RequesterUserId, number, approve, ct);
        return SharingOutcome.Done;
    }

    /// <summary>Removes another login's binding from an account this user holds. The holder cannot remove themselves here.</summary>
    public async Task<SharingOutcome> RevokeAsync(ClaimsPrincipal holder, long bindingId, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(holder);
        if (userId is null) return SharingOutcome.NotFound;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var binding = await db.AccountBindings.FirstOrDefaultAsync(b => b.Id == bindingId && b.UserId != userId, ct);
        if (binding is null || await HolderIdAsync(db, binding.AccountId, ct) != userId) return SharingOutcome.NotFound;
        var number = await db.Accounts.Where(a => a.Id == binding.AccountId).Select(a => a.AccountNumber).SingleAsync(ct);
        db.AccountBindings.Remove(binding);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent(RevokedAction, $"account:{number}", Detail: $"removed={binding.UserId}", UserId: userId), ct);
        await notifier.RevokedAsync(binding.UserId, number, ct);
        return SharingOutcome.Done;
    }

    // Accounts whose first binding is this user's.
    private static IQueryable<Guid> HeldQuery(AppDbContext db, string userId) =>
        db.AccountBindings.Where(b => b.UserId == userId
            && !db.AccountBindings.Any(o => o.AccountId == b.AccountId && o.Id < b.Id)).Select(b => b.AccountId);
}
