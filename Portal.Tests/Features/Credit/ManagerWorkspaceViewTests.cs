using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Features.Credit;
using Portal.Infrastructure.Security;

namespace Portal.Tests.Features.Credit;

/// <summary>
/// The manager's workspace: search and paging over their own accounts, and the account view behind each alert —
/// only for the accounts assigned to that manager, and every opening audited.
/// </summary>
[Collection(PortalCollection.Name)]
public class ManagerWorkspaceViewTests(PortalHost host) : IClassFixture<PortalHost>
{
    private ManagerWorkspaceService Workspace => host.Services.GetRequiredService<ManagerWorkspaceService>();

    private async Task<(Guid Id, string Number, string Holder, string Address, string Region)> FirstAccountOfAsync(string managerEmail)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var managerId = await db.Users.Where(u => u.Email == managerEmail).Select(u => u.Id).SingleAsync();
        var a = await db.Accounts.Where(x => x.CustomerManagerId == managerId).OrderBy(x => x.AccountNumber)
            .Select(x => new { x.Id, x.AccountNumber, x.HolderName, x.Address, x.Region }).FirstAsync();
        return (a.Id, a.AccountNumber, a.HolderName, a.Address, a.Region);
    }

    [Fact]
    public async Task The_account_list_comes_in_pages_of_the_requested_size_that_together_hold_every_account_once()
    {
        var manager = await host.UserAsync("manager@demo.local", Roles.CustomerManager);
        const int size = 2;
        var first = await Workspace.SearchAsync(manager, new ManagedAccountQuery(PageSize: size));
        Assert.True(first.AllAccounts > size, "the test manager has more accounts than one page");
        Assert.Equal(size, first.Rows.Count);
        Assert.Equal((first.AllAccounts + size - 1) / size, first.PageCount);

        var seen = new List<string>();
        for (var p = 0; p < first.PageCount; p++)
            seen.AddRange((await Workspace.SearchAsync(manager, new ManagedAccountQuery(Page: p, PageSize: size))).Rows.Select(r => r.AccountNumber));
        Assert.Equal(first.AllAccounts, seen.Count);
        Assert.Equal(first.AllAccounts, seen.Distinct().Count());
        // The database pages in the same order as the whole list (alerts first, then the account number).
        Assert.Equal((await Workspace.AccountsAsync(manager)).Select(r => r.AccountNumber), seen);
        // A page past the end shows the last page rather than nothing.
        var beyond = await Workspace.SearchAsync(manager, new ManagedAccountQuery(Page: 999, PageSize: size));
        Assert.Equal(first.PageCount - 1, beyond.Page);
        Assert.NotEmpty(beyond.Rows);
    }

    [Fact]
    public async Task Search_finds_an_account_by_number_by_name_and_by_address_and_the_region_filter_keeps_only_that_region()
    {
        var manager = await host.UserAsync("manager@demo.local", Roles.CustomerManager);
        var (id, number, holder, address, region) = await FirstAccountOfAsync("manager@demo.local");

        var byNumber = await Workspace.SearchAsync(manager, new ManagedAccountQuery(number));
        Assert.Equal(id, Assert.Single(byNumber.Rows).AccountId);
        Assert.Contains(byNumber.Rows, r => r.AccountId == id);
        Assert.Contains((await Workspace.SearchAsync(manager, new ManagedAccountQuery(holder, PageSize: 100))).Rows, r => r.AccountId == id);
        Assert.Contains((await Workspace.SearchAsync(manager, new ManagedAccountQuery(address, PageSize: 100))).Rows, r => r.AccountId == id);
        Assert.Empty((await Workspace.SearchAsync(manager, new ManagedAccountQuery("no-such-account-zz"))).Rows);

        var inRegion = await Workspace.SearchAsync(manager, new ManagedAccountQuery(Region: region, PageSize: 1000));
        Assert.NotEmpty(inRegion.Rows);
        Assert.All(inRegion.Rows, r => Assert.Equal(region, r.Region));
        Assert.True(inRegion.Total < inRegion.AllAccounts || inRegion.Regions.Count == 1);
    }

    [Fact]
    public async Task The_alerts_only_filter_keeps_accounts_with_alerts_and_those_come_first_without_it()
    {
        var manager = await host.UserAsync("manager@demo.local", Roles.CustomerManager);
        var all = (await Workspace.SearchAsync(manager, new ManagedAccountQuery(PageSize: 1000))).Rows;
        var alerted = (await Workspace.SearchAsync(manager, new ManagedAccountQuery(AlertsOnly: true, PageSize: 1000))).Rows;
        Assert.All(alerted, r => Assert.NotEmpty(r.Alerts));
        Assert.Equal(all.Count(r => r.Alerts.Count > 0), alerted.Count);
        Assert.Equal(all.Select(r => r.Alerts.Count).OrderByDescending(c => c), all.Select(r => r.Alerts.Count));
    }

    [Fact]
    public async Task A_manager_cannot_open_or_search_another_managers_account_and_the_attempt_is_audited()
    {
        var (id, number, holder, _, _) = await FirstAccountOfAsync("manager@demo.local");
        var other = await host.UserAsync("manager2@demo.local", Roles.CustomerManager);

        Assert.Null(await Workspace.AccountViewAsync(other, id));
        Assert.Empty((await Workspace.SearchAsync(other, new ManagedAccountQuery(number))).Rows);
        await using (var db = await host.Db.CreateDbContextAsync())
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Manager.AccountViewed" && a.Target == "account:" + id && a.Outcome == "NotFound" && a.UserId == AccountAccessService.UserId(other)));

        using var client = host.Client();
        await client.SignInAsync("manager2@demo.local");
        var html = WebUtility.HtmlDecode(await client.Http.GetStringAsync($"/manager/{id}"));
        Assert.Contains("data-testid=\"manager-not-found\"", html);
        Assert.DoesNotContain(holder, html);
    }

    [Fact]
    public async Task Opening_an_account_is_audited_and_the_view_holds_what_lies_behind_its_alerts()
    {
        var manager = await host.UserAsync("manager@demo.local", Roles.CustomerManager);
        // Every account of the manager (the demo's alerts depend on the day): the view holds the facts behind each alert.
        var rows = (await Workspace.SearchAsync(manager, new ManagedAccountQuery(PageSize: 1000))).Rows;
        Assert.NotEmpty(rows);
        ManagerAccountView view = null!;
        foreach (var row in rows)
        {
            view = (await Workspace.AccountViewAsync(manager, row.AccountId))!;
            Assert.False(view.Thread.Masked);
            Assert.NotNull(view.Address);
            Assert.Equal(row.Alerts, view.Alerts);
            Assert.Equal(row.Alerts.Contains(ManagerAlert.OpenComplaint), view.Complaints.Count > 0);
            if (row.Alerts.Contains(ManagerAlert.HazardDueSoon) || row.Alerts.Contains(ManagerAlert.HazardOverdue)) Assert.NotEmpty(view.Hazards);
            Assert.Equal(row.Alerts.Contains(ManagerAlert.HazardOverdue), view.Hazards.Any(h => h.Overdue));
            Assert.True(view.Bills.Count <= ManagerWorkspaceService.ViewMonths);
            Assert.Equal(view.Bills.OrderByDescending(b => b.PeriodStart).Select(b => b.Id), view.Bills.Select(b => b.Id));
        }
        Assert.Contains(rows, r => r.AccountId == view.AccountId);

        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Manager.AccountViewed" && a.Target == "account:" + view.AccountNumber
            && a.Outcome == "Success" && a.UserId == AccountAccessService.UserId(manager)));
    }

    [Fact]
    public async Task An_admin_on_the_public_endpoint_sees_the_account_view_masked_without_address_or_messages()
    {
        var (id, number, holder, address, _) = await FirstAccountOfAsync("manager@demo.local");
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        var view = (await Workspace.AccountViewAsync(admin, id, EndpointKind.Public))!;
        Assert.True(view.Thread.Masked);
        Assert.NotEqual(holder, view.HolderName);
        Assert.Null(view.Address);
        Assert.Empty(view.Thread.Messages);
        // A viewer who sees masked names finds an account by its number only: neither the name nor the address matches.
        Assert.DoesNotContain((await Workspace.SearchAsync(admin, new ManagedAccountQuery(holder, PageSize: 1000))).Rows, r => r.AccountId == id);
        Assert.DoesNotContain((await Workspace.SearchAsync(admin, new ManagedAccountQuery(address, PageSize: 1000))).Rows, r => r.AccountId == id);
        Assert.Contains((await Workspace.SearchAsync(admin, new ManagedAccountQuery(number, PageSize: 1000))).Rows, r => r.AccountId == id);
        // On the internal endpoint the same admin has the full view, and the name matches again.
        Assert.Contains((await Workspace.SearchAsync(admin, new ManagedAccountQuery(holder, PageSize: 1000), EndpointKind.Internal)).Rows, r => r.AccountId == id);
    }

    [Fact]
    public async Task Search_ignores_letter_case_in_the_account_number_name_and_address()
    {
        var manager = await host.UserAsync("manager@demo.local", Roles.CustomerManager);
        var (id, number, holder, address, _) = await FirstAccountOfAsync("manager@demo.local");
        foreach (var term in new[] { number.ToLowerInvariant(), number.ToUpperInvariant(), holder.ToUpperInvariant(), holder.ToLowerInvariant(), address.ToUpperInvariant() })
            Assert.Contains((await Workspace.SearchAsync(manager, new ManagedAccountQuery(term, PageSize: 1000))).Rows, r => r.AccountId == id);
    }

    [Fact]
    public async Task The_managers_home_counts_every_account_and_ranks_the_largest_by_the_last_30_days_as_the_full_list_would()
    {
        var manager = await host.UserAsync("manager@demo.local", Roles.CustomerManager);
        var home = host.Services.GetRequiredService<Portal.Features.Home.HomeService>();
        var top = await home.LargestManagedAccountsAsync(manager, 2);

        await using var db = await host.Db.CreateDbContextAsync();
        var managerId = AccountAccessService.UserId(manager);
        var ids = await db.Accounts.Where(a => a.CustomerManagerId == managerId).Select(a => new { a.Id, a.AccountNumber }).ToListAsync();
        var latest = await db.AccountDays.MaxAsync(d => d.Date);
        Assert.Equal(ids.Count, top.Total);
        Assert.True(ids.Count > 2, "the demo manager has more accounts than asked for");
        Assert.Equal(2, top.Largest.Count);
        Assert.Equal(top.Largest.OrderByDescending(r => r.Last30DaysKwh).Select(r => r.Id), top.Largest.Select(r => r.Id));
        // No account left out uses more than the smallest one shown.
        var since = Portal.Features.Demo.DemoSeeder.Today(host.Services.GetRequiredService<TimeProvider>()).AddDays(-30);
        var shown = top.Largest.Select(r => r.Id).ToHashSet();
        var others = ids.Where(a => !shown.Contains(a.Id)).Select(a => a.Id).ToList();
        var largestOther = await db.AccountDays.Where(d => others.Contains(d.AccountId) && d.Date >= since)
            .GroupBy(d => d.AccountId).Select(g => g.Sum(d => d.TotalWh)).OrderByDescending(x => x).FirstOrDefaultAsync();
        Assert.True(largestOther / 1000m <= top.Largest[^1].Last30DaysKwh, $"an account left out used {largestOther / 1000m} kWh (latest reading {latest})");

        var customer = await host.UserAsync("household@demo.local", Roles.Customer);
        Assert.Equal(0, (await home.LargestManagedAccountsAsync(customer, 2)).Total);
    }
}
