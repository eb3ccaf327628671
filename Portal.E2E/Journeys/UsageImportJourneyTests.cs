using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>An admin uploads a meter-data file in another layout: the page refuses it as a failure and says what was expected.</summary>
[Collection(PortalServerCollection.Name)]
public class UsageImportJourneyTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("en-US", 1366, 900, "desktop")]
    [InlineData("zh-CN", 390, 844, "phone")]
    public async Task A_file_with_a_wrong_header_is_refused_and_shown_as_a_failure(string culture, int width, int height, string viewport)
    {
        var page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.InternalUrl, "admin@demo.local");
        await page.GotoAsync(Server.InternalUrl + "/backoffice/usage/import");
        await new ShellPage(page).WaitForInteractiveAsync();

        var csv = "meter_id,timestamp,kwh\nMAC000002,2026-11-01T00:00:00Z,0.25\n"u8.ToArray();
        // Blazor wires the file input in JS after the first interactive render; a file set before that is lost.
        await page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "london.csv", MimeType = "text/csv", Buffer = csv });

        var refused = page.GetByTestId("import-refused");
        await Assertions.Expect(refused).ToBeVisibleAsync();
        await Assertions.Expect(refused).ToContainTextAsync("meter_id,timestamp,kwh");
        await Assertions.Expect(refused).ToContainTextAsync("account,timestamp,kwh");
        await Assertions.Expect(refused).ToContainTextAsync(Text.For(page, "Nothing was imported", "未导入任何数据"));
        await Assertions.Expect(page.GetByTestId("import-result")).ToHaveCountAsync(0);
        // The bar is drawn in the error colour, not the "done" colour.
        await Assertions.Expect(page.GetByTestId("import-progress")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-progress-linear-color-error"));
        if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"usage-import-refused-{culture}-{viewport}");
        await page.Context.CloseAsync();
    }
}
