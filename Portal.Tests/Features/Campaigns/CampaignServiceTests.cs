using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Campaigns;
using Portal.Domain.Notifications;
using Portal.Domain.Service;
using Portal.Features.Campaigns;
using Portal.Features.Notifications;
using Portal.Features.Services;
using Portal.Features.Tariffs;
using Portal.Infrastructure.Email;

namespace Portal.Tests.Features.Campaigns;

/// <summary>The real portal with 60 demo accounts; campaigns are launched through the real service on SQLite.</summary>
public sealed class CampaignHost() : PortalHost(60, 1)
{
    public T Get<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public CampaignService Campaigns => Get<CampaignService>();

    public static ClaimsPrincipal Admin => Principal("admin-test", "admin@demo.local", Roles.Admin);

    public static ClaimsPrincipal Principal(string id, string name, string role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    public async Task<(ClaimsPrincipal User, Guid AccountId)> HouseholdAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == "household@demo.local").Select(u => u.Id).FirstAsync();
        var account = await db.AccountBindings.Where(b => b.UserId == id).Select(b => b.AccountId).FirstAsync();
        return (Principal(id, "household@demo.local", Roles.Customer), account);
    }

    /// <summary>Offers reach the bell only with the customer's consent (PIPL).</summary>
    public async Task OptInToOffersInThePortalAsync(ClaimsPrincipal customer)
    {
        var preferences = Get<NotificationPreferencesService>();
        var settings = (await preferences.GetAsync(customer))!;
        var topics = settings.Topics.Select(t => t.Topic == NotificationTopic.Offers ? t with { Portal = true } : t).ToList();
        Assert.True(await preferences.SaveAsync(customer, settings with { Topics = topics }));
    }

    public async Task<ClaimsPrincipal> ManagerAsync(string email = "manager@demo.local")
    {
        await using var db = await Db.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync();
        return Principal(id, email, Roles.CustomerManager);
    }

    /// <summary>A campaign id that puts <paramref name="account"/> in the wanted group (the assignment is a pure function, so a test may pick).</summary>
    public static Guid IdPutting(Guid account, CampaignGroup group)
    {
        while (true)
        {
            var id = Guid.NewGuid();
            if (ControlAssignment.Assign(id, account, ControlAssignment.DefaultControlPercent) == group) return id;
        }
    }

    public static CampaignDraft Service(Guid id, string code = ServiceCodes.EnergyAudit, params string[] filter) =>
        new(id, "Test " + code, CampaignOfferKind.Service, code, filter);
}

[Collection(PortalCollection.Name)]
public class CampaignServiceTests(CampaignHost host) : IClassFixture<CampaignHost>
{
    [Fact]
    public async Task Launch_freezes_the_target_list_with_each_accounts_group_and_later_changes_to_customers_do_not_move_it()
    {
        var (_, household) = await host.HouseholdAsync();
        string package;
        await using (var db = await host.Db.CreateDbContextAsync())
            package = await db.Accounts.Where(a => a.Id == household).Select(a => a.TariffPackageCode).FirstAsync();
        var draft = CampaignHost.Service(Guid.NewGuid(), ServiceCodes.EStatements, $"package={package}");

        var preview = await host.Campaigns.PreviewAsync(CampaignHost.Admin, draft);
        var launched = await host.Campaigns.LaunchAsync(CampaignHost.Admin, draft);

        Assert.True(launched.Ok);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var matching = await db.Accounts.CountAsync(a => a.TariffPackageCode == package);
            var targets = await db.Set<CampaignTarget>().Where(t => t.CampaignId == draft.Id).ToListAsync();
            Assert.Equal(matching, targets.Count);
            Assert.Equal(matching, preview.Matching);
            Assert.Equal(preview.Control, targets.Count(t => t.Group == CampaignGroup.Control));
            Assert.All(targets, t => Assert.Equal(ControlAssignment.Assign(draft.Id, t.AccountId, 10), t.Group));
            // The household moves to another package after launch: it stays a target, in the same group.
            var account = await db.Accounts.FirstAsync(a => a.Id == household);
            account.ChangeTariffPackage(package == "xj-res-tiered" ? "xj-res-tiered-tou" : "xj-res-tiered");
            await db.SaveChangesAsync();
        }
        var detail = await host.Campaigns.DetailAsync(CampaignHost.Admin, draft.Id);
        Assert.Equal(preview.Matching, detail!.TargetsTotal);
        Assert.Equal(preview.Treatment, detail.Summary.Total.Treatment);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == CampaignService.LaunchAction && a.Target == $"campaign:{draft.Id}"));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == CampaignService.ViewTargetsAction && a.Target == $"campaign:{draft.Id}"));
            var account = await db.Accounts.FirstAsync(a => a.Id == household);
            account.ChangeTariffPackage(package);
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task A_campaign_from_a_rule_targets_exactly_the_accounts_with_the_rules_attributes()
    {
        var analysis = host.Get<Portal.Features.Marketing.AssociationAnalysisService>();
        var runId = await analysis.RunNowAsync(CampaignHost.Admin, new Portal.Features.Marketing.AssociationRunRequest(12, 0.02, 0.05, 2));
        var rule = (await analysis.RulesAsync(runId, includeNotSignificant: true)).First(r => r.Antecedent.Count == 2);

        var (antecedent, outcome) = (await host.Campaigns.RuleAsync(rule.Id))!.Value;
        Assert.Equal(rule.Outcome, outcome);
        var draft = CampaignHost.Service(Guid.NewGuid(), ServiceCodes.EnergyAudit, [.. antecedent]) with { SourceRuleId = rule.Id };
        Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, draft)).Ok);

        await using var db = await host.Db.CreateDbContextAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var expected = (await Portal.Features.Marketing.AssociationData.AccountsAsync(db, CancellationToken.None))
            .Where(f => antecedent.All(Portal.Domain.Marketing.MarketingVocabulary.Items(f, today).Contains)).Select(f => f.AccountId).Order().ToList();
        Assert.Equal(rule.AntecedentAccounts, expected.Count);
        Assert.Equal(expected, await db.Set<CampaignTarget>().Where(t => t.CampaignId == draft.Id).Select(t => t.AccountId).OrderBy(a => a).ToListAsync());
        Assert.Equal(rule.Id, (await db.Set<Campaign>().FirstAsync(c => c.Id == draft.Id)).SourceRuleId);
    }

    [Fact]
    public async Task A_manager_targets_only_the_accounts_they_manage_and_sees_only_their_own_campaigns()
    {
        var manager = await host.ManagerAsync();
        var managerId = AccountAccessService_UserId(manager);
        var draft = CampaignHost.Service(Guid.NewGuid(), ServiceCodes.DemandReview);
        Assert.True((await host.Campaigns.LaunchAsync(manager, draft)).Ok);
        var adminDraft = CampaignHost.Service(Guid.NewGuid(), ServiceCodes.AutoPay);
        Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, adminDraft)).Ok);

        await using var db = await host.Db.CreateDbContextAsync();
        var managed = await db.Accounts.Where(a => a.CustomerManagerId == managerId).Select(a => a.Id).OrderBy(a => a).ToListAsync();
        Assert.NotEmpty(managed);
        var targets = await db.Set<CampaignTarget>().Where(t => t.CampaignId == draft.Id).Select(t => t.AccountId).OrderBy(a => a).ToListAsync();
        Assert.Equal(managed, targets);
        Assert.Equal(await db.Accounts.CountAsync(), await db.Set<CampaignTarget>().CountAsync(t => t.CampaignId == adminDraft.Id));

        var mine = await host.Campaigns.ListAsync(manager);
        Assert.Contains(mine, c => c.Id == draft.Id);
        Assert.DoesNotContain(mine, c => c.Id == adminDraft.Id);
        Assert.Null(await host.Campaigns.DetailAsync(manager, adminDraft.Id));
        Assert.Null(await host.Campaigns.DetailAsync(await host.ManagerAsync("manager2@demo.local"), draft.Id));
        Assert.Contains(await host.Campaigns.ListAsync(CampaignHost.Admin), c => c.Id == draft.Id);
        var (customer, _) = await host.HouseholdAsync();
        Assert.Empty(await host.Campaigns.ListAsync(customer));
        Assert.False((await host.Campaigns.LaunchAsync(customer, CampaignHost.Service(Guid.NewGuid()))).Ok);
    }

    [Fact]
    public async Task Accepting_creates_the_service_request_exactly_once_and_notifies_and_audits()
    {
        var (customer, account) = await host.HouseholdAsync();
        await host.OptInToOffersInThePortalAsync(customer);
        var draft = CampaignHost.Service(CampaignHost.IdPutting(account, CampaignGroup.Treatment), ServiceCodes.EnergyAudit);
        Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, draft)).Ok);

        var offers = await host.Campaigns.ShowOffersAsync(customer);
        Assert.Contains(offers, o => o.CampaignId == draft.Id && o.AccountId == account);
        var first = await host.Campaigns.AcceptAsync(customer, draft.Id, account);
        var second = await host.Campaigns.AcceptAsync(customer, draft.Id, account);

        Assert.True(first.Ok);
        Assert.Equal("Campaign.AlreadyAnswered", second.ErrorKey);
        Assert.DoesNotContain(await host.Campaigns.ShowOffersAsync(customer), o => o.CampaignId == draft.Id);
        await using var db = await host.Db.CreateDbContextAsync();
        var requests = await db.ServiceRequests.Where(r => r.CampaignId == draft.Id).ToListAsync();
        var request = Assert.Single(requests);
        Assert.Equal((account, ServiceCodes.EnergyAudit, ServiceRequestOrigin.Campaign), (request.AccountId, request.ServiceCode, request.Origin));
        var target = await db.Set<CampaignTarget>().FirstAsync(t => t.CampaignId == draft.Id && t.AccountId == account);
        Assert.Equal((TargetResponse.Accepted, request.Id), (target.Response, target.FollowUpId));
        Assert.NotNull(target.FirstViewedAtUtc);
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == AccountAccessService_UserId(customer) && n.Kind == CampaignService.NotificationKind));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == CampaignService.AcceptAction && a.Target == $"campaign:{draft.Id}/{account}"));

        var results = (await host.Campaigns.DetailAsync(CampaignHost.Admin, draft.Id))!.Summary.Total;
        Assert.Equal((1, 1), (results.Acceptances, results.TreatmentUptake.Successes));
        Assert.True(results.Views >= 1);
    }

    [Fact]
    public async Task A_treated_customer_who_has_not_opted_in_sees_the_offer_on_the_home_page_but_gets_no_notification()
    {
        var (customer, account) = await host.HouseholdAsync();
        await using (var db = await host.Db.CreateDbContextAsync())
            await db.Set<NotificationPreferenceRow>().Where(r => r.UserId == AccountAccessService_UserId(customer)).ExecuteDeleteAsync();
        var draft = CampaignHost.Service(CampaignHost.IdPutting(account, CampaignGroup.Treatment), ServiceCodes.PowerFactorAdvice);
        var notified = await OfferNotificationsAsync(customer);
        Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, draft)).Ok);

        Assert.Equal(notified, await OfferNotificationsAsync(customer));
        Assert.Contains(await host.Campaigns.ShowOffersAsync(customer), o => o.CampaignId == draft.Id);
    }

    [Fact]
    public async Task The_service_menu_leaves_out_a_service_a_running_campaign_offers_the_account_until_the_offer_is_answered()
    {
        var (customer, account) = await host.HouseholdAsync();
        var menu = host.Get<ServiceMenuService>();
        var before = (await menu.MenuAsync(customer, account))!.Items.Select(i => i.Code).ToList();
        var code = before.First(CampaignOffers.IsService);
        var draft = CampaignHost.Service(CampaignHost.IdPutting(account, CampaignGroup.Treatment), code);
        Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, draft)).Ok);

        var during = (await menu.MenuAsync(customer, account))!.Items.Select(i => i.Code).ToList();
        Assert.DoesNotContain(code, during);
        Assert.Equal(before.Where(c => c != code), during);

        Assert.True((await host.Campaigns.DismissAsync(customer, draft.Id, account)).Ok);
        Assert.Contains(code, (await menu.MenuAsync(customer, account))!.Items.Select(i => i.Code));
    }

    [Fact]
    public async Task Dismissing_asks_nothing_creates_nothing_and_is_final()
    {
        var (customer, account) = await host.HouseholdAsync();
        var draft = CampaignHost.Service(CampaignHost.IdPutting(account, CampaignGroup.Treatment), ServiceCodes.PowerFactorAdvice);
        Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, draft)).Ok);

        Assert.True((await host.Campaigns.DismissAsync(customer, draft.Id, account)).Ok);
        Assert.Equal("Campaign.AlreadyAnswered", (await host.Campaigns.AcceptAsync(customer, draft.Id, account)).ErrorKey);

        Assert.DoesNotContain(await host.Campaigns.ShowOffersAsync(customer), o => o.CampaignId == draft.Id);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.ServiceRequests.AnyAsync(r => r.CampaignId == draft.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == CampaignService.DismissAction && a.Target == $"campaign:{draft.Id}/{account}"));
        Assert.Equal(1, (await host.Campaigns.DetailAsync(CampaignHost.Admin, draft.Id))!.Summary.Total.Dismissals);
    }

    [Fact]
    public async Task Control_never_sees_the_offer_but_its_own_request_counts_as_organic_uptake()
    {
        var (customer, account) = await host.HouseholdAsync();
        await host.OptInToOffersInThePortalAsync(customer);
        var draft = CampaignHost.Service(CampaignHost.IdPutting(account, CampaignGroup.Control), ServiceCodes.SafetyInspection);
        var notified = await OfferNotificationsAsync(customer);
        Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, draft)).Ok);

        Assert.Equal(notified, await OfferNotificationsAsync(customer));
        Assert.DoesNotContain(await host.Campaigns.ShowOffersAsync(customer), o => o.CampaignId == draft.Id);
        Assert.Equal("Common.NotFound", (await host.Campaigns.AcceptAsync(customer, draft.Id, account)).ErrorKey);
        Assert.Equal("Common.NotFound", (await host.Campaigns.DismissAsync(customer, draft.Id, account)).ErrorKey);
        await using (var db = await host.Db.CreateDbContextAsync())
            Assert.Null((await db.Set<CampaignTarget>().FirstAsync(t => t.CampaignId == draft.Id && t.AccountId == account)).FirstViewedAtUtc);

        // On their own, through the service menu: the control customer took it up organically.
        var own = await host.Get<ServiceRequestService>().RequestAsync(customer, account, ServiceCodes.SafetyInspection,
            ServiceCodes.DefaultTeam(ServiceCodes.SafetyInspection), ServiceRequestOrigin.ServiceMenu, null, null, CancellationToken.None);
        Assert.Equal(ServiceRequestOutcomeKind.Created, own.Kind);
        var detail = (await host.Campaigns.DetailAsync(CampaignHost.Admin, draft.Id))!;
        Assert.Equal(1, detail.Summary.Total.ControlUptake.Successes);
        Assert.Equal(0, detail.Summary.Total.Acceptances);
        Assert.Contains(detail.Targets, t => t.Group == CampaignGroup.Control && t.TookUp);
    }

    [Fact]
    public async Task The_target_list_shows_masked_names_and_numbers()
    {
        var draft = CampaignHost.Service(Guid.NewGuid(), ServiceCodes.AutoPay, "type=Residential");
        Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, draft)).Ok);
        var detail = (await host.Campaigns.DetailAsync(CampaignHost.Admin, draft.Id))!;
        await using var db = await host.Db.CreateDbContextAsync();
        var names = await db.Accounts.Select(a => a.HolderName).ToListAsync();
        var numbers = await db.Accounts.Select(a => a.AccountNumber).ToListAsync();
        Assert.NotEmpty(detail.Targets);
        Assert.All(detail.Targets, t => Assert.DoesNotContain(t.HolderMasked, names));
        Assert.All(detail.Targets, t => Assert.DoesNotContain(t.AccountNumber, numbers));
    }

    [Fact]
    public async Task A_second_campaign_of_the_same_offer_expects_the_uptake_of_the_first()
    {
        var (customer, account) = await host.HouseholdAsync();
        var first = CampaignHost.Service(CampaignHost.IdPutting(account, CampaignGroup.Treatment), ServiceCodes.EStatements, "type=Residential") with { Name = "E-statements 1" };
        var none = await host.Campaigns.PreviewAsync(CampaignHost.Admin, first with { OfferCode = "heating-check" });
        Assert.Null(none.ExpectedAcceptances);
        Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, first)).Ok);
        await host.Campaigns.AcceptAsync(customer, first.Id, account);

        var second = await host.Campaigns.PreviewAsync(CampaignHost.Admin, CampaignHost.Service(Guid.NewGuid(), ServiceCodes.EStatements));
        Assert.NotNull(second.PreviousUptake);
        Assert.NotNull(second.ExpectedAcceptances);
        Assert.Null(second.TreatmentSaving);
    }

    private async Task<int> OfferNotificationsAsync(ClaimsPrincipal customer)
    {
        var userId = AccountAccessService_UserId(customer);
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.Kind == CampaignService.NotificationKind);
    }

    private static string AccountAccessService_UserId(ClaimsPrincipal user) => Portal.Features.Accounts.AccountAccessService.UserId(user)!;
}

/// <summary>A year of readings, so the nightly simulation prices the packages (it needs nine months or more).</summary>
public sealed class CampaignPackageHost() : PortalHost(12, 12)
{
    public T Get<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public CampaignService Campaigns => Get<CampaignService>();

    public async Task<(ClaimsPrincipal User, Guid AccountId)> HouseholdAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == "household@demo.local").Select(u => u.Id).FirstAsync();
        var account = await db.AccountBindings.Where(b => b.UserId == id).Select(b => b.AccountId).FirstAsync();
        return (CampaignHost.Principal(id, "household@demo.local", Roles.Customer), account);
    }
}

[Collection(PortalCollection.Name)]
public class CampaignPackageTests(CampaignPackageHost host) : IClassFixture<CampaignPackageHost>
{
    [Fact]
    public async Task A_package_offer_reaches_accounts_with_a_simulated_saving_and_accepting_requests_the_switch_once()
    {
        await host.Get<RecommendationRefreshJob>().RunAsync(CancellationToken.None);
        await using var db = await host.Db.CreateDbContextAsync();
        var (household, _) = await host.HouseholdAsync();
        // An account whose stored simulation shows a package saving money; its holder logs in as a customer.
        var (account, option) = (await db.TariffRecommendations.ToListAsync())
            .Select(r => (r.AccountId, Option: RecommendationSnapshot.FromJson(r.Json).Options.Where(o => o.Saving > 0).MaxBy(o => o.Saving)))
            .First(x => x.Option is not null);
        var holder = await db.AccountBindings.Where(b => b.AccountId == account).Select(b => b.UserId).FirstOrDefaultAsync();
        var binding = holder is null ? new Portal.Domain.Accounts.AccountBinding(Portal.Features.Accounts.AccountAccessService.UserId(household)!, account, DateTime.UtcNow) : null;
        if (binding is not null) { db.AccountBindings.Add(binding); await db.SaveChangesAsync(); }
        var customer = CampaignHost.Principal(holder ?? Portal.Features.Accounts.AccountAccessService.UserId(household)!, "customer", Roles.Customer);
        try
        {
            var draft = new CampaignDraft(CampaignHost.IdPutting(account, CampaignGroup.Treatment), "Package", CampaignOfferKind.Package, option!.Cost.Code, []);

            var preview = await host.Campaigns.PreviewAsync(CampaignHost.Admin, draft);
            Assert.True(preview.TreatmentSaving >= option.Saving);
            Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, draft)).Ok);
            Assert.DoesNotContain(await db.Set<CampaignTarget>().Where(t => t.CampaignId == draft.Id).ToListAsync(), t => t.Saving is not > 0);
            var offer = Assert.Single(await host.Campaigns.ShowOffersAsync(customer), o => o.CampaignId == draft.Id && o.AccountId == account);
            Assert.Equal(option.Saving, offer.Saving);

            Assert.True((await host.Campaigns.AcceptAsync(customer, draft.Id, account)).Ok);
            Assert.False((await host.Campaigns.AcceptAsync(customer, draft.Id, account)).Ok);
            Assert.Equal(1, await db.PackageSwitchRequests.CountAsync(r => r.AccountId == account && r.ToPackageCode == option.Cost.Code));
            Assert.Equal(1, (await host.Campaigns.DetailAsync(CampaignHost.Admin, draft.Id))!.Summary.Total.TreatmentUptake.Successes);
        }
        finally
        {
            if (binding is not null) { db.AccountBindings.Remove(binding); await db.SaveChangesAsync(); }
        }
    }

}
