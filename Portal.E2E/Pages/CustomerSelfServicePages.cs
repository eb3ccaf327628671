namespace Portal.E2E.Pages;

/// <summary>A customer's usage page: history charts with their data tables, and the exports.</summary>
public sealed class UsageHistoryPage(IPage page)
{
    public async Task OpenAsync(string baseUrl, string accountId)
    {
        await page.GotoAsync($"{baseUrl}/usage/{accountId}");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByTestId("chart-monthly").WaitForAsync();
    }

    /// <summary>Switches a chart to its data table and returns the table's body rows.</summary>
    public async Task<ILocator> ShowTableAsync(string chartTestId)
    {
        var chart = page.GetByTestId(chartTestId);
        await chart.GetByRole(AriaRole.Switch).Or(chart.GetByRole(AriaRole.Checkbox)).First.CheckAsync();
        var table = chart.GetByTestId("chart-table");
        await table.WaitForAsync();
        return table.Locator("tbody tr");
    }

    /// <summary>Clicks an export button and returns the downloaded file.</summary>
    public async Task<(string FileName, string Text)> DownloadAsync(string buttonText)
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByTestId("exports").GetByRole(AriaRole.Link, new() { Name = buttonText }).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path));
    }
}

/// <summary>A bill with its line items and the "why did my bill change" explanation.</summary>
public sealed class BillExplanationPage(IPage page)
{
    public async Task OpenLatestAsync(string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/bills");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByTestId("bills-grid").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByTestId("bill-total").WaitForAsync();
    }

    public ILocator Explanation => page.GetByTestId("bill-change");
}

/// <summary>Service activities the customer can rate.</summary>
public sealed class ActivityRatingPage(IPage page)
{
    public async Task OpenAsync(string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/activities");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByTestId("activity").First.WaitForAsync();
    }

    /// <summary>Rates the first activity that still awaits a rating and returns its card.</summary>
    public async Task<ILocator> RateFirstUnratedAsync(int stars, string comment)
    {
        var card = page.GetByTestId("activity").Filter(new() { Has = page.GetByTestId("rate") }).First;
        var summary = await card.Locator("p, .mud-typography-body2").First.InnerTextAsync();
        await card.GetByTestId("rate").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator(".mud-rating-item").Nth(stars - 1).ClickAsync();
        await dialog.GetByRole(AriaRole.Textbox).Last.FillAsync(comment);
        await dialog.GetByTestId("save-rating").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        return page.GetByTestId("activity").Filter(new() { HasText = summary }).First;
    }
}

/// <summary>The customer's credit page, with the customer-manager message panel.</summary>
public sealed class ManagerMessagesPanel(IPage page)
{
    public ILocator ManagerPanel => page.GetByTestId("manager-panel");

    public async Task OpenAsync(string baseUrl, string accountId)
    {
        await page.GotoAsync($"{baseUrl}/credit/{accountId}");
        await new ShellPage(page).WaitForInteractiveAsync();
        await ManagerPanel.WaitForAsync();
    }

    public async Task SendToManagerAsync(string text)
    {
        var box = ManagerPanel.GetByRole(AriaRole.Textbox);
        await box.FillAsync(text);
        await box.BlurAsync();   // the text field binds on change; Send is enabled once it has the text
        await ManagerPanel.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Send", "发送") }).ClickAsync();
        await Assertions.Expect(ManagerPanel.GetByText(text)).ToBeVisibleAsync();
    }
}
