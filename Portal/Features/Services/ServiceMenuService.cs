using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Service;
using Portal.Features.Accounts;
using Portal.Features.Complaints;
using Portal.Features.Tariffs;

namespace Portal.Features.Services;

/// <summary>One line of the customer's menu, in the reader's language; <see cref="OpenRequest"/> replaces the button.</summary>
public sealed record MenuItemView(string Code, string Title, string Description, ServiceTeam Team, int Score, MenuReason Reason,
    string? ReasonPackageName, MenuRequestView? OpenRequest);

/// <summary>A request of the account; <see cref="Title"/> is null when the service has left the catalogue (the UI names it by code).</summary>
public sealed record MenuRequestView(Guid Id, string ServiceCode, string? Title, DateTime RequestedAtUtc, ServiceRequestStatus Status,
    DateTime? ClosedAtUtc, string? Resolution);

public sealed record ServiceMenuView(Guid AccountId, int CatalogVersion, IReadOnlyList<MenuItemView> Items, IReadOnlyList<MenuRequestView> Requests);

/// <summary>
/// The customer's personalised service menu for one of their own accounts: the catalogue in force, filtered and
/// ordered by <see cref="ServiceMenuPlanner"/> on the account's stored data, with the account's requests beside it;
/// and the impressions of what was shown (one row per account, item and China day).
/// </summary>
public sealed class ServiceMenuService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access, ServiceRequestService requests,
    TariffCatalog tariffs, TimeProvider clock)
{
    /// <summary>The panel lists the newest requests; older ones are history the staff side keeps.</summary>
    public const int MaxRequestsShown = 10;

    /// <summary>The resource key of a built-in service's name (for requests whose service has left the catalogue, and the staff queue).</summary>
    public static string NameKey(string serviceCode) => "Service_" + serviceCode;

    /// <summary>Null when the account is not one of the user's own (the panel shows nothing).</summary>
    public async Task<ServiceMenuView?> MenuAsync(ClaimsPrincipal user, Guid accountId, CancellationToken ct = default)
    {
        if (!(await access.OwnAccountIdsAsync(user, ct)).Contains(accountId)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var profile = await ServiceProfileBuilder.BuildAsync(db, accountId, Today, ct);
        if (profile is null) return null;
        var current = await ServiceCatalogStore.CurrentAsync(db, ct);
        var culture = CultureInfo.CurrentUICulture.Name;
        var requests = await RequestsAsync(db, accountId, current.Catalog, culture, ct);
        var offered = await Campaigns.CampaignService.OfferedServiceCodesAsync(db, accountId, clock.GetUtcNow().UtcDateTime, ct);
        var items = ServiceMenuPlanner.Plan(current.Catalog, profile, Today, offered).Select(e => new MenuItemView(
                e.Item.Code, e.Item.Title.For(culture), e.Item.Description.For(culture), e.Item.Team, e.Score, e.Reason,
                e.Reason.PackageCode is { } code && tariffs.TryGet(code, out var p) ? BillsService.Localized(p!.Name) : e.Reason.PackageCode,
                requests.FirstOrDefault(r => r.ServiceCode == e.Item.Code && r.Status == ServiceRequestStatus.Open)))
            .ToList();
        return new ServiceMenuView(accountId, current.Version, items, requests);
    }

    /// <summary>
    /// Records that the menu showed these items to the account today. The first showing of an item on a day adds its
    /// row, later ones only raise the row's count, so rows are impressions deduplicated per account and day.
    /// </summary>
    public async Task RecordImpressionsAsync(ClaimsPrincipal user, Guid accountId, IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        if (codes.Count == 0 || !(await access.OwnAccountIdsAsync(user, ct)).Contains(accountId)) return;
        var day = Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var code in codes.Distinct())
        {
            if (await BumpAsync(db, accountId, code, day, ct) > 0) continue;
            db.Set<ServiceMenuImpressionRow>().Add(new ServiceMenuImpressionRow { AccountId = accountId, ItemCode = code, Day = day, Count = 1 });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another circuit of the same account inserted the row between our update and insert.
                db.ChangeTracker.Clear();
                await BumpAsync(db, accountId, code, day, ct);
            }
        }
    }

    private static Task<int> BumpAsync(AppDbContext db, Guid accountId, string code, DateOnly day, CancellationToken ct) =>
        db.Set<ServiceMenuImpressionRow>().Where(r => r.AccountId == accountId && r.ItemCode == code && r.Day == day)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Count, r => r.Count + 1), ct);

    /// <summary>
    /// Requests a service from the menu: only an item the account's menu offers today (active, eligible, not already
    /// enrolled), routed to the team the catalogue names; the request service checks ownership and duplicates again.
    /// </summary>
    public async Task<ServiceRequestOutcome> RequestAsync(ClaimsPrincipal user, Guid accountId, string serviceCode, string? note, CancellationToken ct = default)
    {
        if (!(await access.OwnAccountIdsAsync(user, ct)).Contains(accountId))
            return new(ServiceRequestOutcomeKind.Forbidden, ErrorKey: "Common.NotFound");
        ServiceCatalogItem? item;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var profile = await ServiceProfileBuilder.BuildAsync(db, accountId, Today, ct);
            var current = await ServiceCatalogStore.CurrentAsync(db, ct);
            item = profile is null ? null : ServiceMenuPlanner.Plan(current.Catalog, profile, Today).FirstOrDefault(e => e.Item.Code == serviceCode)?.Item;
        }
        if (item is null) return new(ServiceRequestOutcomeKind.Invalid, ErrorKey: "ServiceRequest.UnknownService");
        return await requests.RequestAsync(user, accountId, item.Code, item.Team, ServiceRequestOrigin.ServiceMenu, null, note, ct);
    }

    private static async Task<List<MenuRequestView>> RequestsAsync(AppDbContext db, Guid accountId, ServiceCatalog catalog, string culture, CancellationToken ct)
    {
        var rows = await db.ServiceRequests.AsNoTracking().Where(r => r.AccountId == accountId)
            .OrderByDescending(r => r.RequestedAtUtc).Take(MaxRequestsShown)
            .Select(r => new { r.Id, r.ServiceCode, r.RequestedAtUtc, r.Status, r.ClosedAtUtc, r.Resolution })
            .ToListAsync(ct);
        return rows.Select(r => new MenuRequestView(r.Id, r.ServiceCode, catalog.Find(r.ServiceCode)?.Title.For(culture), r.RequestedAtUtc,
            r.Status, r.ClosedAtUtc, r.Resolution)).ToList();
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime + ComplaintClock.Offset);
}
