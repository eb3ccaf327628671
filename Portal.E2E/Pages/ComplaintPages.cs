namespace Portal.E2E.Pages;

/// <summary>The customer's side of a complaint: file one, open it, accept or reopen the resolution.</summary>
public sealed class CustomerComplaintPage(IPage page)
{
    /// <summary>Files a complaint and returns its URL (the detail page the form leads to).</summary>
    public async Task<string> FileAsync(string baseUrl, string description)
    {
        await page.GotoAsync(baseUrl + "/complaints/new");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByLabel(Text.For(page, "Description", "问题描述")).FillAsync(description);
        await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Submit complaint", "提交投诉") }).ClickAsync();
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/complaints/[0-9a-f-]{36}$"));
        return page.Url;
    }

    public async Task OpenAsync(string url)
    {
        await page.GotoAsync(url);
        await new ShellPage(page).WaitForInteractiveAsync();
    }

    public ILocator Status => page.GetByTestId("status");

    public ILocator Actions => page.GetByTestId("customer-actions");

    /// <summary>Writes to the handler from the detail page; the message appears in the timeline.</summary>
    public async Task SendMessageAsync(string text)
    {
        var box = page.GetByTestId("customer-message").GetByLabel(Text.For(page, "Your message", "留言内容"));
        await box.FillAsync(text);
        await box.BlurAsync();
        await page.GetByTestId("send-message").ClickAsync();
        await Assertions.Expect(page.GetByTestId("timeline").GetByText(text)).ToBeVisibleAsync();
    }

    public async Task ReopenAsync(string reason)
    {
        await page.GetByLabel(Text.For(page, "Why is it not solved?", "为什么问题仍未解决？")).FillAsync(reason);
        await page.GetByTestId("reopen").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reopen")).ToHaveCountAsync(0);
    }
}

/// <summary>The handler's work page for one complaint on the intranet.</summary>
public sealed class ComplaintHandlingPage(IPage page)
{
    /// <summary>Opens the complaint once the routing job has put it in a queue (the claim button appears then).</summary>
    public async Task OpenWhenClaimableAsync(string baseUrl, string id)
    {
        var claim = page.GetByTestId("claim");
        for (var attempt = 0; attempt < 20 && await claim.CountAsync() == 0; attempt++)
        {
            await page.GotoAsync($"{baseUrl}/backoffice/complaints/{id}");
            await new ShellPage(page).WaitForInteractiveAsync();
            if (await claim.CountAsync() == 0) await page.WaitForTimeoutAsync(1000);
        }
    }

    /// <summary>Claims the complaint, records the first contact and sends the customer an answer.</summary>
    public async Task ClaimContactAndReplyAsync(string reply)
    {
        await page.GetByTestId("claim").ClickAsync();
        await page.GetByTestId("contact").ClickAsync();
        await page.GetByLabel(Text.For(page, "Reply to the customer", "答复客户")).FillAsync(reply);
        await page.GetByTestId("reply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reply")).ToHaveCountAsync(0);
    }

    /// <summary>Resolves with "Fixed" and a text for the customer, confirming in the dialog.</summary>
    public async Task ResolveAsFixedAsync(string text)
    {
        await page.Locator(".mud-select").Filter(new() { HasText = Text.For(page, "Resolution code", "处理结果代码") }).Locator(".mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = Text.For(page, "Fixed", "已修复") }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await page.GetByLabel(Text.For(page, "Resolution for the customer", "给客户的处理说明")).FillAsync(text);
        await page.GetByTestId("resolve").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Resolve", "办结") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("resolve")).ToHaveCountAsync(0);
    }

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await new ShellPage(page).WaitForInteractiveAsync();
    }
}
