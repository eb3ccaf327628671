using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Domain.Tariffs;
using Portal.Features.Accounts;
using Portal.Features.Notifications;
using Portal.Features.Tariffs;
using Portal.Infrastructure.Audit;
using Portal.Resources;

namespace Portal.Tests.Features.Tariffs;

[Collection(PortalCollection.Name)]
public class RecommendationAndSwitchTests(TariffsHost host) : IClassFixture<TariffsHost>
{
    private const string Household = "household@demo.local";
    private const string Business = "business@demo.local";

    [Fact]
    public async Task A_household_with_a_full_year_gets_every_eligible_package_priced()
    {
        var user = await host.UserAsync(Household);
        var account = (await host.OwnAccountsAsync(Household))[0];
        var inputs = await host.Get<RecommendationService>().LoadAsync(user, account);
        Assert.NotNull(inputs);
        var r = RecommendationService.Recommend(inputs);
        Assert.Equal(RecommendationConfidence.Sufficient, r.Confidence);
        Assert.NotNull(r.Current);
        Assert.NotEmpty(r.Options);
        Assert.All(r.Options, o => Assert.True(host.Get<TariffCatalog>().Get(o.Cost.PackageCode).IsEligibleFor(inputs.Account.Profile)));
        Assert.All(r.Options, o => Assert.Equal(r.Current.AnnualCost - o.Cost.AnnualCost, o.SavingVsCurrent));
        Assert.Null(RecommendationService.Advise(inputs, r)); // households get no business advice
    }

    [Fact]
    public async Task Using_less_in_the_what_if_lowers_the_current_packages_cost()
    {
        var user = await host.UserAsync(Household);
        var inputs = (await host.Get<RecommendationService>().LoadAsync(user, (await host.OwnAccountsAsync(Household))[0]))!;
        var before = RecommendationService.Recommend(inputs).Current!.AnnualCost;
        var after = RecommendationService.Recommend(inputs, new WhatIf(0, 20)).Current!.AnnualCost;
        Assert.True(after < before, $"{after} should be below {before}");
    }

    [Fact]
    public async Task Eight_months_of_readings_are_not_enough_data()
    {
        var user = await host.UserAsync(Household);
        var inputs = (await host.Get<RecommendationService>().LoadAsync(user, (await host.OwnAccountsAsync(Household))[0]))!;
        var windowEnd = new DateOnly(inputs.AsOf.Year, inputs.AsOf.Month, 1);
        var eight = inputs with { Readings = inputs.Readings.Where(d => d.Date >= windowEnd.AddMonths(-8)).ToList() };
        var nine = inputs with { Readings = inputs.Readings.Where(d => d.Date >= windowEnd.AddMonths(-9)).ToList() };
        var r = RecommendationService.Recommend(eight);
        Assert.Equal(RecommendationConfidence.InsufficientData, r.Confidence);
        Assert.Equal(8, r.Coverage.MonthsCovered);
        Assert.Empty(r.Options);
        // One more month reaches the months threshold (the share of readings is a separate test in the domain).
        Assert.Equal(9, RecommendationService.Recommend(nine).Coverage.MonthsCovered);
    }

    [Fact]
    public async Task A_business_account_gets_basic_charge_advice()
    {
        var user = await host.UserAsync(Business);
        var service = host.Get<RecommendationService>();
        var headers = await service.OwnAccountsAsync(user);
        var large = headers.First(h => h.Profile.Type == Portal.Domain.Accounts.CustomerType.LargeIndustrial);
        var inputs = (await service.LoadAsync(user, large.Id))!;
        var advice = RecommendationService.Advise(inputs, RecommendationService.Recommend(inputs));
        Assert.NotNull(advice?.BasicCharge);
        Assert.True(advice.BasicCharge.BestDeclaredKw >= advice.BasicCharge.MinimumDeclaredKw);
    }

    [Fact]
    public async Task A_customer_cannot_load_recommendations_for_another_customers_account()
    {
        var user = await host.UserAsync(Household);
        var other = (await host.OwnAccountsAsync(Business))[0];
        Assert.Null(await host.Get<RecommendationService>().LoadAsync(user, other));
        using var client = host.Client();
        await client.SignInAsync(Household);
        var response = await client.GetAsync($"/tariffs/{other}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("data-testid=\"recommendation-card\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_switch_goes_from_application_to_rejection_to_approval_and_is_applied_on_its_effective_day()
    {
        var customer = await host.UserAsync(Business);
        var handler = await host.UserAsync("handler@demo.local");
        var switches = host.Get<SwitchService>();
        var catalog = host.Get<TariffCatalog>();
        var account = (await host.Get<RecommendationService>().OwnAccountsAsync(customer))
            .First(a => a.Profile.IsBusiness && catalog.All.Any(p => p.IsEligibleFor(a.Profile) && p.Code != a.PackageCode));
        var target = catalog.All.First(p => p.IsEligibleFor(account.Profile) && p.Code != account.PackageCode).Code;
        var ineligible = catalog.All.First(p => !p.IsEligibleFor(account.Profile)).Code;

        Assert.Equal("Switch.NotEligible", (await switches.ApplyAsync(customer, account.Id, ineligible)).ErrorKey);
        Assert.Equal("Switch.SamePackage", (await switches.ApplyAsync(customer, account.Id, account.PackageCode)).ErrorKey);
        Assert.Equal("Common.NotFound", (await switches.ApplyAsync(await host.UserAsync(Household), account.Id, target)).ErrorKey);

        Assert.True((await switches.ApplyAsync(customer, account.Id, target)).Ok);
        Assert.Equal("Switch.PendingExists", (await switches.ApplyAsync(customer, account.Id, target)).ErrorKey);
        var pending = (await switches.ForAccountAsync(customer, account.Id))[0];
        Assert.Equal(SwitchStatus.Pending, pending.Status);
        Assert.Equal(SwitchPolicy.EffectiveFrom(switches.Today), pending.EffectiveFrom);

        Assert.Equal("Switch.ReasonRequired", (await switches.DecideAsync(handler, pending.Id, false, "  ")).ErrorKey);
        Assert.True((await switches.DecideAsync(handler, pending.Id, false, "Meter upgrade needed first")).Ok);
        Assert.Equal("Switch.AlreadyDecided", (await switches.DecideAsync(handler, pending.Id, true, null)).ErrorKey);
        var rejected = (await switches.ForAccountAsync(customer, account.Id))[0];
        Assert.Equal(SwitchStatus.Rejected, rejected.Status);
        Assert.Equal("Meter upgrade needed first", rejected.Reason);

        // A rejection does not count against the limit.
        Assert.True((await switches.ApplyAsync(customer, account.Id, target)).Ok);
        var second = (await switches.ForAccountAsync(customer, account.Id))[0];
        Assert.True((await switches.DecideAsync(handler, second.Id, true, null)).Ok);
        Assert.Equal("Switch.TooSoon", (await switches.ApplyAsync(customer, account.Id, target)).ErrorKey);

        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var customerId = AccountAccessService.UserId(customer);
            Assert.Equal(2, await db.Notifications.CountAsync(n => n.UserId == customerId && n.Kind.StartsWith("Switch") && n.Link == $"/tariffs/{account.Id}"));
            Assert.True(await db.AuditEntries.CountAsync(a => a.Action.StartsWith("Tariff.Switch")) >= 4);
            // Not yet: the switch takes effect with the next billing cycle.
            Assert.Equal(account.PackageCode, await db.Accounts.Where(a => a.Id == account.Id).Select(a => a.TariffPackageCode).FirstAsync());
        }

        Assert.Equal(0, await new TariffSwitchJob(switches).RunAsync(CancellationToken.None));
        var onTheDay = new DateTimeOffset(second.EffectiveFrom.ToDateTime(new TimeOnly(0, 30)), TimeSpan.FromHours(8));
        var later = ServiceAt(onTheDay);
        Assert.Equal(1, await new TariffSwitchJob(later).RunAsync(CancellationToken.None));
        Assert.Equal(0, await new TariffSwitchJob(later).RunAsync(CancellationToken.None)); // idempotent
        await using (var db = await host.Db.CreateDbContextAsync())
            Assert.Equal(target, await db.Accounts.Where(a => a.Id == account.Id).Select(a => a.TariffPackageCode).FirstAsync());

        // The limit runs 12 months from the effective day: one day before it is still too soon, on the day it is allowed.
        var lastDayBlocked = ServiceAt(onTheDay.AddMonths(12).AddDays(-1));
        var firstDayAllowed = ServiceAt(onTheDay.AddMonths(12));
        Assert.Equal("Switch.TooSoon", await lastDayBlocked.BlockerAsync(account.Id));
        Assert.Null(await firstDayAllowed.BlockerAsync(account.Id));
    }

    [Fact]
    public async Task The_switch_list_is_back_office_only()
    {
        using var publicClient = host.Client();
        await publicClient.SignInAsync("admin@demo.local");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await publicClient.GetAsync("/backoffice/tariffs/switches")).StatusCode);
        using var internalClient = host.Client(@internal: true);
        await internalClient.SignInAsync("handler@demo.local");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await internalClient.GetAsync("/backoffice/tariffs/switches")).StatusCode);
    }

    private SwitchService ServiceAt(DateTimeOffset now, int? limitMonths = null) => new(host.Db, host.Get<AccountAccessService>(), host.Get<TariffCatalog>(),
        host.Get<AuditService>(), host.Get<NotificationService>(), host.Get<IStringLocalizer<SharedResource>>(),
        limitMonths is { } m ? Options.Create(new TariffsOptions { SwitchLimitMonths = m }) : host.Get<IOptions<TariffsOptions>>(), new FixedClock(now));

    [Fact]
    public async Task A_decision_reaches_the_customer_in_the_bell_and_by_email_a_rejection_with_its_reason()
    {
        var customer = await host.UserAsync(Household);
        var handler = await host.UserAsync("handler@demo.local");
        var switches = host.Get<SwitchService>();
        var catalog = host.Get<TariffCatalog>();
        var account = (await host.Get<RecommendationService>().OwnAccountsAsync(customer))[0];
        var target = catalog.All.First(p => p.IsEligibleFor(account.Profile) && p.Code != account.PackageCode);
        var customerId = AccountAccessService.UserId(customer)!;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            await db.PackageSwitchRequests.Where(r => r.AccountId == account.Id).ExecuteDeleteAsync();
            await db.Users.Where(u => u.Id == customerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredCulture, "en-US"));
        }

        Assert.True((await switches.ApplyAsync(customer, account.Id, target.Code)).Ok);
        var request = (await switches.ForAccountAsync(customer, account.Id))[0];
        Assert.True((await switches.DecideAsync(handler, request.Id, false, "Your meter must be replaced first")).Ok);

        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var bell = await db.Notifications.Where(n => n.UserId == customerId && n.Kind == "SwitchRejected").OrderByDescending(n => n.Id).FirstAsync();
            Assert.Contains("Your meter must be replaced first", bell.Arguments);
            var mail = await db.EmailMessages.Where(m => m.To == Household).OrderByDescending(m => m.Id).FirstAsync();
            Assert.StartsWith("PowerMarketing · Your tariff package switch was not approved", mail.Subject);
            Assert.Contains("Reason: Your meter must be replaced first", mail.HtmlBody);
            Assert.Contains(account.AccountNumber, mail.HtmlBody);
            Assert.Contains(target.Name.EnUs, mail.HtmlBody);
        }

        Assert.True((await switches.ApplyAsync(customer, account.Id, target.Code)).Ok);
        var second = (await switches.ForAccountAsync(customer, account.Id))[0];
        Assert.True((await switches.DecideAsync(handler, second.Id, true, null)).Ok);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var bell = await db.Notifications.Where(n => n.UserId == customerId && n.Kind == "SwitchApproved").OrderByDescending(n => n.Id).FirstAsync();
            Assert.Equal($"{target.Code} · {second.EffectiveFrom:yyyy-MM-dd}", bell.Arguments);
            var mail = await db.EmailMessages.Where(m => m.To == Household).OrderByDescending(m => m.Id).FirstAsync();
            Assert.StartsWith("PowerMarketing · Your tariff package switch was approved", mail.Subject);
            Assert.Contains("the start of your next billing cycle", mail.HtmlBody);
            // Leave no approved switch behind for the switch job of the other tests.
            await db.PackageSwitchRequests.Where(r => r.AccountId == account.Id).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task The_switch_limit_is_configurable()
    {
        var customer = await host.UserAsync(Business);
        var handler = await host.UserAsync("handler@demo.local");
        var catalog = host.Get<TariffCatalog>();
        // The last business site, so the twelve-month test above keeps its own account.
        var account = (await host.Get<RecommendationService>().OwnAccountsAsync(customer))
            .Last(a => catalog.All.Any(p => p.IsEligibleFor(a.Profile) && p.Code != a.PackageCode));
        var target = catalog.All.First(p => p.IsEligibleFor(account.Profile) && p.Code != account.PackageCode).Code;
        await using (var db = await host.Db.CreateDbContextAsync())
            await db.PackageSwitchRequests.Where(r => r.AccountId == account.Id).ExecuteDeleteAsync();
        var now = DateTimeOffset.UtcNow;
        var sixMonths = ServiceAt(now, limitMonths: 6);
        Assert.Equal(6, sixMonths.LimitMonths);
        Assert.True((await sixMonths.ApplyAsync(customer, account.Id, target)).Ok);
        var request = (await sixMonths.ForAccountAsync(customer, account.Id))[0];
        Assert.True((await sixMonths.DecideAsync(handler, request.Id, true, null)).Ok);

        var effective = new DateTimeOffset(request.EffectiveFrom.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        Assert.Equal("Switch.TooSoon", await ServiceAt(effective.AddMonths(6).AddDays(-1), 6).BlockerAsync(account.Id));
        Assert.Null(await ServiceAt(effective.AddMonths(6), 6).BlockerAsync(account.Id));
        // The same day is still blocked under the default twelve months.
        Assert.Equal("Switch.TooSoon", await ServiceAt(effective.AddMonths(6)).BlockerAsync(account.Id));
        await using (var db = await host.Db.CreateDbContextAsync())
            await db.PackageSwitchRequests.Where(r => r.AccountId == account.Id).ExecuteDeleteAsync();
    }

    private async Task<string> PageAsync(string email, string path)
    {
        using var client = host.Client();
        await client.SignInAsync(email);
        return await (await client.GetAsync(path)).Content.ReadAsStringAsync();
    }
}
