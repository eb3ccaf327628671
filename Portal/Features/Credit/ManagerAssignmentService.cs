using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Credit;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Credit;

/// <summary>Binds <see cref="ManagerAssignmentRule"/> (configuration section "Credit:ManagerRule").</summary>
public sealed class CreditOptions
{
    public const string Section = "Credit";
    public ManagerAssignmentRule ManagerRule { get; set; } = new();

    /// <summary>Largest photo a customer may upload as proof of a fix.</summary>
    public long MaxPhotoBytes { get; set; } = 5 * 1024 * 1024;
}

public sealed record ManagerOption(string Id, string Name);

/// <summary>
/// Dedicated customer managers: accounts that meet the rule (≥ 315 kVA business, or a tier whose privileges in the
/// published policy include a dedicated manager) get the least-loaded
/// manager; a manual override by an admin wins and is never undone by the rule.
/// </summary>
public sealed class ManagerAssignmentService(IDbContextFactory<AppDbContext> dbFactory, IOptions<CreditOptions> options, AuditService audit,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<ManagerOption>> ManagersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roleId = await db.Roles.Where(r => r.Name == Roles.CustomerManager).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
            .OrderBy(u => u.DisplayName)
            .Select(u => new ManagerOption(u.Id, u.DisplayName))
            .ToListAsync(ct);
    }

    /// <summary>Assigns a manager to every account in <paramref name="accountIds"/> that needs one and has none. Returns how many were assigned.</summary>
    public async Task<int> AssignByRuleAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken ct = default)
    {
        var rule = options.Value.ManagerRule;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.Accounts.Where(a => accountIds.Contains(a.Id) && a.CustomerManagerId == null).ToListAsync(ct);
        if (candidates.Count == 0) return 0;
        var grid = await AccountPrivileges.ForAccountsAsync(db, candidates.Select(a => a.Id).ToList(), Demo.DemoSeeder.Today(clock), ct);
        var managers = await ManagersAsync(ct);
        if (managers.Count == 0) return 0;
        var ids = managers.Select(m => m.Id).ToList();
        var loads = (await db.Accounts.AsNoTracking().Where(a => a.CustomerManagerId != null && ids.Contains(a.CustomerManagerId))
                .GroupBy(a => a.CustomerManagerId!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => x.Count);
        var assigned = 0;
        foreach (var account in candidates)
        {
            if (!rule.Needs(account.Profile, grid[account.Id]).Needed) continue;
            var choice = ManagerAssignmentRule.Choose(ids.Select(id => new ManagerLoad(id, loads.GetValueOrDefault(id))));
            if (choice.ManagerId is null) break;
            account.AssignManager(choice.ManagerId, manual: false);
            loads[choice.ManagerId] = loads.GetValueOrDefault(choice.ManagerId) + 1;
            assigned++;
        }
        await db.SaveChangesAsync(ct);
        return assigned;
    }

    /// <summary>Admin override: names a manager (or removes one with null). Returns false when the account or manager does not exist.</summary>
    public async Task<bool> OverrideAsync(System.Security.Claims.ClaimsPrincipal admin, Guid accountId, string? managerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null) return false;
        if (managerId is not null && (await ManagersAsync(ct)).All(m => m.Id != managerId)) return false;
        var before = account.CustomerManagerId;
        account.AssignManager(managerId, manual: true);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent("Credit.ManagerOverride", account.AccountNumber, Detail: $"{before ?? "-"} → {managerId ?? "-"}",
            UserId: Accounts.AccountAccessService.UserId(admin), UserName: admin.Identity?.Name), ct);
        return true;
    }
}
