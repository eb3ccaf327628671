using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Credit;
using Portal.Domain.Service;
using Portal.Domain.Usage;
using Portal.Features.Accounts;
using Portal.Features.Services;
using Portal.Features.Tariffs;
using Portal.Features.Usage;
using Portal.Tests.Features.Credit;

namespace Portal.Tests.Features.Services;

/// <summary>The service menu, its requests and the staff queue through the real services on the seeded app (SQLite).</summary>
[Collection(PortalCollection.Name)]
public class ServiceMenuServiceTests(PortalHost host) : IClassFixture<PortalHost>
{
    private T Get<T>() where T : notnull => host.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
    private ServiceMenuService Menu => Get<ServiceMenuService>();
    private ServiceRequestService Requests => Get<ServiceRequestService>();

    private async Task<(ClaimsPrincipal User, Guid Account)> HouseholdAsync() =>
        (await host.UserAsync("household@demo.local", Roles.Customer), (await host.BoundAccountsAsync("household@demo.local")).Single());

    /// <summary>Stores what the nightly jobs would have stored for the account: its package, segment and best-package saving.</summary>
    private async Task StoreProfileAsync(Guid account, string package, LoadArchetype? segment, decimal? saving, string? best)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var a = await db.Accounts.SingleAsync(x => x.Id == account);
        a.ChangeTariffPackage(package);
        var p = await db.UsagePredictions.SingleOrDefaultAsync(x => x.AccountId == account);
        if (p is null) db.UsagePredictions.Add(p = new UsagePredictionRow { AccountId = account });
        p.Archetype = segment is { } s ? (int)s : null;
        var r = await db.TariffRecommendations.SingleOrDefaultAsync(x => x.AccountId == account);
        if (r is null) db.TariffRecommendations.Add(r = new TariffRecommendationRow { AccountId = account, CurrentPackageCode = package });
        r.BestSaving = saving;
        r.BestPackageCode = best;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_menu_follows_the_stored_saving_and_segment_of_the_account()
    {
        var (user, account) = await HouseholdAsync();
        await StoreProfileAsync(account, "XJ-RES-TIER", LoadArchetype.WinterHeater, 312m, "XJ-RES-TIER-TOU");

        var menu = await Menu.MenuAsync(user, account);

        Assert.NotNull(menu);
        var switchItem = menu.Items.Single(i => i.Code == ServiceCodes.TouSwitch);
        Assert.Equal(("ServiceMenu.Reason.Saving", 312m), (switchItem.Reason.Key, switchItem.Reason.Amount));
        Assert.False(string.IsNullOrEmpty(switchItem.ReasonPackageName));
        Assert.Contains(menu.Items, i => i.Code == ServiceCodes.HeatingSeasonCheck);
        Assert.DoesNotContain(menu.Items, i => i.Code == ServiceCodes.DemandReview);
        Assert.True(menu.Items.ToList().FindIndex(i => i.Code == ServiceCodes.TouSwitch) < menu.Items.ToList().FindIndex(i => i.Code == ServiceCodes.EStatements));

        // The other side of both rules: a TOU package takes the switch away, another segment the heating check.
        await StoreProfileAsync(account, "XJ-RES-TIER-TOU", LoadArchetype.NightOwl, 0m, "XJ-RES-TIER-TOU");
        var after = await Menu.MenuAsync(user, account);
        Assert.DoesNotContain(after!.Items, i => i.Code == ServiceCodes.TouSwitch);
        Assert.DoesNotContain(after.Items, i => i.Code == ServiceCodes.HeatingSeasonCheck);
    }

    [Fact]
    public async Task A_request_from_the_menu_goes_to_the_catalogue_team_and_a_second_open_one_is_refused()
    {
        var (user, account) = await HouseholdAsync();

        var first = await Menu.RequestAsync(user, account, ServiceCodes.EnergyAudit, "  evenings please ");
        var second = await Menu.RequestAsync(user, account, ServiceCodes.EnergyAudit, null);

        Assert.Equal(ServiceRequestOutcomeKind.Created, first.Kind);
        Assert.Equal((ServiceRequestOutcomeKind.AlreadyOpen, first.RequestId), (second.Kind, second.RequestId));
        await using var db = await host.Db.CreateDbContextAsync();
        var stored = await db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == first.RequestId);
        Assert.Equal((ServiceTeam.EnergyEfficiency, ServiceRequestOrigin.ServiceMenu, "evenings please", (string?)null),
            (stored.Team, stored.Origin, stored.Note, stored.AssignedUserId));
        var menu = await Menu.MenuAsync(user, account);
        var audit = menu!.Items.Single(i => i.Code == ServiceCodes.EnergyAudit);
        Assert.Equal(first.RequestId, audit.OpenRequest?.Id);
        Assert.Contains(menu.Requests, r => r.Id == first.RequestId && r.Status == ServiceRequestStatus.Open);
    }

    [Fact]
    public async Task A_menu_request_for_the_customer_manager_is_assigned_to_the_accounts_own_manager()
    {
        var business = await host.UserAsync("business@demo.local", Roles.Customer);
        var bound = await host.BoundAccountsAsync("business@demo.local");
        await using var db = await host.Db.CreateDbContextAsync();
        var managed = await db.Accounts.AsNoTracking().Where(a => bound.Contains(a.Id) && a.CustomerManagerId != null)
            .Select(a => new { a.Id, a.CustomerManagerId }).FirstAsync();
        await StoreProfileAsync(managed.Id, "XJ-BIZ-SINGLE", LoadArchetype.DaytimeBusiness, 5000m, "XJ-BIZ-TOU");

        var outcome = await Menu.RequestAsync(business, managed.Id, ServiceCodes.TouSwitch, null);

        Assert.Equal(ServiceRequestOutcomeKind.Created, outcome.Kind);
        var stored = await db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == outcome.RequestId);
        Assert.Equal((ServiceTeam.CustomerManager, managed.CustomerManagerId), (stored.Team, stored.AssignedUserId));
    }

    [Fact]
    public async Task A_service_the_accounts_menu_does_not_offer_cannot_be_requested_and_nothing_is_written()
    {
        var (user, account) = await HouseholdAsync();

        var outcome = await Menu.RequestAsync(user, account, ServiceCodes.DemandReview, null);

        Assert.Equal((ServiceRequestOutcomeKind.Invalid, "ServiceRequest.UnknownService"), (outcome.Kind, outcome.ErrorKey));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.ServiceRequests.AnyAsync(r => r.AccountId == account && r.ServiceCode == ServiceCodes.DemandReview));
    }

    [Fact]
    public async Task Another_customers_account_has_no_menu_no_requests_and_no_impressions()
    {
        var neighbour = await host.UserAsync("neighbour@demo.local", Roles.Customer);
        var (_, household) = await HouseholdAsync();

        Assert.Null(await Menu.MenuAsync(neighbour, household));
        var outcome = await Menu.RequestAsync(neighbour, household, ServiceCodes.HeatingSeasonCheck, null);
        await Menu.RecordImpressionsAsync(neighbour, household, [ServiceCodes.HeatingSeasonCheck]);

        Assert.Equal(ServiceRequestOutcomeKind.Forbidden, outcome.Kind);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.ServiceRequests.AnyAsync(r => r.AccountId == household && r.ServiceCode == ServiceCodes.HeatingSeasonCheck));
        Assert.False(await db.Set<ServiceMenuImpressionRow>().AnyAsync(r => r.AccountId == household && r.ItemCode == ServiceCodes.HeatingSeasonCheck));
    }

    [Fact]
    public async Task Impressions_are_one_row_per_account_item_and_day_however_often_the_menu_is_shown()
    {
        var (user, account) = await HouseholdAsync();

        await Menu.RecordImpressionsAsync(user, account, [ServiceCodes.AutoPay, ServiceCodes.EStatements]);
        await Menu.RecordImpressionsAsync(user, account, [ServiceCodes.AutoPay]);

        await using var db = await host.Db.CreateDbContextAsync();
        var rows = await db.Set<ServiceMenuImpressionRow>().AsNoTracking()
            .Where(r => r.AccountId == account && (r.ItemCode == ServiceCodes.AutoPay || r.ItemCode == ServiceCodes.EStatements)).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows.Single(r => r.ItemCode == ServiceCodes.AutoPay).Count);
        Assert.Equal(1, rows.Single(r => r.ItemCode == ServiceCodes.EStatements).Count);
        Assert.Single(rows.Select(r => r.Day).Distinct());
    }

    [Fact]
    public async Task Staff_complete_a_request_the_customer_is_told_sees_the_result_and_an_enrolment_leaves_the_menu()
    {
        var (user, account) = await HouseholdAsync();
        var handler = await host.UserAsync("handler@demo.local", Roles.ComplaintHandler);
        var request = await Menu.RequestAsync(user, account, ServiceCodes.AutoPay, null);

        var (queue, _) = await Requests.QueueAsync(handler, ServiceTeam.Billing, ServiceRequestStatus.Open);
        var row = Assert.Single(queue, r => r.Id == request.RequestId);
        Assert.Contains("*", row.MaskedHolder);
        var empty = await Requests.CompleteAsync(handler, request.RequestId!.Value, "  ");
        var done = await Requests.CompleteAsync(handler, request.RequestId!.Value, "Auto-pay set up from your bank card ending 1234.");
        var again = await Requests.DeclineAsync(handler, request.RequestId!.Value, "too late");

        Assert.Equal((CloseOutcome.Invalid, "ServiceRequest.ResolutionRequired"), (empty.Outcome, empty.ErrorKey));
        Assert.Equal(CloseOutcome.Closed, done.Outcome);
        Assert.Equal(CloseOutcome.AlreadyClosed, again.Outcome);
        var menu = await Menu.MenuAsync(user, account);
        Assert.DoesNotContain(menu!.Items, i => i.Code == ServiceCodes.AutoPay);
        var shown = Assert.Single(menu.Requests, r => r.Id == request.RequestId);
        Assert.Equal((ServiceRequestStatus.Done, "Auto-pay set up from your bank card ending 1234."), (shown.Status, shown.Resolution));
        await using var db = await host.Db.CreateDbContextAsync();
        var userId = AccountAccessService.UserId(user);
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == userId && n.Kind == "ServiceRequestDone"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Service.Completed" && a.Target == $"{account}/{request.RequestId}"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == ServiceRequestService.QueueViewedAction));
    }

    [Fact]
    public async Task A_declined_request_shows_its_reason_to_the_customer_and_may_be_asked_for_again()
    {
        var (user, account) = await HouseholdAsync();
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        var request = await Menu.RequestAsync(user, account, ServiceCodes.SafetyInspection, null);

        var noReason = await Requests.DeclineAsync(admin, request.RequestId!.Value, null);
        var declined = await Requests.DeclineAsync(admin, request.RequestId!.Value, "Our inspectors are booked until March; please ask again then.");

        Assert.Equal((CloseOutcome.Invalid, "ServiceRequest.ReasonRequired"), (noReason.Outcome, noReason.ErrorKey));
        Assert.Equal(CloseOutcome.Closed, declined.Outcome);
        var menu = await Menu.MenuAsync(user, account);
        Assert.Null(menu!.Items.Single(i => i.Code == ServiceCodes.SafetyInspection).OpenRequest);
        Assert.Contains(menu.Requests, r => r.Id == request.RequestId && r.Status == ServiceRequestStatus.Declined && r.Resolution!.StartsWith("Our inspectors"));
        await using var db = await host.Db.CreateDbContextAsync();
        var userId = AccountAccessService.UserId(user);
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == userId && n.Kind == "ServiceRequestDeclined"));
        Assert.Equal(ServiceRequestOutcomeKind.Created, (await Menu.RequestAsync(user, account, ServiceCodes.SafetyInspection, null)).Kind);
    }

    [Fact]
    public async Task A_customer_manager_sees_and_closes_only_requests_on_the_accounts_they_manage()
    {
        var manager = await host.UserAsync("manager@demo.local", Roles.CustomerManager);
        var managerId = AccountAccessService.UserId(manager);
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        await using var db = await host.Db.CreateDbContextAsync();
        var mine = await db.Accounts.AsNoTracking().Where(a => a.CustomerManagerId == managerId).Select(a => a.Id).FirstAsync();
        var other = await db.Accounts.AsNoTracking().Where(a => a.CustomerManagerId != managerId).Select(a => a.Id).FirstAsync();
        var onMine = await Requests.RequestAsync(admin, mine, ServiceCodes.EStatements, ServiceTeam.Billing, ServiceRequestOrigin.Staff, null, null);
        var onOther = await Requests.RequestAsync(admin, other, ServiceCodes.EStatements, ServiceTeam.Billing, ServiceRequestOrigin.Staff, null, null);

        var (queue, _) = await Requests.QueueAsync(manager, null, null);
        var (all, _) = await Requests.QueueAsync(admin, null, null);

        Assert.Contains(queue, r => r.Id == onMine.RequestId);
        Assert.DoesNotContain(queue, r => r.Id == onOther.RequestId);
        Assert.Contains(all, r => r.Id == onOther.RequestId);
        Assert.Equal(CloseOutcome.NotFound, (await Requests.CompleteAsync(manager, onOther.RequestId!.Value, "done")).Outcome);
        Assert.Equal(CloseOutcome.Closed, (await Requests.CompleteAsync(manager, onMine.RequestId!.Value, "done")).Outcome);
    }

    [Fact]
    public async Task Publishing_stores_a_new_version_keeps_the_old_one_and_changes_the_menu()
    {
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        var catalogs = Get<ServiceCatalogAdminService>();
        var (user, account) = await HouseholdAsync();
        var current = await catalogs.CurrentAsync();
        var edited = new ServiceCatalog(current.Catalog.Items.Select(i => i.Code == ServiceCodes.EStatements ? i with { Active = false } : i).ToList());

        var invalid = await catalogs.PublishAsync(admin, current.Version,
            new ServiceCatalog(current.Catalog.Items.Select(i => i with { Title = i.Title with { EnUs = "" } }).ToList()));
        var published = await catalogs.PublishAsync(admin, current.Version, edited);
        var stale = await catalogs.PublishAsync(admin, current.Version, edited);

        Assert.Equal(CatalogPublishOutcome.Invalid, invalid.Outcome);
        Assert.Contains(invalid.Problems, p => p.Code == "ServiceMenu.Problem.TitleRequired");
        Assert.Equal((CatalogPublishOutcome.Published, current.Version + 1), (published.Outcome, published.Version));
        Assert.Equal(CatalogPublishOutcome.Conflict, stale.Outcome);
        var versions = await catalogs.VersionsAsync();
        Assert.Equal([current.Version + 1, current.Version], versions.Take(2).Select(v => v.Version));
        Assert.DoesNotContain((await Menu.MenuAsync(user, account))!.Items, i => i.Code == ServiceCodes.EStatements);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "ServiceMenu.Published" && a.Target == $"v{current.Version + 1}"));

        // Put the default back for the other tests of this class.
        Assert.Equal(CatalogPublishOutcome.Published, (await catalogs.PublishAsync(admin, current.Version + 1, current.Catalog)).Outcome);
    }

    [Fact]
    public async Task The_migration_seeds_the_default_catalogue_as_version_one()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var first = await db.Set<ServiceCatalogVersionRow>().AsNoTracking().SingleAsync(v => v.Version == 1);
        Assert.Equal(ServiceCatalogSeed.Default().ToJson(), first.Document);
        Assert.Equal(CreditTier.A, first.ToCatalog().Find(ServiceCodes.PriorityConnection)!.Eligibility.Tiers.Single());
    }
}
