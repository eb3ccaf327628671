using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// The account pages (Identity, static SSR with plain forms) look like the rest of the portal (issue 22, item 11): the
/// portal's app bar with its brand and the theme's MudBlazor variables, fields labelled on their border like the portal's
/// outlined fields, and a phone layout that fits. Screenshots of the main ones in both languages at both widths.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class AccountPagesLookTests(PortalServer server) : Browsing(server)
{
    private static readonly (string Path, string Name, bool SignedIn)[] Pages =
    [
        ("/Account/Login", "login", false),
        ("/Account/Register", "register", false),
        ("/Account/Manage", "manage", true),
        ("/Account/Manage/ChangePassword", "change-password", true),
        ("/Account/Manage/TwoFactorAuthentication", "two-factor", true),
    ];

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Account_pages_wear_the_portal_app_bar_and_fields_and_fit_a_phone(string culture)
    {
        var page = await NewPageAsync(culture);
        var appName = Text.For(page, "PowerMarketing", "奎屯供电·自助服务");
        var signedInYet = false;
        foreach (var (path, name, signedIn) in Pages)
        {
            if (signedIn && !signedInYet)
            {
                await page.SetViewportSizeAsync(Viewports[0].Width, Viewports[0].Height);
                await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
                signedInYet = true;
            }
            foreach (var (viewport, width, height) in Viewports)
            {
                await page.SetViewportSizeAsync(width, height);
                await page.GotoAsync(Server.PublicUrl + path);

                // The portal's app bar: MudBlazor's class, the theme's colour variables present, the brand linking home.
                var bar = page.Locator("header.mud-appbar");
                await Assertions.Expect(bar).ToBeVisibleAsync();
                await Assertions.Expect(bar.GetByRole(AriaRole.Link, new() { Name = appName })).ToHaveAttributeAsync("href", "/");
                var primary = await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-primary').trim()");
                Assert.False(string.IsNullOrEmpty(primary), $"{path}: the theme's MudBlazor variables are missing.");
                Assert.Equal("rgb(11, 110, 79)", await bar.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
                if (signedIn && viewport == "desktop")
                    await Assertions.Expect(bar.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Sign out", "退出登录") })).ToBeVisibleAsync();

                // Every text field's label sits on its top border, as on the portal's outlined fields.
                var offsets = await page.EvaluateAsync<double[]>("""
                    () => [...document.querySelectorAll('main .mb-3 > input.form-control')].map(i => {
                      const label = document.querySelector(`label[for="${CSS.escape(i.id)}"]`);
                      const l = label.getBoundingClientRect(), r = i.getBoundingClientRect();
                      return Math.abs((l.top + l.height / 2) - r.top);
                    })
                    """);
                Assert.All(offsets, o => Assert.True(o <= 2, $"{path} ({viewport}): a label is {o}px off its field's top border."));
                if (name is "login" or "register" or "change-password") Assert.NotEmpty(offsets);

                if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
                await ScreenshotAsync(page, $"account-{name}-{culture}-{viewport}");
            }
        }
        await page.Context.CloseAsync();
    }
}
