namespace Portal.E2E.Pages;

/// <summary>The customer's hazard tracker (/hazards) and its report-fixed dialog.</summary>
public sealed class HazardsPage(IPage page)
{
    /// <summary>PNG signature and IHDR start: enough for the portal's content sniffing.</summary>
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    public async Task OpenAsync(string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/hazards");
        await new ShellPage(page).WaitForInteractiveAsync();
    }

    /// <summary>Reports the first open hazard fixed today with a note and a photo; returns the hazard id.</summary>
    public async Task<string> ReportFirstOpenFixedAsync(string note)
    {
        var card = page.Locator("[data-hazard]").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Report fixed", "上报整改") }) }).First;
        var id = await card.GetAttributeAsync("data-hazard") ?? throw new InvalidOperationException("No hazard id on the card.");
        await card.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Report fixed", "上报整改") }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel(Text.For(page, "What was done (optional)", "整改说明（可选）")).FillAsync(note);
        await dialog.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "fixed.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(dialog.GetByText("fixed.png").First).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Submit", "提交"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        return id;
    }

    /// <summary>Reports the hazard whose card shows this text fixed today with a note and a photo; returns the hazard id.</summary>
    public async Task<string> ReportFixedAsync(string cardText, string note)
    {
        var report = Text.For(page, "Report fixed", "上报整改");
        var card = page.Locator("[data-hazard]").Filter(new() { HasText = cardText }).First;
        var id = await card.GetAttributeAsync("data-hazard") ?? throw new InvalidOperationException("No hazard id on the card.");
        await card.GetByRole(AriaRole.Button, new() { Name = report }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel(Text.For(page, "What was done (optional)", "整改说明（可选）")).FillAsync(note);
        // Blazor wires the file input in JS after the dialog's first render; a file set before that is lost.
        await page.WaitForFunctionAsync("() => document.querySelector('[role=dialog] input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await dialog.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "fixed.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(dialog.GetByText("fixed.png").First).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Submit", "提交"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        return id;
    }

    public ILocator Card(string hazardId) => page.Locator($"[data-hazard='{hazardId}']");
}

/// <summary>The staff verification page on the internal endpoint (/backoffice/hazards).</summary>
public sealed class HazardVerificationPage(IPage page)
{
    public async Task VerifyAsync(string baseUrl, string hazardId)
    {
        await page.GotoAsync(baseUrl + "/backoffice/hazards");
        await new ShellPage(page).WaitForInteractiveAsync();
        var verify = Text.For(page, "Verify", "核实通过");
        await page.Locator($"[data-hazard='{hazardId}']").GetByRole(AriaRole.Button, new() { Name = verify, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = verify, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-hazard='{hazardId}']")).ToHaveCountAsync(0);
    }
}

/// <summary>The admin's credit policy page (/backoffice/credit): preview the draft's impact and publish it.</summary>
public sealed class CreditPolicyPage(IPage page)
{
    public async Task OpenAsync(string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/backoffice/credit");
        await new ShellPage(page).WaitForInteractiveAsync();
    }

    public async Task PreviewAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Preview impact", "预览影响") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("impact")).ToBeVisibleAsync();
    }

    public async Task PublishAsync()
    {
        var publish = Text.For(page, "Publish", "发布");
        await page.GetByRole(AriaRole.Button, new() { Name = publish, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = publish, Exact = true }).ClickAsync();
    }
}
