using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Portal.Data;
using Portal.Domain.Notifications;
using Portal.Features.Notifications;

namespace Portal.Tests.Features.Notifications;

/// <summary>The settings page over the real preferences service of a running portal: the Statements topic is offered and saved.</summary>
public abstract class NotificationSettingsPageTestsBase(PortalHost host, string culture) : Portal.Tests.Features.Usage.UsageBunitContext(s =>
    s.AddSingleton(host.Services.GetRequiredService<NotificationPreferencesService>()), culture)
{
    protected NotificationPreferencesService Preferences => host.Services.GetRequiredService<NotificationPreferencesService>();

    /// <summary>A new customer who never opened the page, signed in.</summary>
    protected async Task<ClaimsPrincipal> SignInNewCustomerAsync(string culture)
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"settings-{Guid.NewGuid():N}@example.com";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, PreferredCulture = culture };
        Assert.True((await users.CreateAsync(user, "correct horse battery staple 1")).Succeeded);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, email)], "test"));
        SignInCustomer(principal);
        return principal;
    }
}

[Collection(PortalCollection.Name)]
public class NotificationSettingsPageTests(PortalHost host) : NotificationSettingsPageTestsBase(host, "en-US"), IClassFixture<PortalHost>
{
    [Fact]
    public async Task Statements_are_offered_on_in_both_places_for_a_new_customer_and_turning_email_off_is_saved()
    {
        var user = await SignInNewCustomerAsync("en-US");
        var cut = Render<NotificationSettingsPage>();
        cut.WaitForElement("[data-testid=topic-Statements]");

        var card = cut.Find("[data-testid=topic-Statements]");
        Assert.Contains("Statements and bills", card.TextContent);
        Assert.Contains(L["NotifySettings.StatementsHint"].Value, card.TextContent);
        Assert.Equal("true", cut.Find("input[data-testid=switch-Statements-Portal]").GetAttribute("aria-checked"));
        Assert.Equal("true", cut.Find("input[data-testid=switch-Statements-Email]").GetAttribute("aria-checked"));
        var order = cut.FindAll("[data-testid^=topic-]").Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal(["topic-Alerts", "topic-Complaints", "topic-Statements", "topic-Service", "topic-Offers"], order);

        cut.Find("input[data-testid=switch-Statements-Email]").Change(false);
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("input[data-testid=switch-Statements-Email]").GetAttribute("aria-checked")));
        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Contains(L["NotifySettings.Save"].Value)).Click());

        cut.WaitForAssertion(() =>
        {
            var saved = Preferences.GetAsync(user).GetAwaiter().GetResult()!.Topics.Single(t => t.Topic == NotificationTopic.Statements);
            Assert.Equal((true, false), (saved.Portal, saved.Email));
        });
        var alerts = (await Preferences.GetAsync(user))!.Topics.Single(t => t.Topic == NotificationTopic.Alerts);
        Assert.Equal((true, true), (alerts.Portal, alerts.Email));
    }
}

[Collection(PortalCollection.Name)]
public class NotificationSettingsPageChineseTests(PortalHost host) : NotificationSettingsPageTestsBase(host, "zh-CN"), IClassFixture<PortalHost>
{
    [Fact]
    public async Task The_statements_switch_reads_in_chinese()
    {
        await SignInNewCustomerAsync("zh-CN");
        var cut = Render<NotificationSettingsPage>();
        cut.WaitForElement("[data-testid=topic-Statements]");
        var card = cut.Find("[data-testid=topic-Statements]");
        Assert.Contains("电费账单", card.TextContent);
        Assert.Contains("每月电费对账单出账后通知您查看和下载", card.TextContent);
        Assert.Contains("平台内通知", card.TextContent);
        Assert.Contains("邮件", card.TextContent);
    }
}
