using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// An open interactive page (a live circuit) ends within a minute when its session is revoked elsewhere, and one
/// user cannot open more circuits than the cap. The fixture revalidates every 2 s (Security:RevalidationSeconds).
/// </summary>
[Collection(PortalServerCollection.Name)]
public class SessionRevocationTests(PortalServer server) : Browsing(server)
{
    public const int CircuitCap = 4;

    [Theory]
    [InlineData("en-US", "Sign out all other sessions")]
    [InlineData("zh-CN", "退出其他所有会话")]
    public async Task An_open_page_ends_within_a_minute_after_sign_out_everywhere_on_another_device(string culture, string button)
    {
        var open = await NewPageAsync(culture);
        await new LoginPage(open).SignInAsync(Server.PublicUrl, "household@demo.local");
        await open.GotoAsync(Server.PublicUrl + "/statements");
        await new ShellPage(open).WaitForInteractiveAsync();

        var other = await NewPageAsync(culture, 390, 844);
        await new LoginPage(other).SignInAsync(Server.PublicUrl, "household@demo.local");
        await other.GotoAsync(Server.PublicUrl + "/Account/Manage/SignOutEverywhere");
        await ScreenshotAsync(other, $"sign-out-everywhere-{culture}-phone");
        await other.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await other.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The circuit's revalidation finds the new security stamp and sends the page to sign-in.
        await open.WaitForURLAsync(u => u.Contains("/Account/Login"), new() { Timeout = 60_000 });
        // The device that asked stays signed in.
        await other.GotoAsync(Server.PublicUrl + "/statements");
        await new ShellPage(other).WaitForInteractiveAsync();
        Assert.DoesNotContain("/Account/Login", other.Url);

        await open.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task The_circuit_beyond_the_per_user_cap_is_refused_with_a_message()
    {
        var first = await NewPageAsync("en-US");
        await new LoginPage(first).SignInAsync(Server.PublicUrl, "manager@demo.local");
        var pages = new List<IPage> { first };
        await new ShellPage(first).WaitForInteractiveAsync();
        for (var i = 1; i < CircuitCap; i++)
        {
            var p = await first.Context.NewPageAsync();
            await p.GotoAsync(Server.PublicUrl + "/");
            await new ShellPage(p).WaitForInteractiveAsync();
            await Assertions.Expect(p.GetByTestId("circuit-refused")).ToHaveCountAsync(0);
            pages.Add(p);
        }

        var extra = await first.Context.NewPageAsync();
        await extra.GotoAsync(Server.PublicUrl + "/");
        await Assertions.Expect(extra.GetByTestId("circuit-refused")).ToContainTextAsync($"You already have {CircuitCap} portal windows open");
        await ScreenshotAsync(extra, "circuit-cap-refused-en-US-desktop");

        // Closing a window gives its slot back.
        await pages[^1].CloseAsync();
        await extra.ReloadAsync();
        await new ShellPage(extra).WaitForInteractiveAsync();
        await Assertions.Expect(extra.GetByTestId("circuit-refused")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await first.Context.CloseAsync();
    }
}
