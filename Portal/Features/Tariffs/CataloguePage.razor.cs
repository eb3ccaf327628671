using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Domain.Accounts;
using Portal.Domain.Tariffs;

namespace Portal.Features.Tariffs;

/// <summary>Admin catalogue: versions list, JSON editor with the validator's findings, publish, import/export, try it.</summary>
public sealed partial class CataloguePage
{
    private const long MaxJsonBytes = 256 * 1024;
    private const long MaxCsvBytes = 20 * 1024 * 1024;

    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private CatalogueService Catalogue { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<PackageVersionRow>? versions;
    private PackageVersionDetail? selected;
    private string json = "";
    private IReadOnlyList<TariffProblem>? problems;
    private DateTime? publishDate;
    private TrialResult? trial;
    private CustomerType trialType = CustomerType.Residential;
    private VoltageLevel trialVoltage = VoltageLevel.Low;
    private decimal trialCapacity = 10;
    private decimal? trialDeclared;

    private DateOnly Today => Catalogue.Today;
    /// <summary>A new text (nothing selected) or a draft can be edited; published and retired versions are frozen.</summary>
    private bool Editable => selected is null || selected.Row.Status == PackageVersionStatus.Draft;
    private string EditorTitle => selected is null ? L["Catalogue.NewDraft"] : $"{selected.Row.Code} v{selected.Row.Version} · {Components.Shared.Format.Enum(L, selected.Row.Status)}";

    protected override async Task OnInitializedAsync() => versions = await Catalogue.ListAsync();

    private async Task Open(Guid id)
    {
        selected = await Catalogue.GetAsync(id);
        json = selected?.Json ?? "";
        problems = null;
        trial = null;
        publishDate = Today.AddDays(1).ToDateTime(TimeOnly.MinValue);
    }

    private void NewDraft()
    {
        selected = null;
        json = "";
        problems = null;
    }

    private void CopyToDraft()
    {
        selected = null;
        problems = null;
    }

    private void CheckJson() => problems = CatalogueService.Check(json).Problems;

    private async Task SaveDraft()
    {
        var (id, check) = await Catalogue.SaveDraftAsync((await Auth).User, selected?.Row.Id, json);
        problems = check.Problems;
        if (id is null)
        {
            Snackbar.Add(L["Catalogue.NotSaved"], Severity.Error);
            return;
        }
        Snackbar.Add(L["Catalogue.Saved"], Severity.Success);
        versions = await Catalogue.ListAsync();
        await Open(id.Value);
        problems = check.Problems;
    }

    private async Task Publish()
    {
        if (selected is null || publishDate is null) return;
        var effective = DateOnly.FromDateTime(publishDate.Value);
        var ok = await Dialogs.ShowMessageBoxAsync(L["Catalogue.Publish"],
            L["Catalogue.PublishConfirm", selected.Row.Code, selected.Row.Version, Components.Shared.Format.Date(effective)],
            yesText: L["Catalogue.Publish"], cancelText: L["Common.Cancel"]);
        if (ok != true) return;
        var error = await Catalogue.PublishAsync((await Auth).User, selected.Row.Id, effective);
        if (error is not null)
        {
            Snackbar.Add(L[error], Severity.Error);
            return;
        }
        Snackbar.Add(L["Catalogue.Published"], Severity.Success);
        versions = await Catalogue.ListAsync();
        await Open(selected.Row.Id);
    }

    private async Task ImportJson(InputFileChangeEventArgs e)
    {
        if (e.File.Size > MaxJsonBytes) { Snackbar.Add(L["Catalogue.FileTooLarge"], Severity.Error); return; }
        using var reader = new StreamReader(e.File.OpenReadStream(MaxJsonBytes));
        json = await reader.ReadToEndAsync();
        selected = null;
        CheckJson();
    }

    private async Task TryReadings(InputFileChangeEventArgs e)
    {
        if (e.File.Size > MaxCsvBytes) { Snackbar.Add(L["Catalogue.FileTooLarge"], Severity.Error); return; }
        using var reader = new StreamReader(e.File.OpenReadStream(MaxCsvBytes));
        var csv = await reader.ReadToEndAsync();
        trial = CatalogueService.Try(json, csv, new AccountProfile(trialType, trialVoltage, trialCapacity, ""), trialDeclared);
    }
}
