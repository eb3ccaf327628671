using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>A customer registers by binding an account, confirms the email, signs in and sees the account.</summary>
[Collection(PortalServerCollection.Name)]
public class RegistrationJourneyTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task A_new_customer_registers_binds_confirms_and_sees_the_account()
    {
        var (number, amount) = await DemoData.UnboundAccountWithLatestBillAsync(Server);
        var page = await NewPageAsync("zh-CN", 390, 844);
        await page.GotoAsync(Server.PublicUrl + "/Account/Register");

        // First a wrong amount: a clear message and nothing created.
        await page.GetByLabel("户号").FillAsync(number);
        await page.GetByLabel("最近账单金额（元）").FillAsync("1.23");
        await page.GetByLabel("您的姓名").FillAsync("新客户");
        await page.GetByLabel("电子邮箱", new() { Exact = true }).FillAsync("e2e.new@example.com");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("a long passphrase");
        await page.GetByLabel("确认密码").FillAsync("a long passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("register-errors")).ToContainTextAsync("无法用该账单金额验证此户号");
        await ScreenshotAsync(page, "register-wrong-amount-zh-CN-phone");

        await page.GetByLabel("最近账单金额（元）").FillAsync(amount);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("a long passphrase");
        await page.GetByLabel("确认密码").FillAsync("a long passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("RegisterConfirmation"));

        // The confirmation page says the same for every address; the link is in the email (the development sink),
        // built from the configured public address.
        var link = await DemoData.LatestEmailLinkAsync(Server, "e2e.new@example.com");
        Assert.StartsWith(Server.PublicUrl + "/Account/ConfirmEmail?", link);
        await page.GotoAsync(link);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "e2e.new@example.com", "a long passphrase");
        await new ShellPage(page).WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText(number).First).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, "register-done-home-zh-CN-phone");
        await page.Context.CloseAsync();
    }
}
