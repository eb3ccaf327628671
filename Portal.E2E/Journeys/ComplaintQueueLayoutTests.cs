using System.Text.RegularExpressions;
using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>The handler's queue on a desktop and a phone: filters that stay clear of each other and of the queue, and
/// due times read as time left.</summary>
[Collection(PortalServerCollection.Name)]
public class ComplaintQueueLayoutTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("en-US", 1366, 900, "desktop")]
    [InlineData("zh-CN", 390, 844, "phone")]
    [InlineData("en-US", 390, 844, "phone")]
    public async Task The_queue_filters_overlap_nothing_and_due_times_say_how_long_is_left(string culture, int width, int height, string viewport)
    {
        var page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.InternalUrl, "handler@demo.local");
        await page.GotoAsync(Server.InternalUrl + "/backoffice/complaints");
        await new ShellPage(page).WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("sla").First).ToBeVisibleAsync();

        var filters = await BoxesAsync(page.Locator(".pm-queue-filters .pm-queue-filter, .pm-queue-checks .mud-checkbox"));
        Assert.Equal(5, filters.Count);
        var others = await BoxesAsync(page.GetByTestId("queue-card"));
        others.AddRange(await BoxesAsync(page.Locator(".mud-table-container")));
        Assert.NotEmpty(others);
        for (var i = 0; i < filters.Count; i++)
        {
            Assert.True(filters[i].X >= 0 && filters[i].X + filters[i].Width <= width + 0.5, $"filter {i} leaves the screen: {filters[i].X}+{filters[i].Width}");
            for (var j = i + 1; j < filters.Count; j++) Assert.False(Overlap(filters[i], filters[j]), $"filters {i} and {j} overlap");
            foreach (var o in others) Assert.False(Overlap(filters[i], o), $"filter {i} overlaps the queue");
        }

        await Assertions.Expect(page.GetByTestId("sla").First).ToHaveTextAsync(new Regex(@"^(\d+ (min|h|d)\b.* left|overdue by \d|met in time|剩余 \d|已超时 \d|已按时完成)"));
        if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"complaint-queue-{culture}-{viewport}");
        await page.Context.CloseAsync();
    }

    private static async Task<List<LocatorBoundingBoxResult>> BoxesAsync(ILocator locator)
    {
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var item in await locator.AllAsync())
            if (await item.BoundingBoxAsync() is { } box) boxes.Add(box);
        return boxes;
    }

    private static bool Overlap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width - 0.5 && b.X < a.X + a.Width - 0.5 && a.Y < b.Y + b.Height - 0.5 && b.Y < a.Y + a.Height - 0.5;
}
