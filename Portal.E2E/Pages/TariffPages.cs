using System.Text.RegularExpressions;

namespace Portal.E2E.Pages;

/// <summary>The customer's tariff recommendations for one account (/tariffs/{account}).</summary>
public sealed partial class TariffsPage(IPage page)
{
    public async Task OpenFirstAccountAsync(string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/tariffs");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByTestId("tariff-account").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("recommendation-card").First).ToBeVisibleAsync();
        await new ShellPage(page).WaitForInteractiveAsync();
    }

    public ILocator CurrentCost => page.GetByTestId("current-cost");
    public ILocator SwitchStatus => page.GetByTestId("switch-status");

    /// <summary>The account number from the page's subtitle ("Account no.: 1000123 · …").</summary>
    public async Task<string> AccountNumberAsync() => AccountNumber().Match(await page.ContentAsync()).Groups[1].Value;

    /// <summary>Moves the overall-reduction slider right by <paramref name="steps"/> steps of 5 %.</summary>
    public async Task CutAsync(int steps)
    {
        var cut = page.GetByRole(AriaRole.Slider, new() { Name = Text.For(page, "Overall reduction", "总体节电比例") });
        await cut.FocusAsync();
        for (var i = 0; i < steps; i++) await cut.PressAsync("ArrowRight");
    }

    /// <summary>Applies for the package of the first (cheapest) card and confirms.</summary>
    public async Task ApplyForBestAsync()
    {
        await page.GetByTestId("recommendation-card").First
            .GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Apply for this package", "申请此套餐") }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Apply", "提交申请"), Exact = true }).ClickAsync();
        await Assertions.Expect(SwitchStatus).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"(?:Account no\.|户号)[:：]\s*(\d{6,20})")]
    private static partial Regex AccountNumber();
}

/// <summary>The back-office list of package switch requests (/backoffice/tariffs/switches, internal endpoint).</summary>
public sealed class SwitchesPage(IPage page)
{
    public async Task OpenAsync(string internalUrl)
    {
        await page.GotoAsync(internalUrl + "/backoffice/tariffs/switches");
        await new ShellPage(page).WaitForInteractiveAsync();
    }

    public ILocator Row(string accountNumber) => page.GetByTestId("switch-grid").GetByRole(AriaRole.Row).Filter(new() { HasText = accountNumber });

    /// <summary>The row's Approve and Reject buttons, each checked to lie wholly inside the visible page.</summary>
    public async Task AssertDecisionButtonsFitAsync(string accountNumber)
    {
        var width = page.ViewportSize!.Width;
        foreach (var (en, zh) in new[] { ("Approve", "批准"), ("Reject", "驳回") })
        {
            var button = Row(accountNumber).GetByRole(AriaRole.Button, new() { Name = Text.For(page, en, zh), Exact = true });
            await Assertions.Expect(button).ToBeVisibleAsync();
            var box = await button.BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= width, $"The {en} button is cut off: {box?.X}+{box?.Width} of {width}px.");
            // Not hidden under a clipping ancestor either: the middle of the button is the button.
            Assert.True(await button.EvaluateAsync<bool>("b => { const r = b.getBoundingClientRect(); const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return !!e && b.contains(e); }"),
                $"The {en} button is covered or clipped.");
        }
    }

    public async Task ApproveAsync(string accountNumber, string? note = null)
    {
        await Row(accountNumber).GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Approve", "批准"), Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        if (note is not null) await dialog.GetByRole(AriaRole.Textbox).FillAsync(note);
        await dialog.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Approve", "批准"), Exact = true }).ClickAsync();
        await Assertions.Expect(Row(accountNumber)).ToHaveCountAsync(0); // the list shows pending requests
    }
}
