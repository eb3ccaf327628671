using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>A household reviews a bill and compares tariff packages, moving the what-if slider.</summary>
[Collection(PortalServerCollection.Name)]
public class BillsAndTariffsJourneyTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("en-US", 1366, 900, "desktop")]
    [InlineData("zh-CN", 390, 844, "phone")]
    public async Task A_household_reviews_its_latest_bill(string culture, int width, int height, string viewport)
    {
        var page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        await page.GotoAsync(Server.PublicUrl + "/bills");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByTestId("bills-grid").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("bill-total")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("bill-lines")).ToBeVisibleAsync();
        if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"bill-detail-household-{culture}-{viewport}");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en-US", 1366, 900, "desktop")]
    [InlineData("zh-CN", 390, 844, "phone")]
    public async Task A_household_compares_packages_and_tries_a_what_if(string culture, int width, int height, string viewport)
    {
        var page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        await page.GotoAsync(Server.PublicUrl + "/tariffs");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByTestId("tariff-account").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("recommendation-card").First).ToBeVisibleAsync();
        var before = await page.GetByTestId("current-cost").InnerTextAsync();

        // Cut overall use by 10 %: the slider takes arrow keys like any range input.
        var cut = page.GetByRole(AriaRole.Slider, new() { Name = Text.For(page, "Overall reduction", "总体节电比例") });
        await cut.FocusAsync();
        await cut.PressAsync("ArrowRight");
        await cut.PressAsync("ArrowRight");
        await Assertions.Expect(page.GetByTestId("current-cost")).Not.ToHaveTextAsync(before);
        if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"tariffs-household-{culture}-{viewport}");
        await page.Context.CloseAsync();
    }
}
