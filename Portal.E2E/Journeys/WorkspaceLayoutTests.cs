using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// The pages a manager, a household and an admin use most, in both languages on desktop and phone: the manager's
/// paged, searchable account list and account view, the household's home, usage and complaint pages, the audit log.
/// Each fits the phone without sideways scrolling; the screenshots are kept for review.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class WorkspaceLayoutTests(PortalServer server) : Browsing(server)
{
    private static readonly string[] Cultures = ["zh-CN", "en-US"];

    [Fact]
    public async Task The_manager_workspace_pages_fit_a_phone_in_both_languages()
    {
        foreach (var culture in Cultures)
            foreach (var (viewport, width, height) in Viewports)
            {
                var page = await NewPageAsync(culture, width, height);
                await new LoginPage(page).SignInAsync(Server.PublicUrl, "manager@demo.local");
                var workspace = new ManagerWorkspacePage(page);
                await workspace.OpenAsync(Server.PublicUrl);
                Assert.InRange(await workspace.Accounts.Locator("[data-account]").CountAsync(), 1, 20);
                await AssertNoHorizontalScrollAsync(page);
                await ScreenshotAsync(page, $"manager-list-{culture}-{viewport}");
                await workspace.Accounts.Locator("[data-account]").First.ClickAsync();
                await workspace.AccountView.WaitForAsync();
                await Assertions.Expect(page.GetByTestId("manager-bills")).ToBeVisibleAsync();
                await AssertNoHorizontalScrollAsync(page);
                await ScreenshotAsync(page, $"manager-account-{culture}-{viewport}");
                await page.Context.CloseAsync();
            }
    }

    [Fact]
    public async Task The_household_home_usage_and_complaint_pages_fit_a_phone_in_both_languages()
    {
        var filer = await NewPageAsync("zh-CN");
        await new LoginPage(filer).SignInAsync(Server.PublicUrl, "household@demo.local");
        var complaintUrl = await new CustomerComplaintPage(filer).FileAsync(Server.PublicUrl, "电能表显示屏从周一开始一直不亮，请派人检查。");
        await filer.Context.CloseAsync();

        foreach (var culture in Cultures)
            foreach (var (viewport, width, height) in Viewports)
            {
                var page = await NewPageAsync(culture, width, height);
                await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
                await new ShellPage(page).WaitForInteractiveAsync();
                await Assertions.Expect(page.GetByTestId("accounts-intro")).ToBeVisibleAsync();
                await AssertNoHorizontalScrollAsync(page);
                await ScreenshotAsync(page, $"home-household-{culture}-{viewport}");

                await page.GetByTestId("account-card").First.GetByTestId("home-usage").ClickAsync();
                await page.WaitForURLAsync(u => u.Contains("/usage/"));
                await new ShellPage(page).WaitForInteractiveAsync();
                await Assertions.Expect(page.GetByTestId("peers")).ToBeVisibleAsync();
                await AssertNoHorizontalScrollAsync(page);
                await ScreenshotAsync(page, $"usage-household-{culture}-{viewport}");

                await new CustomerComplaintPage(page).OpenAsync(complaintUrl);
                await Assertions.Expect(page.GetByTestId("customer-message")).ToBeVisibleAsync();
                await AssertNoHorizontalScrollAsync(page);
                await ScreenshotAsync(page, $"complaint-detail-{culture}-{viewport}");
                await page.Context.CloseAsync();
            }
    }

    [Fact]
    public async Task The_audit_log_reads_as_plain_names_in_chinese()
    {
        foreach (var culture in Cultures)
            foreach (var (viewport, width, height) in Viewports)
            {
                var page = await NewPageAsync(culture, width, height);
                await new LoginPage(page).SignInAsync(Server.InternalUrl, "admin@demo.local");
                await page.GotoAsync(Server.InternalUrl + "/backoffice/audit");
                await new ShellPage(page).WaitForInteractiveAsync();
                var signIn = page.Locator("[data-action='SignIn']").First;
                await Assertions.Expect(signIn).ToHaveTextAsync(culture == "zh-CN" ? "登录" : "Sign-in");
                await ScreenshotAsync(page, $"audit-{culture}-{viewport}");
                await page.Context.CloseAsync();
            }
    }
}
