using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>A household prepares its latest statement, reads the HTML twin and downloads the PDF.</summary>
[Collection(PortalServerCollection.Name)]
public class StatementJourneyTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("zh-CN", 1366, 900, "desktop")]
    [InlineData("en-US", 390, 844, "phone")]
    [InlineData("zh-CN", 390, 844, "phone")]
    public async Task A_household_prepares_reads_and_downloads_a_statement(string culture, int width, int height, string viewport)
    {
        var page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        await page.GotoAsync(Server.PublicUrl + "/statements");
        await new ShellPage(page).WaitForInteractiveAsync();

        // The grid lists the bills; a statement not issued yet is prepared on demand.
        var view = page.GetByRole(AriaRole.Link, new() { Name = Text.For(page, "View", "查看") }).Filter(new() { Visible = true }).First;
        await page.Locator("[data-testid=issue-statement], a[href^='/statements/']").First.WaitForAsync();
        // Statements are 对账单, never the bare 账单 that names a bill in the menu.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Text.For(page, "Statements", "电费对账单"));
        await ScreenshotAsync(page, $"statements-list-{culture}-{viewport}");
        if (await view.CountAsync() == 0)
            await page.GetByTestId("issue-statement").First.ClickAsync();   // prepares it and opens it
        else
            await view.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/statements/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Text.For(page, "Electricity statement", "电费对账单"));
        if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"statement-household-{culture}-{viewport}");

        var pdfUrl = page.Url.Split('?')[0] + "/pdf";
        var response = await page.Context.APIRequest.GetAsync(pdfUrl);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        Assert.Contains("attachment", response.Headers["content-disposition"]);
        var bytes = await response.BodyAsync();
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        await File.WriteAllBytesAsync(Path.Combine(PortalServer.ArtifactsFolder, $"statement-household-{culture}.pdf"), bytes);
        await page.Context.CloseAsync();
    }
}
