using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>The bills list: readable before its circuit is up, a page at a time, in both languages and on a phone.</summary>
[Collection(PortalServerCollection.Name)]
public class BillsListTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("en-US", 1366, 900, "desktop", "Next page", "of")]
    [InlineData("zh-CN", 390, 844, "phone", "下一页", "共")]
    [InlineData("zh-CN", 1366, 900, "desktop", "下一页", "共")]
    [InlineData("en-US", 390, 844, "phone", "Next page", "of")]
    public async Task A_household_pages_through_its_bills(string culture, int width, int height, string viewport, string next, string of)
    {
        var page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        await page.GotoAsync(Server.PublicUrl + "/bills");
        var grid = page.GetByTestId("bills-grid");
        // Prerendered with its rows: readable before the circuit is up.
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(12);
        await new ShellPage(page).WaitForInteractiveAsync();
        await Assertions.Expect(grid.GetByTestId("bill-status")).ToHaveCountAsync(12);
        var range = await page.GetByTestId("bills-range").InnerTextAsync();
        Assert.Contains(of, range);
        if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"bills-list-{culture}-{viewport}");

        // The household has 14 months of bills: the next page holds the other two, and the first link opens a bill.
        var firstMonth = await grid.GetByRole(AriaRole.Link).First.InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = next }).ClickAsync();
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(2);
        Assert.NotEqual(firstMonth, await grid.GetByRole(AriaRole.Link).First.InnerTextAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = next })).ToBeDisabledAsync();

        // 24 rows a page: all 14 on one.
        await page.GetByTestId("bills-page-size").SelectOptionAsync("24");
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(14);
        await grid.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("bill-total")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
