using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Tests.Features.Complaints;

namespace Portal.Tests.Features.Accounts;

/// <summary>The holder's side of /accounts over a running portal: approve a join request, then remove that access.</summary>
[Collection(PortalCollection.Name)]
public class AccountsPageTests : PortalBunitContext, IClassFixture<PortalHost>
{
    private readonly PortalHost _host;

    public AccountsPageTests(PortalHost host)
    {
        _host = host;
        Services.AddFallbackServiceProvider(host.Services.CreateScope().ServiceProvider);
    }

    [Fact]
    public async Task The_holder_approves_a_request_on_the_page_and_then_removes_the_access_after_confirming()
    {
        var holder = await _host.UserAsync("neighbour@demo.local");
        var accountId = await _host.FirstAccountOfAsync("neighbour@demo.local");
        string number, amount, requesterId;
        await using (var db = await _host.Db.CreateDbContextAsync())
        {
            number = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.AccountNumber).SingleAsync();
            amount = (await db.Bills.Where(b => b.AccountId == accountId).OrderByDescending(b => b.PeriodStart).Select(b => b.Amount).FirstAsync())
                .ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        }
        using (var scope = _host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var requester = new ApplicationUser { UserName = "lodger@example.test", Email = "lodger@example.test", DisplayName = "Lodger", CreatedAtUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(requester, "a-long-lodger-password")).Succeeded);
            requesterId = requester.Id;
        }
        Assert.Equal(BindingOutcome.JoinRequested, await _host.Service<AccountBindingService>().BindAsync(requesterId, number, amount));

        var cut = Render(b =>
        {
            b.OpenComponent<MudDialogProvider>(0);
            b.CloseComponent();
            b.OpenComponent<CascadingValue<Task<AuthenticationState>>>(1);
            b.AddAttribute(2, "Value", Task.FromResult(new AuthenticationState(holder)));
            b.AddAttribute(3, "ChildContent", (RenderFragment)(c => { c.OpenComponent<AccountsPage>(0); c.CloseComponent(); }));
            b.CloseComponent();
        });
        cut.WaitForElement("[data-testid=account-sharing]");
        Assert.Contains("Lodger", cut.Find("[data-testid=account-sharing]").TextContent);

        Button(cut, L["Accounts.Approve"]).Click();
        cut.WaitForAssertion(() => Assert.Contains(L["Accounts.Approved", "Lodger"].Value, cut.Markup), TimeSpan.FromSeconds(10));
        Assert.True(await BoundAsync(requesterId, accountId));

        Button(cut, L["Accounts.Revoke"]).Click();
        cut.WaitForElement(".mud-dialog");
        Assert.True(await BoundAsync(requesterId, accountId)); // nothing happens before the confirmation
        Button(cut, L["Accounts.Revoke"], ".mud-dialog").Click();
        cut.WaitForAssertion(() => Assert.Contains(L["Accounts.Revoked", "Lodger", number].Value, cut.Markup), TimeSpan.FromSeconds(10));
        Assert.False(await BoundAsync(requesterId, accountId));
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<ContainerFragment> cut, string text, string scope = "") =>
        cut.FindAll($"{scope} button".Trim()).First(b => b.TextContent.Trim() == text);

    private async Task<bool> BoundAsync(string userId, Guid accountId)
    {
        await using var db = await _host.Db.CreateDbContextAsync();
        return await db.AccountBindings.AnyAsync(b => b.UserId == userId && b.AccountId == accountId);
    }
}
