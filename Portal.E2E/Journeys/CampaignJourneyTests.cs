using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// 精准营销 end to end: an admin finds an association rule the demo household falls under, launches a campaign from it,
/// the household (Chinese, phone) sees the offer on its home page and accepts it, and the results page counts the
/// acceptance (English desktop and Chinese phone).
/// </summary>
[Collection(PortalServerCollection.Name)]
public class CampaignJourneyTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task An_admin_launches_a_campaign_from_a_rule_the_household_accepts_the_offer_and_the_results_count_it()
    {
        var ruleId = await CampaignPages.RuleMatchingHouseholdAsync(Server);
        var admin = await NewPageAsync("en-US");
        await new LoginPage(admin).SignInAsync(Server.InternalUrl, "admin@demo.local");
        var campaigns = new CampaignPages(admin);

        // One in ten accounts is held out: a launch that puts the household in control is checked and launched again.
        Guid id = default;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await campaigns.OpenRuleAsync(Server.InternalUrl, ruleId);
            if (attempt == 1) await ScreenshotAsync(admin, "campaign-new-from-rule-en-US-desktop");
            id = await campaigns.LaunchAsync($"Energy audit from rule {ruleId} #{attempt}", "Energy audit");
            if (await CampaignPages.HouseholdGroupAsync(Server, id) == "Treatment") break;
            Assert.True(attempt < 4, "The household landed in the control group four times in a row.");
        }
        await Assertions.Expect(campaigns.Acceptances).ToHaveTextAsync("0");

        // The household, Chinese, phone: the offer is on the home page; accepting registers the request.
        var household = await NewPageAsync("zh-CN", 390, 844);
        await new LoginPage(household).SignInAsync(Server.PublicUrl, "household@demo.local");
        await household.GotoAsync(Server.PublicUrl + "/");
        await new ShellPage(household).WaitForInteractiveAsync();
        var offer = household.GetByTestId("campaign-offer").Filter(new() { HasText = "能效诊断" });
        await Assertions.Expect(offer).ToHaveCountAsync(1);
        await AssertNoHorizontalScrollAsync(household);
        await ScreenshotAsync(household, "campaign-offer-zh-CN-phone");
        await offer.GetByRole(AriaRole.Button, new() { Name = "我要办理" }).ClickAsync();
        await Assertions.Expect(household.GetByTestId("campaign-offer-message")).ToContainTextAsync("您的申请已登记");
        await Assertions.Expect(offer).ToHaveCountAsync(0);
        await ScreenshotAsync(household, "campaign-offer-accepted-zh-CN-phone");

        // The results count it: English desktop, then Chinese at phone width.
        await campaigns.OpenResultsAsync(Server.InternalUrl, id);
        await Assertions.Expect(campaigns.Acceptances).ToHaveTextAsync("1");
        await Assertions.Expect(admin.GetByTestId("campaign-target").Filter(new() { HasText = "Accepted" })).ToHaveCountAsync(1);
        await ScreenshotAsync(admin, "campaign-results-en-US-desktop");

        var adminPhone = await NewPageAsync("zh-CN", 390, 844);
        await new LoginPage(adminPhone).SignInAsync(Server.InternalUrl, "admin@demo.local");
        var phone = new CampaignPages(adminPhone);
        await phone.OpenResultsAsync(Server.InternalUrl, id);
        await Assertions.Expect(phone.Acceptances).ToHaveTextAsync("1");
        await Assertions.Expect(adminPhone.GetByTestId("campaign-uptake")).ToContainTextAsync("与对照组相比的转化效果");
        await AssertNoHorizontalScrollAsync(adminPhone);
        await ScreenshotAsync(adminPhone, "campaign-results-zh-CN-phone");
        await adminPhone.GotoAsync(Server.InternalUrl + "/backoffice/campaigns");
        await new ShellPage(adminPhone).WaitForInteractiveAsync();
        await Assertions.Expect(adminPhone.GetByTestId("campaign-row").Filter(new() { HasText = $"rule {ruleId}" }).First).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(adminPhone);
        await ScreenshotAsync(adminPhone, "campaign-list-zh-CN-phone");

        await admin.Context.CloseAsync();
        await household.Context.CloseAsync();
        await adminPhone.Context.CloseAsync();
    }
}
