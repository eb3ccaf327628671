namespace Portal.E2E.Journeys;

/// <summary>Opens browser contexts per culture and viewport and keeps screenshots as artifacts.</summary>
public abstract class Browsing(PortalServer server)
{
    protected PortalServer Server { get; } = server;

    public static readonly (string Name, int Width, int Height)[] Viewports = [("desktop", 1366, 900), ("phone", 390, 844)];

    protected async Task<IPage> NewPageAsync(string culture, int width = 1366, int height = 900)
    {
        var context = await Server.Browser.NewContextAsync(new()
        {
            Locale = culture,
            ViewportSize = new() { Width = width, Height = height },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = culture },
        });
        Pages.Text.Locale.AddOrUpdate(context, culture);
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        var file = Path.Combine(PortalServer.ArtifactsFolder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
    }

    /// <summary>No horizontal scroll at this width (phone layouts must fit).</summary>
    protected static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"The page scrolls horizontally by {overflow}px at {page.ViewportSize?.Width}px.");
    }
}
