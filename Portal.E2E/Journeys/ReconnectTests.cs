using System.Text.RegularExpressions;
using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// When the live connection drops, the portal says so in the reader's language (not Blazor's built-in English
/// banner) and the dialog goes away by itself once the connection is back, with the page still working.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class ReconnectTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("zh-CN", "desktop", "连接已中断")]
    [InlineData("en-US", "phone", "Connection lost")]
    public async Task A_dropped_connection_shows_a_localized_dialog_that_goes_away_when_the_connection_is_back(string culture, string viewport, string title)
    {
        var size = Viewports.Single(v => v.Name == viewport);
        var page = await NewPageAsync(culture, size.Width, size.Height);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");

        // The circuit's socket runs through Playwright so the test can cut it; while "offline" new sockets (and, were the
        // start script ever to negotiate again, negotiation and long polling) are refused, so Blazor keeps retrying.
        var online = true;
        IWebSocketRoute? live = null;
        await page.RouteWebSocketAsync(new Regex("/_blazor"), async ws =>
        {
            if (!online) { await ws.CloseAsync(); return; }
            live = ws;
            ws.ConnectToServer();
        });
        await page.RouteAsync(new Regex(@"/_blazor(/negotiate)?\?"), async route =>
        {
            if (online) await route.ContinueAsync();
            else await route.AbortAsync();
        });
        await page.GotoAsync(Server.PublicUrl + "/complaints");
        await new ShellPage(page).WaitForInteractiveAsync();
        Assert.NotNull(live);

        online = false;
        await live!.CloseAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = title });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var shown = await dialog.InnerTextAsync();
        if (culture == "zh-CN") Assert.DoesNotMatch("[A-Za-z]{4,}", shown);
        else Assert.DoesNotContain("Rejoining the server", shown);
        await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"reconnect-dialog-{culture}-{viewport}");

        online = true;
        await Assertions.Expect(dialog).ToBeHiddenAsync(new() { Timeout = 60_000 });
        // The circuit carries on: the drawer only opens and closes through the server.
        var drawer = page.Locator(".mud-drawer--open");
        var wasOpen = await drawer.CountAsync() > 0;
        await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Open or close the menu", "打开或关闭菜单") }).ClickAsync();
        await Assertions.Expect(drawer).ToHaveCountAsync(wasOpen ? 0 : 1);
        await page.Context.CloseAsync();
    }
}
