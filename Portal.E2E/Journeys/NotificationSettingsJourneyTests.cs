using Microsoft.Data.Sqlite;
using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// A customer on a phone opens the notification settings from the account menu, opts in to offers by email and turns
/// alert emails off, saves, and finds the choice kept after a reload; and the unsubscribe link of a demo email opens its
/// confirmation page without signing in — in both languages.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class NotificationSettingsJourneyTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("zh-CN", "household@demo.local")]
    [InlineData("en-US", "business@demo.local")]
    public async Task A_customer_on_a_phone_changes_the_settings_from_the_account_menu_and_they_stay(string culture, string email)
    {
        var page = await NewPageAsync(culture, 390, 844);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, email);
        await page.GotoAsync(Server.PublicUrl + "/");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Account menu", "账户菜单") }).ClickAsync();
        var title = Text.For(page, "Notification settings", "通知设置");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await new ShellPage(page).WaitForInteractiveAsync();

        var offersByEmail = page.GetByTestId("topic-Offers").GetByLabel(Text.For(page, "By email", "邮件"));
        var alertsByEmail = page.GetByTestId("topic-Alerts").GetByLabel(Text.For(page, "By email", "邮件"));
        await Assertions.Expect(offersByEmail).Not.ToBeCheckedAsync();   // offers are opt-in
        await Assertions.Expect(alertsByEmail).ToBeCheckedAsync();
        // Statement-ready messages are a service message: on until the customer turns them off.
        await Assertions.Expect(page.GetByTestId("topic-Statements").GetByLabel(Text.For(page, "By email", "邮件"))).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("topic-Statements").GetByRole(AriaRole.Heading, new() { Name = Text.For(page, "Statements and bills", "电费账单") })).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"notification-settings-{culture}-phone");

        await offersByEmail.CheckAsync();
        await alertsByEmail.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Save", "保存"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText(Text.For(page, "Your notification settings are saved.", "通知设置已保存。"))).ToBeVisibleAsync();
        await ScreenshotAsync(page, $"notification-settings-saved-{culture}-phone");

        await page.ReloadAsync();
        await new ShellPage(page).WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("topic-Offers").GetByLabel(Text.For(page, "By email", "邮件"))).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("topic-Alerts").GetByLabel(Text.For(page, "By email", "邮件"))).Not.ToBeCheckedAsync();

        // Put things back for the other journeys on this server.
        await page.GetByTestId("topic-Offers").GetByLabel(Text.For(page, "By email", "邮件")).UncheckAsync();
        await page.GetByTestId("topic-Alerts").GetByLabel(Text.For(page, "By email", "邮件")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Save", "保存"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText(Text.For(page, "Your notification settings are saved.", "通知设置已保存。"))).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(1366, 900);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await ScreenshotAsync(page, $"notification-settings-{culture}-desktop");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("zh-CN", "不再接收", "此链接无效")]
    [InlineData("en-US", "Stop emails about", "This link does not work")]
    public async Task The_unsubscribe_link_of_an_email_opens_its_confirmation_without_signing_in_and_a_broken_one_says_so(string culture, string confirm, string invalid)
    {
        var link = await UnsubscribeLinkAsync();
        var page = await NewPageAsync(culture, 390, 844);
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(confirm);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Stop these emails", "确认退订") })).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"unsubscribe-confirm-{culture}-phone");

        await page.GotoAsync(link[..^4] + "AAAA");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(invalid);
        await ScreenshotAsync(page, $"unsubscribe-invalid-{culture}-phone");
        await page.Context.CloseAsync();
    }

    /// <summary>The unsubscribe link of a complaint-update email: the household files a complaint, the portal writes the email.</summary>
    private async Task<string> UnsubscribeLinkAsync()
    {
        if (await NewestUnsubscribeLinkAsync() is { } link) return link;
        var household = await NewPageAsync("zh-CN");
        await new LoginPage(household).SignInAsync(Server.PublicUrl, "household@demo.local");
        await new CustomerComplaintPage(household).FileAsync(Server.PublicUrl, "门口的路灯一到晚上就闪，请派人检查线路。");
        await household.Context.CloseAsync();
        for (var i = 0; i < 50; i++)
        {
            if (await NewestUnsubscribeLinkAsync() is { } written) return written;
            await Task.Delay(200);
        }
        throw new InvalidOperationException("No email with an unsubscribe link in the sink.");
    }

    private async Task<string?> NewestUnsubscribeLinkAsync()
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(Server.DataFolder, "portal.db")};Mode=ReadOnly");
        await conn.OpenAsync();
        var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT HtmlBody FROM EmailMessages WHERE UnsubscribeUrl IS NOT NULL ORDER BY Id DESC LIMIT 1";
        if (await cmd.ExecuteScalarAsync() is not string body) return null;
        var href = System.Text.RegularExpressions.Regex.Match(body, "href=\"([^\"]*/unsubscribe\\?t=[^\"]+)\"");
        return System.Net.WebUtility.HtmlDecode(href.Groups[1].Value);
    }
}
