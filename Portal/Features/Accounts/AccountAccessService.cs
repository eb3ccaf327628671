using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Accounts;

/// <summary>
/// The one place that decides which accounts a user may see. Every customer-data query starts from
/// <see cref="AccessibleAccountIdsAsync"/> or <see cref="CanAccessAsync"/>, so no page can forget the check.
/// Customers see the accounts bound to them; customer managers their assigned accounts; handlers and admins all
/// (they work on the internal endpoint only).
/// </summary>
public sealed class AccountAccessService(IDbContextFactory<AppDbContext> dbFactory)
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static bool SeesAllAccounts(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.ComplaintHandler);

    public async Task<IReadOnlyList<Guid>> AccessibleAccountIdsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = UserId(user);
        if (userId is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (SeesAllAccounts(user))
            return await db.Accounts.AsNoTracking().Select(a => a.Id).ToListAsync(ct);
        var bound = db.AccountBindings.Where(b => b.UserId == userId).Select(b => b.AccountId);
        if (user.IsInRole(Roles.CustomerManager))
            bound = bound.Union(db.Accounts.Where(a => a.CustomerManagerId == userId).Select(a => a.Id));
        return await bound.ToListAsync(ct);
    }

    public async Task<bool> CanAccessAsync(ClaimsPrincipal user, Guid accountId, CancellationToken ct = default)
    {
        var userId = UserId(user);
        if (userId is null) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (SeesAllAccounts(user)) return await db.Accounts.AnyAsync(a => a.Id == accountId, ct);
        if (await db.AccountBindings.AnyAsync(b => b.UserId == userId && b.AccountId == accountId, ct)) return true;
        return user.IsInRole(Roles.CustomerManager) && await db.Accounts.AnyAsync(a => a.Id == accountId && a.CustomerManagerId == userId, ct);
    }

    /// <summary>Customer-facing access: only the accounts bound to this login (staff roles do not widen it).</summary>
    public async Task<IReadOnlyList<Guid>> OwnAccountIdsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = UserId(user);
        if (userId is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AccountBindings.AsNoTracking().Where(b => b.UserId == userId).Select(b => b.AccountId).ToListAsync(ct);
    }
}
