using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Users;

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, int Accounts,
    bool TwoFactor, bool Disabled, bool LockedOut, DateTime CreatedAtUtc);

public enum UserChangeOutcome { Done, NotFound, CannotChangeSelf }

/// <summary>Admin user management. Disabling ends the user's circuits at the next revalidation (≤ 1 minute).</summary>
public sealed class UsersService(IDbContextFactory<AppDbContext> dbFactory, IServiceScopeFactory scopes, AuditService audit, TimeProvider clock)
{
    public async Task<(IReadOnlyList<UserRow> Rows, int Total)> SearchAsync(string? text, string? role, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text)) q = q.Where(u => u.Email!.Contains(text) || u.DisplayName.Contains(text));
        if (!string.IsNullOrWhiteSpace(role))
            q = q.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        var total = await q.CountAsync(ct);
        var now = clock.GetUtcNow();
        var users = await q.OrderBy(u => u.Email).Skip(page * pageSize).Take(pageSize)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.TwoFactorEnabled,
                u.IsDisabled,
                u.LockoutEnd,
                u.CreatedAtUtc,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                Accounts = db.AccountBindings.Count(b => b.UserId == u.Id),
            }).ToListAsync(ct);
        return (users.Select(u => new UserRow(u.Id, Masking.Email(u.Email), u.DisplayName, u.Roles, u.Accounts, u.TwoFactorEnabled,
            u.IsDisabled, u.LockoutEnd > now, u.CreatedAtUtc)).ToList(), total);
    }

    public async Task<UserChangeOutcome> SetDisabledAsync(string actingUserId, string userId, bool disabled, CancellationToken ct = default)
    {
        if (actingUserId == userId) return UserChangeOutcome.CannotChangeSelf;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return UserChangeOutcome.NotFound;
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null);
        // A new stamp invalidates every cookie and circuit of this user at their next revalidation.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new AuditEvent(disabled ? "UserDisabled" : "UserEnabled", $"user:{user.Email}", UserId: actingUserId), ct);
        return UserChangeOutcome.Done;
    }

    public async Task<UserChangeOutcome> SetRoleAsync(string actingUserId, string userId, string role, bool member, CancellationToken ct = default)
    {
        if (!Roles.All.Contains(role)) return UserChangeOutcome.NotFound;
        if (actingUserId == userId && role == Roles.Admin) return UserChangeOutcome.CannotChangeSelf;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return UserChangeOutcome.NotFound;
        var has = await users.IsInRoleAsync(user, role);
        if (has == member) return UserChangeOutcome.Done;
        if (member) await users.AddToRoleAsync(user, role);
        else await users.RemoveFromRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new AuditEvent(member ? "RoleGranted" : "RoleRevoked", $"user:{user.Email}", Detail: role, UserId: actingUserId), ct);
        return UserChangeOutcome.Done;
    }
}
