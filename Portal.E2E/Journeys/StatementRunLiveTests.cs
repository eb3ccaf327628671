using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>Issuing statements from the back office: the page follows the run it started and gives the button back, no refresh needed.</summary>
[Collection(PortalServerCollection.Name)]
public class StatementRunLiveTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task Running_the_issue_shows_live_progress_and_gives_the_button_back_when_the_run_finishes()
    {
        var page = await NewPageAsync("en-US");
        await new LoginPage(page).SignInAsync(Server.InternalUrl, "admin@demo.local");
        await page.GotoAsync(Server.InternalUrl + "/backoffice/statements");
        await new ShellPage(page).WaitForInteractiveAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };
        var run = page.GetByRole(AriaRole.Button, new() { Name = "Issue missing statements now" });

        await run.ClickAsync();
        await Assertions.Expect(run).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByTestId("issue-live")).ToBeVisibleAsync();

        await Assertions.Expect(run).ToBeEnabledAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByTestId("issue-live")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("last-run")).ToContainTextAsync("finished");
        Assert.Equal(0, navigations);
        await ScreenshotAsync(page, "statements-run-finished-en-US-desktop");
        await page.Context.CloseAsync();
    }
}
