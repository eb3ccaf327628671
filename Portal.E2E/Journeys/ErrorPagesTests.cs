using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>Error pages that help: the 500 page keeps its reference number once interactive; a 404 leads back home.</summary>
[Collection(PortalServerCollection.Name)]
public class ErrorPagesTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task The_error_page_keeps_the_reference_to_quote_once_the_page_is_interactive()
    {
        var page = await NewPageAsync("zh-CN");
        await page.GotoAsync(Server.PublicUrl + "/Error");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.WaitForTimeoutAsync(500); // let the interactive render replace the prerendered one

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("抱歉，出现错误");
        await Assertions.Expect(page.GetByTestId("request-id").Locator("code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\S{8,}"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_address_answers_404_with_a_way_back_home()
    {
        var page = await NewPageAsync("en-US", 390, 844);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        var response = await page.GotoAsync(Server.PublicUrl + "/no/such/page");
        Assert.Equal(404, response?.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to home" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/");
        await page.Context.CloseAsync();
    }
}
