using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// Issue 20: the usage page's first render no longer carries MudNumericField, MudDatePicker or NavLink components; in a
/// real browser the alert fields still read numbers and explain bad ones, the day picker still opens and picks a day, the
/// side menu still marks the current page, and the script that moves prerendered charts into the circuit has let go.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class UsageLightControlsTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("en-US", 1366, 900, "desktop")]
    [InlineData("zh-CN", 1366, 900, "desktop")]
    [InlineData("en-US", 390, 844, "phone")]
    [InlineData("zh-CN", 390, 844, "phone")]
    public async Task The_alert_fields_the_day_picker_and_the_menu_work_as_before(string culture, int width, int height, string viewport)
    {
        var page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        await page.GotoAsync(Server.PublicUrl + "/usage");
        await new ShellPage(page).WaitForInteractiveAsync();
        // /usage lists the accounts or goes straight to the only one (the export links also start with /usage/).
        await page.Locator("a[href^='/usage/']:not([download]), [data-testid=alert-settings]").First.WaitForAsync();
        if (!page.Url.Contains("/usage/")) await page.Locator("a[href^='/usage/']:not([download])").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("alert-settings")).ToBeVisibleAsync();

        // The prerendered charts were adopted (every slot drawn) and the observer stopped with the first render.
        Assert.True(await page.EvaluateAsync<bool>("() => window.portalChartObserverStopped === true"));
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.pm-chart-slot')].every(s => s.firstChild !== null)"));
        Assert.Equal(1, await page.Locator("a.mud-nav-link.active[aria-current=page][href='/usage']").CountAsync());

        // An alert threshold: unreadable text is explained, a full-width number is read, ArrowUp steps by one.
        var kwh = page.GetByLabel(Text.For(page, "Monthly kWh limit", "每月电量限额"), new() { Exact = true });
        await kwh.FillAsync("abc");
        await kwh.PressAsync("Tab");
        var alerts = page.GetByTestId("alert-settings");
        await Assertions.Expect(alerts).ToContainTextAsync(Text.For(page, "Not a valid number", "不是有效的数字"));
        await Assertions.Expect(kwh).ToHaveAttributeAsync("aria-invalid", "true");
        await alerts.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsFolder, $"usage-alert-error-{culture}-{viewport}.png") });
        await kwh.FillAsync("１２０");
        await kwh.PressAsync("Tab");
        await Assertions.Expect(kwh).ToHaveValueAsync("120");
        await Assertions.Expect(kwh).ToHaveAttributeAsync("aria-invalid", "false");
        await kwh.PressAsync("ArrowUp");
        await Assertions.Expect(kwh).ToHaveValueAsync("121");
        await alerts.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Decrement", "减少") }).First.ClickAsync();
        await Assertions.Expect(kwh).ToHaveValueAsync("120");
        await alerts.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsFolder, $"usage-alert-fields-{culture}-{viewport}.png") });

        // The day picker opens on a click and picks another day.
        var day = page.GetByRole(AriaRole.Textbox, new() { Name = Text.For(page, "Day", "日期"), Exact = true });
        var shown = await day.InputValueAsync();
        Assert.False(string.IsNullOrEmpty(shown));
        await day.ClickAsync();
        var calendar = page.Locator(".mud-popover-open .mud-picker-calendar-content");
        await Assertions.Expect(calendar).ToBeVisibleAsync();
        await ScreenshotAsync(page, $"usage-day-picker-open-{culture}-{viewport}");
        await calendar.Locator(".mud-picker-calendar-day:not(.mud-hidden):not(.mud-selected):not([disabled])").First.ClickAsync();
        await Assertions.Expect(day).Not.ToHaveValueAsync(shown);

        // The menu marks the page it leads to.
        if (viewport == "phone") await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Open or close the menu", "打开或关闭菜单") }).ClickAsync();
        await page.Locator("a.mud-nav-link[href='/bills']").ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith("/bills"));
        await Assertions.Expect(page.Locator("a.mud-nav-link.active[aria-current=page]")).ToHaveAttributeAsync("href", "/bills");
        await page.Context.CloseAsync();
    }
}
