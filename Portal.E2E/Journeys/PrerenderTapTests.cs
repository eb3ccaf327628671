using System.Text.RegularExpressions;
using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// Issue 20: on a slow phone the prerendered page shows seconds before its circuit is up. Until then its controls are
/// visibly inert (dimmed, no pointer events, the layout aria-busy with a loading bar), so a tap is never silently lost:
/// it cannot land, and the same tap once the circuit is up takes effect. The circuit is held back by the test (the
/// script that starts Blazor, js/blazor-start.js, waits) on a 4× slower CPU, so "before interactive" is a state, not a race.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class PrerenderTapTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task A_tap_before_the_circuit_is_up_finds_the_control_visibly_inert_and_the_same_tap_afterwards_takes_effect()
    {
        var page = await NewPageAsync("en-US");
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 4 });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The circuit skips negotiation (issue 20), so the test holds the start script instead; the page's load event
        // waits for it, so the navigation only waits for the response.
        await page.RouteAsync(new Regex(@"/js/blazor-start\.[a-z0-9]+\.js"), async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync(Server.PublicUrl + "/", new() { WaitUntil = WaitUntilState.Commit });
        var layout = page.Locator(".mud-layout");
        await Assertions.Expect(layout).ToHaveAttributeAsync("data-interactive", "false");
        await Assertions.Expect(layout).ToHaveAttributeAsync("aria-busy", "true");
        // Readable: the prerendered content is there and not dimmed.
        await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
        Assert.Equal("1", await page.Locator("h1").First.EvaluateAsync<string>("e => getComputedStyle(e).opacity"));
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Open or close the menu" });
        Assert.Equal("none", await menu.EvaluateAsync<string>("e => getComputedStyle(e).pointerEvents"));
        Assert.True(double.Parse(await menu.EvaluateAsync<string>("e => getComputedStyle(e).opacity"), System.Globalization.CultureInfo.InvariantCulture) < 1,
            "the inert control is not dimmed");
        Assert.Equal("progress", await layout.EvaluateAsync<string>("e => getComputedStyle(e).cursor"));
        await ScreenshotAsync(page, "prerender-inert-en-US-desktop");

        var drawer = page.Locator(".mud-drawer--open");
        var wasOpen = await drawer.CountAsync() > 0;
        // A tap now lands on nothing the page would ignore: the control does not take pointer events.
        var box = (await menu.BoundingBoxAsync())!;
        var hit = await page.EvaluateAsync<bool>("p => !!document.elementFromPoint(p.x, p.y)?.closest('button')",
            new { x = (double)box.X + box.Width / 2.0, y = (double)box.Y + box.Height / 2.0 });
        Assert.False(hit, "a tap on the menu button before the circuit is up would reach the button and be lost");

        // The same tap, waiting (as a user who sees the loading state does) until the control is live: it takes effect.
        var tap = menu.ClickAsync(new() { Timeout = 60_000 });
        release.SetResult();
        await tap;
        await Assertions.Expect(layout).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(drawer).ToHaveCountAsync(wasOpen ? 0 : 1);
        await Assertions.Expect(layout).Not.ToHaveAttributeAsync("aria-busy", "true");
        Assert.Equal("auto", await menu.EvaluateAsync<string>("e => getComputedStyle(e).pointerEvents"));
        await page.Context.CloseAsync();
    }
}
