using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>Keyboard-only use: the skip link reaches the main content, a dialog keeps and returns focus.</summary>
[Collection(PortalServerCollection.Name)]
public class KeyboardTests(PortalServer server) : Browsing(server)
{
    private const string FocusInsideMain = "() => { const m = document.getElementById('main-content'); return !!m && (m === document.activeElement || m.contains(document.activeElement)); }";

    [Theory]
    [InlineData("zh-CN", "跳到主要内容")]
    [InlineData("en-US", "Skip to main content")]
    public async Task The_first_tab_stop_is_a_visible_skip_link_to_the_main_content(string culture, string linkText)
    {
        var page = await NewPageAsync(culture);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        await page.GotoAsync(Server.PublicUrl + "/bills");
        await new ShellPage(page).WaitForInteractiveAsync();

        // After navigation Blazor focuses the h1 (FocusOnNavigate); a keyboard user arriving from the address bar starts
        // at the top of the document, where the skip link must be the first thing Tab reaches.
        var skip = page.GetByRole(AriaRole.Link, new() { Name = linkText });
        Assert.True(await page.EvaluateAsync<bool>("""
            () => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
                    .filter(e => e.tabIndex >= 0 && !e.disabled)[0]?.classList.contains('pm-skip-link')
            """), "The skip link is not the first tab stop.");
        await Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync();   // FocusOnNavigate done: nothing steals focus later
        await skip.FocusAsync();
        await Assertions.Expect(skip).ToBeFocusedAsync();
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is { X: >= 0, Y: >= 0, Width: > 0 }, "The focused skip link is off screen.");
        Assert.NotEqual("none", await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        await ScreenshotAsync(page, $"keyboard-skip-link-{culture}-desktop");
        Assert.False(await page.EvaluateAsync<bool>(FocusInsideMain));
        await Assertions.Expect(skip).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync(FocusInsideMain);
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>(FocusInsideMain), "After the skip link, Tab leaves the main content.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_rating_dialog_keeps_focus_inside_and_returns_it_to_the_button_that_opened_it()
    {
        var page = await NewPageAsync("en-US");
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        await page.GotoAsync(Server.PublicUrl + "/activities");
        await new ShellPage(page).WaitForInteractiveAsync();
        var opener = page.GetByTestId("activity").GetByRole(AriaRole.Button).First;
        await opener.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => !!document.activeElement.closest('[role=dialog]')");
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync(i % 4 == 3 ? "Shift+Tab" : "Tab");
            Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('[role=dialog]')"), $"Tab {i + 1} left the dialog.");
        }
        await ScreenshotAsync(page, "dialog-rate-activity-en-US-desktop");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(opener).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }
}
