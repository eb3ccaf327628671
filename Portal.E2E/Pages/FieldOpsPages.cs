namespace Portal.E2E.Pages;

/// <summary>The field operations intake on the internal endpoint (/backoffice/field-ops).</summary>
public sealed class FieldOpsPage(IPage page)
{
    public async Task OpenAsync(string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/backoffice/field-ops");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByTestId("inspection-form").WaitForAsync();
    }

    /// <summary>Records an inspection dated today with one hazard at the default severity and deadline.</summary>
    public async Task RecordInspectionAsync(string accountNumber, string hazard)
    {
        var form = page.GetByTestId("inspection-form");
        await form.GetByTestId("inspection-account").FillAsync(accountNumber);
        await form.GetByTestId("hazard-1").GetByLabel(Text.For(page, "What was found", "隐患描述")).FillAsync(hazard);
        await form.GetByTestId("record-inspection").ClickAsync();
        await Assertions.Expect(page.GetByTestId("field-recent")).ToContainTextAsync(accountNumber);
    }
}
