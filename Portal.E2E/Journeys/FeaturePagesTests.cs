using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// Each customer-facing page opens with real data in both languages and at phone width without horizontal
/// scrolling; the screenshots go to the gallery.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class FeaturePagesTests(PortalServer server) : Browsing(server)
{
    public static TheoryData<string, string, string, string> Pages => new()
    {
        // user, list page, testid of an item on it (opened when present), testid proving the detail page shows data
        { "household@demo.local", "/usage", "usage-account", "freshness" },
        { "business@demo.local", "/usage", "usage-account", "max-demand" },
        { "household@demo.local", "/credit", "", "" },
        { "household@demo.local", "/hazards", "", "" },
        { "household@demo.local", "/activities", "activity", "" },
        { "household@demo.local", "/complaints", "", "" },
        { "household@demo.local", "/complaints/new", "", "" },
        { "household@demo.local", "/accounts", "", "" },
        { "manager@demo.local", "/manager", "", "" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_opens_in_both_languages_and_fits_a_phone(string email, string path, string item, string proof)
    {
        foreach (var (culture, (viewport, width, height)) in new[] { ("zh-CN", Viewports[1]), ("en-US", Viewports[0]) })
        {
            var page = await NewPageAsync(culture, width, height);
            await new LoginPage(page).SignInAsync(Server.PublicUrl, email);
            var response = await page.GotoAsync(Server.PublicUrl + path);
            Assert.Equal(200, response!.Status);
            await new ShellPage(page).WaitForInteractiveAsync();
            if (item != "")
            {
                await page.GetByTestId(item).First.WaitForAsync();
                var link = page.GetByTestId(item).First.GetByRole(AriaRole.Link).Filter(new() { Visible = true });
                if (await link.CountAsync() > 0) await link.First.ClickAsync();
            }
            if (proof != "") await Assertions.Expect(page.GetByTestId(proof).First).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
            var name = path.Trim('/').Replace('/', '-');
            await ScreenshotAsync(page, $"{name}-{email.Split('@')[0]}-{culture}-{viewport}");
            await page.Context.CloseAsync();
        }
    }
}
