using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Service;
using Portal.Features.Accounts;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Services;

public sealed record CatalogVersionView(int Version, DateTime PublishedAtUtc, string PublishedBy, int Items, int ActiveItems);

public sealed record CurrentCatalog(int Version, ServiceCatalog Catalog);

public enum CatalogPublishOutcome { Published, Invalid, Conflict }

public sealed record CatalogPublishResult(CatalogPublishOutcome Outcome, IReadOnlyList<CatalogProblem> Problems, int? Version = null);

/// <summary>
/// Admin side of the service menu: the catalogue in force is the newest version; a publish validates the edited
/// document and stores it as the next version (earlier versions stay), refusing an edit made on an older version than
/// the newest so two admins cannot overwrite each other. Every publish is audited.
/// </summary>
public sealed class ServiceCatalogAdminService(IDbContextFactory<AppDbContext> dbFactory, AuditService audit, TimeProvider clock)
{
    public async Task<CurrentCatalog> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ServiceCatalogStore.CurrentAsync(db, ct);
    }

    public async Task<IReadOnlyList<CatalogVersionView>> VersionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Set<ServiceCatalogVersionRow>().AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new
            {
                v.Version,
                v.PublishedAtUtc,
                v.Document,
                By = db.Users.Where(u => u.Id == v.PublishedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? v.PublishedByUserId,
            })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var c = ServiceCatalog.FromJson(r.Document);
            return new CatalogVersionView(r.Version, r.PublishedAtUtc, r.By, c.Items.Count, c.Items.Count(i => i.Active));
        }).ToList();
    }

    public async Task<CatalogPublishResult> PublishAsync(ClaimsPrincipal admin, int baseVersion, ServiceCatalog edited, CancellationToken ct = default)
    {
        var problems = edited.Validate();
        if (problems.Count > 0) return new(CatalogPublishOutcome.Invalid, problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.Set<ServiceCatalogVersionRow>().MaxAsync(v => (int?)v.Version, ct) ?? 0;
        if (latest != baseVersion) return new(CatalogPublishOutcome.Conflict, []);
        var next = latest + 1;
        db.Set<ServiceCatalogVersionRow>().Add(new ServiceCatalogVersionRow
        {
            Version = next,
            Document = edited.ToJson(),
            PublishedAtUtc = clock.GetUtcNow().UtcDateTime,
            PublishedByUserId = AccountAccessService.UserId(admin) ?? "",
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin published the same version number first (primary key).
            return new(CatalogPublishOutcome.Conflict, []);
        }
        await audit.RecordAsync(new AuditEvent("ServiceMenu.Published", $"v{next}",
            Detail: $"{edited.Items.Count} items, {edited.Items.Count(i => i.Active)} active", UserId: AccountAccessService.UserId(admin),
            UserName: admin.Identity?.Name), ct);
        return new(CatalogPublishOutcome.Published, [], next);
    }
}

/// <summary>Reads the catalogue in force; shared by the admin service and the customer menu.</summary>
public static class ServiceCatalogStore
{
    public static async Task<CurrentCatalog> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        var row = await db.Set<ServiceCatalogVersionRow>().AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        // The migration seeds version 1; a database without it (never migrated) still shows the default menu.
        return row is null ? new CurrentCatalog(0, ServiceCatalogSeed.Default()) : new CurrentCatalog(row.Version, row.ToCatalog());
    }
}
