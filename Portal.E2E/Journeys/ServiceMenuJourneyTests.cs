using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// The service menu across both endpoints: a household sees its menu in Chinese on a phone, requests an energy audit;
/// an admin completes it on the intranet; the household sees it done with the result.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class ServiceMenuJourneyTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task A_household_requests_an_energy_audit_an_admin_completes_it_and_the_household_sees_it_done()
    {
        var customer = await NewPageAsync("zh-CN", 390, 844);
        await new LoginPage(customer).SignInAsync(Server.PublicUrl, "household@demo.local");
        await new ShellPage(customer).WaitForInteractiveAsync();
        var menu = customer.GetByTestId("service-menu");
        await Assertions.Expect(menu.GetByRole(AriaRole.Heading, new() { Name = "为您推荐的服务" })).ToBeVisibleAsync();
        var audit = menu.Locator("[data-code='energy-audit']").First;
        if (!await audit.IsVisibleAsync()) await menu.GetByRole(AriaRole.Button, new() { NameRegex = new("查看全部") }).ClickAsync();
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "service-menu-zh-CN-phone");

        await audit.GetByRole(AriaRole.Button, new() { Name = "申请：能效诊断" }).ClickAsync();
        var dialog = customer.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("备注（可选）").FillAsync("工作日下午方便");
        await ScreenshotAsync(customer, "service-menu-request-dialog-zh-CN-phone");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(audit.GetByTestId("menu-requested")).ToContainTextAsync("处理中");
        await Assertions.Expect(menu.GetByTestId("menu-request").Filter(new() { HasText = "能效诊断" })).ToHaveCountAsync(1);
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "service-menu-requested-zh-CN-phone");

        var admin = await NewPageAsync("zh-CN");
        await new LoginPage(admin).SignInAsync(Server.InternalUrl, "admin@demo.local");
        await admin.GotoAsync(Server.InternalUrl + "/backoffice/service-requests");
        await new ShellPage(admin).WaitForInteractiveAsync();
        var row = admin.GetByTestId("service-queue").Locator("tr").Filter(new() { HasText = "能效诊断" }).Filter(new() { HasText = "工作日下午方便" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await ScreenshotAsync(admin, "service-requests-zh-CN-desktop");
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new("^办结户号") }).ClickAsync();
        var close = admin.GetByRole(AriaRole.Dialog);
        await close.GetByLabel("办理结果").FillAsync("能效专员已上门诊断，建议更换老旧空调。");
        await close.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);

        await customer.ReloadAsync();
        await new ShellPage(customer).WaitForInteractiveAsync();
        var done = customer.GetByTestId("menu-request").Filter(new() { HasText = "能效诊断" });
        await Assertions.Expect(done.GetByTestId("menu-request-status")).ToHaveTextAsync("已完成");
        await Assertions.Expect(done).ToContainTextAsync("建议更换老旧空调");
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "service-menu-done-zh-CN-phone");
        await customer.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en-US", 1366, 900)]
    [InlineData("en-US", 390, 844)]
    [InlineData("zh-CN", 1366, 900)]
    public async Task The_menu_and_the_admin_catalogue_fit_in_both_languages(string culture, int width, int height)
    {
        var size = width < 600 ? "phone" : "desktop";
        var customer = await NewPageAsync(culture, width, height);
        await new LoginPage(customer).SignInAsync(Server.PublicUrl, "business@demo.local");
        await new ShellPage(customer).WaitForInteractiveAsync();
        await Assertions.Expect(customer.GetByTestId("menu-item").First).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, $"service-menu-business-{culture}-{size}");

        var admin = await NewPageAsync(culture, width, height);
        await new LoginPage(admin).SignInAsync(Server.InternalUrl, "admin@demo.local");
        await admin.GotoAsync(Server.InternalUrl + "/backoffice/service-menu");
        await new ShellPage(admin).WaitForInteractiveAsync();
        await Assertions.Expect(admin.GetByTestId("catalog-item")).ToHaveCountAsync(9);
        await admin.GetByTestId("catalog-item").First.ClickAsync();
        await AssertNoHorizontalScrollAsync(admin);
        await ScreenshotAsync(admin, $"service-menu-admin-{culture}-{size}");
        await customer.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
