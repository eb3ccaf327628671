using System.Globalization;
using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// Field intake feeding the credit loop across both endpoints: a handler records an inspection with a hazard on the
/// intranet, the household sees it with its deadline, reports it fixed, staff verify, and the credit page lists the event.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class FieldOpsJourneyTests(PortalServer server) : Browsing(server)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>Opens the customer's credit page, shows the breakdown as a table and reads the "hazards found" measure.</summary>
    private async Task<int> HazardsFoundOnCreditPageAsync(IPage customer)
    {
        await customer.GotoAsync(Server.PublicUrl + "/credit");
        await new ShellPage(customer).WaitForInteractiveAsync();
        if (!System.Text.RegularExpressions.Regex.IsMatch(customer.Url, "/credit/[0-9a-f-]{36}$"))
            await customer.Locator("a[href^='/credit/']").First.ClickAsync();
        await Assertions.Expect(customer.GetByTestId("credit-score")).ToBeVisibleAsync();
        await customer.GetByRole(AriaRole.Switch, new() { Name = Text.For(customer, "Show as table", "以表格显示") })
            .Or(customer.GetByRole(AriaRole.Checkbox, new() { Name = Text.For(customer, "Show as table", "以表格显示") })).First.CheckAsync();
        var label = Text.For(customer, "Hazards found", "发现隐患数");
        var cell = customer.Locator("td").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*" + label + ": ") }).First;
        var text = await cell.InnerTextAsync();
        var match = System.Text.RegularExpressions.Regex.Match(text, label + ": (\\d+)");
        Assert.True(match.Success, $"No '{label}' measure in the breakdown: {text}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("zh-CN", "en-US")]
    [InlineData("en-US", "zh-CN")]
    public async Task A_hazard_recorded_by_a_handler_reaches_the_customer_with_its_deadline_and_its_verified_fix_reaches_the_credit_page(
        string staffCulture, string customerCulture)
    {
        var number = await DemoData.AccountNumberOfAsync(Server, "household@demo.local");
        var hazard = (staffCulture == "zh-CN" ? "表箱进水 " : "Meter box water ingress ") + Guid.NewGuid().ToString("N")[..6];

        // The customer, on a phone, first notes how many hazards the credit breakdown counts.
        var customer = await NewPageAsync(customerCulture, 390, 844);
        await new LoginPage(customer).SignInAsync(Server.PublicUrl, "household@demo.local");
        var hazardsBefore = await HazardsFoundOnCreditPageAsync(customer);

        var staff = await NewPageAsync(staffCulture);
        await new LoginPage(staff).SignInAsync(Server.InternalUrl, "handler@demo.local");
        var intake = new FieldOpsPage(staff);
        await intake.OpenAsync(Server.InternalUrl);
        await intake.RecordInspectionAsync(number, hazard);
        await ScreenshotAsync(staff, $"field-ops-recorded-{staffCulture}-desktop");
        await staff.SetViewportSizeAsync(390, 844);
        await intake.OpenAsync(Server.InternalUrl);
        await AssertNoHorizontalScrollAsync(staff);
        await ScreenshotAsync(staff, $"field-ops-{staffCulture}-phone");

        // The customer sees the hazard with the default deadline for a minor hazard (30 days).
        var hazards = new HazardsPage(customer);
        await hazards.OpenAsync(Server.PublicUrl);
        var card = customer.Locator("[data-hazard]").Filter(new() { HasText = hazard });
        var deadline = Today.AddDays(30);
        var shown = customerCulture == "zh-CN"
            ? deadline.ToString("yyyy年M月d日", CultureInfo.GetCultureInfo("zh-CN"))
            : deadline.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-US"));
        await Assertions.Expect(card).ToContainTextAsync(shown);
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, $"field-ops-hazard-customer-{customerCulture}-phone");

        var hazardId = await hazards.ReportFixedAsync(hazard, customerCulture == "zh-CN" ? "已排水并密封表箱" : "Drained and sealed the meter box.");
        await new HazardVerificationPage(staff).VerifyAsync(Server.InternalUrl, hazardId);
        await hazards.OpenAsync(Server.PublicUrl);
        await Assertions.Expect(hazards.Card(hazardId).GetByText(Text.For(customer, "Fix verified", "整改已核实"))).ToBeVisibleAsync();

        // The credit breakdown counts the recorded hazard (the score is computed from the same facts the review uses).
        Assert.Equal(hazardsBefore + 1, await HazardsFoundOnCreditPageAsync(customer));
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, $"field-ops-credit-event-{customerCulture}-phone");
        await customer.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }
}

/// <summary>
/// The monthly bill run issues a tier-A account's bill with the tier's deferred payment days: the account's holder
/// registers (number and latest bill amount) and the bill page shows the deferred due date.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class DeferredDueDateJourneyTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("zh-CN", 0)]
    [InlineData("en-US", 1)]
    public async Task A_tier_A_customers_bill_shows_the_deferred_due_date(string culture, int which)
    {
        var found = await DemoData.UnboundTierABillAsync(Server, which)
            ?? throw new InvalidOperationException("The demo has no unbound tier-A account with a bill from the bill run.");
        var (number, billId, amount, dueDate, days) = found;
        var due = DateOnly.Parse(dueDate, CultureInfo.InvariantCulture);
        var email = $"e2e.tier-a.{culture.ToLowerInvariant()}@example.com";

        // The holder registers with the number and the bill's amount (the registration form in Chinese, as in RegistrationJourneyTests).
        var register = await NewPageAsync("zh-CN", 390, 844);
        await register.GotoAsync(Server.PublicUrl + "/Account/Register");
        await register.GetByLabel("户号").FillAsync(number);
        await register.GetByLabel("最近账单金额（元）").FillAsync(amount);
        await register.GetByLabel("您的姓名").FillAsync("信用A级客户");
        await register.GetByLabel("电子邮箱", new() { Exact = true }).FillAsync(email);
        await register.GetByLabel("密码", new() { Exact = true }).FillAsync("a long passphrase");
        await register.GetByLabel("确认密码").FillAsync("a long passphrase");
        await register.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();
        await register.WaitForURLAsync(u => u.Contains("RegisterConfirmation"));
        await register.GotoAsync(await DemoData.LatestEmailLinkAsync(Server, email));
        await register.Context.CloseAsync();

        var customer = await NewPageAsync(culture, 390, 844);
        await new LoginPage(customer).SignInAsync(Server.PublicUrl, email, "a long passphrase");
        await customer.GotoAsync($"{Server.PublicUrl}/bills/{billId.ToLowerInvariant()}");
        await new ShellPage(customer).WaitForInteractiveAsync();
        // The page speaks the customer's saved language (Chinese, from registration) or the browser's: either way the date is the same day.
        var shown = new System.Text.RegularExpressions.Regex(
            System.Text.RegularExpressions.Regex.Escape(due.ToString("yyyy年M月d日", CultureInfo.GetCultureInfo("zh-CN"))) + "|" +
            System.Text.RegularExpressions.Regex.Escape(due.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-US"))));
        await Assertions.Expect(customer.GetByTestId("bill-due")).ToContainTextAsync(shown);
        await Assertions.Expect(customer.GetByTestId("bill-deferred")).ToContainTextAsync(days.ToString(CultureInfo.InvariantCulture));
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, $"bill-deferred-due-{culture}-phone");
        await customer.Context.CloseAsync();
    }
}

/// <summary>The field system's CSV: a file with a bad row is refused whole and every bad row is named; a good file lands once.</summary>
[Collection(PortalServerCollection.Name)]
public class FieldImportJourneyTests(PortalServer server) : Browsing(server)
{
    private static async Task UploadAsync(IPage page, string csv)
    {
        // Blazor wires the file input in JS after the first interactive render; a file set before that is lost.
        await page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "jobs.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_file_with_a_bad_row_writes_nothing_and_names_the_line_and_column_then_the_corrected_file_lands(string culture)
    {
        var number = await DemoData.AccountNumberOfAsync(Server, "neighbour@demo.local");
        var reference = "WO-" + Guid.NewGuid().ToString("N")[..8];
        var when = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var header = "source,reference,account,type,done_at,staff,outcome,reason,summary";
        var good = $"pms,{reference},{number},MeterReplacement,{when},张师傅,Completed,,智能电能表轮换";

        var staff = await NewPageAsync(culture);
        await new LoginPage(staff).SignInAsync(Server.InternalUrl, "handler@demo.local");
        await staff.GotoAsync(Server.InternalUrl + "/backoffice/field-ops/import");
        await new ShellPage(staff).WaitForInteractiveAsync();
        await UploadAsync(staff, $"{header}\n{good}\npms,{reference}-2,{number},MeterReplacement,{when},张师傅,CouldNotComplete,,未完成\n");
        await Assertions.Expect(staff.GetByTestId("field-import-errors")).ToContainTextAsync(Text.For(staff, "Line 3, column reason", "第 3 行，reason 列"));
        await ScreenshotAsync(staff, $"field-import-errors-{culture}-desktop");
        await staff.SetViewportSizeAsync(390, 844);
        await AssertNoHorizontalScrollAsync(staff);
        await ScreenshotAsync(staff, $"field-import-errors-{culture}-phone");

        await staff.ReloadAsync();
        await new ShellPage(staff).WaitForInteractiveAsync();
        await UploadAsync(staff, $"{header}\n{good}\n");
        await Assertions.Expect(staff.GetByTestId("field-import-result")).ToContainTextAsync(Text.For(staff, "1 job added, 0 already recorded.", "新增 1 条工单，0 条此前已录入。"));
        await staff.Context.CloseAsync();
    }
}
