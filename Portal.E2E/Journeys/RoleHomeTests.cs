using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>Each demo role signs in and sees its home page, in both languages, on desktop and phone.</summary>
[Collection(PortalServerCollection.Name)]
public class RoleHomeTests(PortalServer server) : Browsing(server)
{
    public static TheoryData<string, bool, string, string> Roles => new()
    {
        // email, internal endpoint, culture, text that proves the role's home shows real data
        { "household@demo.local", false, "zh-CN", "近30天用电" },
        { "household@demo.local", false, "en-US", "Last 30 days" },
        { "business@demo.local", false, "zh-CN", "近30天用电" },
        { "business@demo.local", false, "en-US", "Last 30 days" },
        { "handler@demo.local", true, "zh-CN", "用电户" },
        { "handler@demo.local", true, "en-US", "Customer accounts" },
        { "manager@demo.local", false, "zh-CN", "您负责的重点客户" },
        { "manager@demo.local", false, "en-US", "Your key accounts" },
        { "admin@demo.local", true, "zh-CN", "用电户" },
        { "admin@demo.local", true, "en-US", "Customer accounts" },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_signs_in_and_sees_its_home_page(string email, bool @internal, string culture, string proof)
    {
        foreach (var (viewport, width, height) in Viewports)
        {
            var page = await NewPageAsync(culture, width, height);
            await new LoginPage(page).SignInAsync(@internal ? Server.InternalUrl : Server.PublicUrl, email);
            await new ShellPage(page).WaitForInteractiveAsync();
            await Assertions.Expect(page.GetByText(proof).First).ToBeVisibleAsync();
            if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
            await ScreenshotAsync(page, $"home-{email.Split('@')[0]}-{culture}-{viewport}");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_business_user_sees_all_three_sites()
    {
        var page = await NewPageAsync("en-US");
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "business@demo.local");
        await new ShellPage(page).WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("account-card")).ToHaveCountAsync(3);
        // The greeting names the user, each card its holder, and the page says why they differ.
        await Assertions.Expect(page.GetByTestId("accounts-intro")).ToContainTextAsync("account holder");
        var card = page.GetByTestId("account-card").First;
        await Assertions.Expect(card.GetByTestId("account-holder")).ToContainTextAsync("Holder:");
        // The bill card leads on: the bill, the usage, the statements.
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "View bill" })).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "Statements" })).ToBeVisibleAsync();
        await card.GetByRole(AriaRole.Link, new() { Name = "Usage" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/usage/"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_language_switch_changes_the_page_language()
    {
        var page = await NewPageAsync("zh-CN");
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        var shell = new ShellPage(page);
        await shell.WaitForInteractiveAsync();
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        await shell.SwitchLanguageAsync();
        await shell.WaitForInteractiveAsync();
        Assert.Equal("en-US", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.GetByText("Last 30 days").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_back_office_does_not_exist_on_the_public_endpoint()
    {
        var page = await NewPageAsync("en-US");
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "admin@demo.local");
        var response = await page.GotoAsync(Server.PublicUrl + "/backoffice");
        Assert.Equal(404, response!.Status);
        var jobs = await page.GotoAsync(Server.PublicUrl + "/jobs");
        Assert.Equal(404, jobs!.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_reaches_the_job_dashboard_on_the_internal_endpoint()
    {
        var page = await NewPageAsync("en-US");
        await new LoginPage(page).SignInAsync(Server.InternalUrl, "admin@demo.local");
        var response = await page.GotoAsync(Server.InternalUrl + "/jobs/recurring");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByText("usage-rollup").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "jobs-dashboard-admin");
        await page.Context.CloseAsync();
    }
}
