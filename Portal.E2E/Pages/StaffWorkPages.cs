namespace Portal.E2E.Pages;

/// <summary>The customer manager's workspace: key accounts with alerts, and one account's message thread.</summary>
public sealed class ManagerWorkspacePage(IPage page)
{
    public async Task OpenAsync(string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/manager");
        await new ShellPage(page).WaitForInteractiveAsync();
        await Accounts.WaitForAsync();
    }

    public ILocator Accounts => page.GetByTestId("managed-accounts");

    public ILocator Account(string accountNumber) => page.Locator($"[data-account='{accountNumber}']");

    /// <summary>The account view's header with its alert chips.</summary>
    public ILocator AccountView => page.GetByTestId("manager-account");

    /// <summary>Types into the search box; the list shows the matches (paged, 20 at a time).</summary>
    public async Task SearchAsync(string text)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = Text.For(page, "Search accounts", "搜索账户") }).FillAsync(text);
        await Assertions.Expect(page.GetByTestId("manager-summary")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("\\b1\\b|有 1 个"));
    }

    public async Task BackToListAsync()
    {
        await page.GetByTestId("back-to-accounts").ClickAsync();
        await Accounts.WaitForAsync();
    }

    public async Task OpenThreadAsync(string accountNumber)
    {
        await SearchAsync(accountNumber);
        await Account(accountNumber).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/manager/"));
        await page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = accountNumber }).WaitForAsync();
    }

    /// <summary>Reading marks nothing: the manager says "read" with a click.</summary>
    public async Task MarkReadAsync() =>
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("as read|标为已读") }).ClickAsync();

    public async Task ReplyAsync(string text)
    {
        var box = page.GetByLabel(Text.For(page, "Reply", "回复"));
        await box.FillAsync(text);
        await box.BlurAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Send", "发送"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText(text)).ToBeVisibleAsync();
    }
}

/// <summary>The admin's tariff catalogue: versions, the JSON editor, drafts.</summary>
public sealed class TariffCataloguePage(IPage page)
{
    public async Task OpenAsync(string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/backoffice/tariffs");
        await new ShellPage(page).WaitForInteractiveAsync();
        await Versions.WaitForAsync();
    }

    public ILocator Versions => page.GetByTestId("catalogue-versions");

    public ILocator Json => page.GetByRole(AriaRole.Textbox, new() { Name = "JSON" });

    public async Task OpenVersionAsync(string code) =>
        await Versions.GetByRole(AriaRole.Button, new() { Name = code, Exact = true }).First.ClickAsync();

    /// <summary>Copies the open version into a new draft, applies an edit to its JSON and saves it.</summary>
    public async Task SaveEditedDraftAsync(Func<string, string> edit)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "New draft from this version", "以此版本新建草稿") }).ClickAsync();
        var json = await Json.InputValueAsync();
        await Json.FillAsync(edit(json));
        await Json.BlurAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Save draft", "保存草稿") }).ClickAsync();
    }
}
