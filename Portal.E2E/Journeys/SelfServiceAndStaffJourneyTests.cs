using Microsoft.Data.Sqlite;
using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// Journeys from the J.D. Power task list and the staff roles: consumption history and the bill explained, data
/// export and rating a service visit; the customer manager answers a message; the admin drafts a package, reads
/// the analytics and opens the job dashboard.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class SelfServiceAndStaffJourneyTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("zh-CN", 390, 844, "phone")]
    [InlineData("en-US", 1366, 900, "desktop")]
    public async Task A_household_reads_its_consumption_history_and_why_its_bill_changed(string culture, int width, int height, string viewport)
    {
        var page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        var usage = new UsageHistoryPage(page);
        await usage.OpenAsync(Server.PublicUrl, await AccountOfAsync("household@demo.local"));

        // The monthly chart reads as a table too: one row per month of history (14 in the E2E demo).
        var months = await usage.ShowTableAsync("chart-monthly");
        Assert.True(await months.CountAsync() >= 12, $"Only {await months.CountAsync()} months of history.");
        await Assertions.Expect(months.First).ToContainTextAsync(Text.For(page, "kWh", "kWh"));
        if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"journey-usage-history-{culture}-{viewport}");

        var bill = new BillExplanationPage(page);
        await bill.OpenLatestAsync(Server.PublicUrl);
        // Billed kWh follow the statement's rule, two decimals, so the page and the PDF print the same figure.
        var billText = await page.Locator("main").InnerTextAsync();
        Assert.Matches(@"\d\.\d{2} kWh", billText);
        Assert.DoesNotMatch(@"\.\d{3} ?kWh", billText);
        await Assertions.Expect(bill.Explanation.GetByRole(AriaRole.Heading, new() { Name = Text.For(page, "Why did my bill change?", "账单为什么变了？") })).ToBeVisibleAsync();
        // Either a comparison with the previous month and its reasons, or the plain statement that there is none.
        await Assertions.Expect(bill.Explanation).ToContainTextAsync(new System.Text.RegularExpressions.Regex("¥|￥"));
        await bill.Explanation.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, $"journey-bill-explained-{culture}-{viewport}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_household_exports_its_daily_usage_as_csv_and_rates_a_service_visit()
    {
        var page = await NewPageAsync("en-US");
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        var usage = new UsageHistoryPage(page);
        await usage.OpenAsync(Server.PublicUrl, await AccountOfAsync("household@demo.local"));

        var (file, csv) = await usage.DownloadAsync("CSV, daily totals with TOU split");
        Assert.EndsWith(".csv", file);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 300, $"The daily export has {lines.Length} lines for 14 months.");
        Assert.Contains("kwh", lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}", lines[1].Trim('"'));

        var activities = new ActivityRatingPage(page);
        await activities.OpenAsync(Server.PublicUrl);
        var rated = await activities.RateFirstUnratedAsync(stars: 4, comment: "The fitter was on time and explained the new meter.");
        await Assertions.Expect(page.GetByText("Thank you, your rating was saved.")).ToBeVisibleAsync();
        await Assertions.Expect(rated.GetByRole(AriaRole.Button, new() { Name = "Change rating" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "journey-activity-rated-en-US-desktop");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_customer_manager_sees_the_unread_alert_and_answers_the_business_customer()
    {
        var (accountId, accountNumber) = await ManagedAccountOfAsync("business@demo.local", "manager@demo.local");
        var question = $"Can we move the night shift to the valley hours next month? ({Guid.NewGuid():N})"[..72];
        var answer = "Yes: I will send the valley-hour tariff comparison tomorrow.";

        var customer = await NewPageAsync("en-US", 390, 844);
        await new LoginPage(customer).SignInAsync(Server.PublicUrl, "business@demo.local");
        var panel = new ManagerMessagesPanel(customer);
        await panel.OpenAsync(Server.PublicUrl, accountId);
        await panel.SendToManagerAsync(question);

        var manager = await NewPageAsync("zh-CN");
        await new LoginPage(manager).SignInAsync(Server.PublicUrl, "manager@demo.local");
        var workspace = new ManagerWorkspacePage(manager);
        await workspace.OpenAsync(Server.PublicUrl);
        // Paged, at most 20 to a page: the list is no longer one 7,000 px column on a phone.
        Assert.InRange(await workspace.Accounts.Locator("[data-account]").CountAsync(), 1, 20);
        await workspace.SearchAsync(accountNumber);
        await Assertions.Expect(workspace.Account(accountNumber)).ToContainTextAsync("未读留言");
        await ScreenshotAsync(manager, "journey-manager-alerts-zh-CN-desktop");
        await workspace.OpenThreadAsync(accountNumber);
        await Assertions.Expect(manager.GetByText(question)).ToBeVisibleAsync();
        // The account view shows what lies behind the alerts: credit, usage, bills, hazards, complaints.
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "近期电费账单" })).ToBeVisibleAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "未消除的安全隐患" })).ToBeVisibleAsync();
        await workspace.ReplyAsync(answer);
        await ScreenshotAsync(manager, "journey-manager-replied-zh-CN-desktop");
        // Opening and answering the thread left the message unread until the manager marks it read.
        await Assertions.Expect(workspace.AccountView).ToContainTextAsync("未读留言");
        await workspace.MarkReadAsync();
        await Assertions.Expect(workspace.AccountView).Not.ToContainTextAsync("未读留言");
        await workspace.BackToListAsync();
        await workspace.SearchAsync(accountNumber);
        await Assertions.Expect(workspace.Account(accountNumber)).Not.ToContainTextAsync("未读留言");

        await panel.OpenAsync(Server.PublicUrl, accountId);
        await Assertions.Expect(panel.ManagerPanel.GetByText(answer)).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "journey-manager-answer-en-US-phone");
        await customer.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_drafts_a_package_reads_the_analytics_and_opens_the_job_dashboard()
    {
        var page = await NewPageAsync("en-US");
        await new LoginPage(page).SignInAsync(Server.InternalUrl, "admin@demo.local");

        var catalogue = new TariffCataloguePage(page);
        await catalogue.OpenAsync(Server.InternalUrl);
        var draftsBefore = await catalogue.Versions.Locator("tr", new() { HasText = "Draft" }).CountAsync();
        await catalogue.OpenVersionAsync("XJ-BIZ-GREEN");
        await Assertions.Expect(catalogue.Json).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Business green power"));
        await catalogue.SaveEditedDraftAsync(json => json.Replace("\"greenPremiumPerKwh\": 0.03", "\"greenPremiumPerKwh\": 0.035"));
        await Assertions.Expect(page.GetByText("Draft saved.")).ToBeVisibleAsync();
        await Assertions.Expect(catalogue.Versions.Locator("tr", new() { HasText = "Draft" })).ToHaveCountAsync(draftsBefore + 1);
        await Assertions.Expect(catalogue.Json).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("0\\.035"));
        await ScreenshotAsync(page, "journey-admin-package-draft-en-US-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = "Complaint analytics" }).ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith("/backoffice/complaints/analytics"));
        var card = page.GetByTestId("chart-card").First;
        await card.WaitForAsync();
        await card.GetByRole(AriaRole.Switch).Or(card.GetByRole(AriaRole.Checkbox)).First.CheckAsync();
        await Assertions.Expect(card.GetByTestId("chart-table").Or(card.GetByText("No data in this period yet."))).ToBeVisibleAsync();
        await ScreenshotAsync(page, "journey-admin-analytics-en-US-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = "Background jobs" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/jobs"));
        await Assertions.Expect(page.GetByText("Recurring Jobs").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "journey-admin-jobs-en-US-desktop");
        await page.Context.CloseAsync();
    }

    private async Task<string> AccountOfAsync(string email) =>
        (await QueryAsync("SELECT b.AccountId, '' FROM AccountBindings b JOIN AspNetUsers u ON u.Id = b.UserId WHERE u.Email = $a ORDER BY b.AccountId LIMIT 1", email, "")).Id;

    private Task<(string Id, string Number)> ManagedAccountOfAsync(string customer, string manager) => QueryAsync("""
        SELECT a.Id, a.AccountNumber FROM Accounts a
        JOIN AccountBindings b ON b.AccountId = a.Id JOIN AspNetUsers c ON c.Id = b.UserId
        JOIN AspNetUsers m ON m.Id = a.CustomerManagerId
        WHERE c.Email = $a AND m.Email = $b ORDER BY a.AccountNumber LIMIT 1
        """, customer, manager);

    private async Task<(string Id, string Number)> QueryAsync(string sql, string a, string b)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(Server.DataFolder, "portal.db")};Mode=ReadOnly");
        await conn.OpenAsync();
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$a", a);
        cmd.Parameters.AddWithValue("$b", b);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException($"The demo data has no row for {a} {b}.");
        return (reader.GetString(0).ToLowerInvariant(), reader.GetString(1));
    }
}
