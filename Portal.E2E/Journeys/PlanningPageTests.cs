using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>An admin (the planner) opens the demand-planning page in both languages, on a desktop and a phone, and drills
/// from the county down to one group's load-shape mix.</summary>
[Collection(PortalServerCollection.Name)]
public class PlanningPageTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("en-US", 1366, 900, "desktop", "Demand planning")]
    [InlineData("zh-CN", 1366, 900, "desktop", "需求预测")]
    [InlineData("en-US", 390, 844, "phone", "Demand planning")]
    [InlineData("zh-CN", 390, 844, "phone", "需求预测")]
    public async Task An_admin_drills_from_the_county_to_a_groups_segment_mix(string culture, int width, int height, string viewport, string title)
    {
        var page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.InternalUrl, "admin@demo.local");
        await page.GotoAsync(Server.InternalUrl + "/backoffice/planning");
        await new ShellPage(page).WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("planning-totals")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("backtest-row")).ToHaveCountAsync(4);
        await page.Locator("[data-testid=planning-chart] .pm-chart-hbar").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"planning-{culture}-{viewport}");

        for (var depth = 1; depth <= 3; depth++)
        {
            await page.GetByTestId("planning-drill").GetByRole(AriaRole.Button).First.ClickAsync();
            await Assertions.Expect(page.GetByTestId("planning-path").GetByRole(AriaRole.Button)).ToHaveCountAsync(depth);
        }
        await Assertions.Expect(page.GetByTestId("planning-mix")).ToBeVisibleAsync();
        await page.Locator("[data-testid=planning-mix] .pm-chart-hbar").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"planning-mix-{culture}-{viewport}");
        await page.Context.CloseAsync();
    }
}
