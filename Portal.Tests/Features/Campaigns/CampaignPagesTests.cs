using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Campaigns;
using Portal.Domain.Service;
using Portal.Features.Campaigns;
using Portal.Features.Tariffs;

namespace Portal.Tests.Features.Campaigns;

/// <summary>The results page and the customer's offers panel over the real services of a seeded portal.</summary>
[Collection(PortalCollection.Name)]
public class CampaignPagesTests(CampaignHost host) : Portal.Tests.Features.Usage.UsageBunitContext(s =>
{
    s.AddSingleton(host.Campaigns);
    s.AddSingleton(host.Services.GetRequiredService<TariffCatalog>());
}), IClassFixture<CampaignHost>
{
    private void SignInAdmin()
    {
        Authorization.SetAuthorized("admin@demo.local");
        Authorization.SetRoles(Portal.Data.Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin-test"));
    }

    [Fact]
    public async Task The_offers_panel_shows_a_treatment_offer_and_accepting_it_is_counted_on_the_results_page()
    {
        var (customer, account) = await host.HouseholdAsync();
        var draft = CampaignHost.Service(CampaignHost.IdPutting(account, CampaignGroup.Treatment), ServiceCodes.EnergyAudit) with { Name = "Winter energy audit" };
        Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, draft)).Ok);

        SignInCustomer(customer);
        var panel = Render<CampaignOffersPanel>();
        panel.WaitForElement("[data-testid=campaign-offer]");
        var card = panel.FindAll("[data-testid=campaign-offer]").First(c => c.TextContent.Contains(L["Service_energy-audit"].Value));
        Assert.Contains(L["Campaign.Pitch.energy-audit"].Value, card.TextContent);
        await panel.InvokeAsync(() => panel.FindAll("[data-testid=campaign-offer]").First(c => c.TextContent.Contains(L["Service_energy-audit"].Value))
            .QuerySelectorAll("button").First(b => b.TextContent.Contains(L["Campaign.Offers.Accept"].Value)).Click());
        panel.WaitForAssertion(() => Assert.Contains(L["Campaign.Offers.AcceptedService"].Value, panel.Find("[data-testid=campaign-offer-message]").TextContent));
        await using (var db = await host.Db.CreateDbContextAsync())
            Assert.Equal(1, await db.ServiceRequests.CountAsync(r => r.CampaignId == draft.Id && r.AccountId == account));

        SignInAdmin();
        var page = Render<CampaignPage>(p => p.Add(x => x.Id, draft.Id));
        page.WaitForElement("[data-testid=kpi-acceptances]");
        var detail = (await host.Campaigns.DetailAsync(CampaignHost.Admin, draft.Id))!;
        Assert.Equal("Winter energy audit", page.Find("[data-testid=campaign-name]").TextContent);
        Assert.Equal(detail.Summary.Total.Treatment.ToString(), page.Find("[data-testid=kpi-reach]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=kpi-acceptances]").TextContent);
        Assert.Contains("95 % CI", page.Find("[data-testid=uptake-difference]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=campaign-segment]"));
        Assert.Equal(detail.TargetsTotal, page.FindAll("[data-testid=campaign-target]").Count);
        Assert.Contains(page.FindAll("[data-testid=campaign-target]"), r => r.TextContent.Contains(L["Campaign.Answer.Accepted"].Value));
        Assert.Contains(L["Campaign.TargetsAudited"].Value, page.Markup);
    }

    [Fact]
    public void A_campaign_that_is_not_the_users_to_see_is_not_found()
    {
        Authorization.SetAuthorized("manager2@demo.local");
        Authorization.SetRoles(Portal.Data.Roles.CustomerManager);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "someone-else"));
        var page = Render<CampaignPage>(p => p.Add(x => x.Id, Guid.NewGuid()));
        page.WaitForAssertion(() => Assert.Contains(L["Common.NotFound"].Value, page.Markup));
    }
}

[Collection(PortalCollection.Name)]
public class CampaignPagesChineseTests(CampaignHost host) : Portal.Tests.Features.Usage.UsageBunitContext(s =>
{
    s.AddSingleton(host.Campaigns);
    s.AddSingleton(host.Services.GetRequiredService<TariffCatalog>());
}, "zh-CN"), IClassFixture<CampaignHost>
{
    [Fact]
    public async Task The_results_page_reads_in_Chinese()
    {
        var draft = CampaignHost.Service(Guid.NewGuid(), ServiceCodes.AutoPay, "type=Residential") with { Name = "代扣推广", ControlPercent = 50 };
        Assert.True((await host.Campaigns.LaunchAsync(CampaignHost.Admin, draft)).Ok);
        Authorization.SetAuthorized("admin@demo.local");
        Authorization.SetRoles(Portal.Data.Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin-test"));

        var page = Render<CampaignPage>(p => p.Add(x => x.Id, draft.Id));
        page.WaitForElement("[data-testid=campaign-uptake]");

        Assert.Contains("与对照组相比的转化效果", page.Markup);
        Assert.Contains("电费自动代扣", page.Markup);
        Assert.Contains("95% 置信区间", page.Find("[data-testid=uptake-difference]").TextContent);
        Assert.Contains(page.FindAll("[data-testid=campaign-target]"), r => r.TextContent.Contains("对照组") || r.TextContent.Contains("推送组"));
    }
}
