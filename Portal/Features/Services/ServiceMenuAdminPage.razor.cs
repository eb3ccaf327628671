using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain.Service;
using Portal.Features.Tariffs;
using Portal.Resources;

namespace Portal.Features.Services;

public partial class ServiceMenuAdminPage
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private ServiceCatalogAdminService Admin { get; set; } = default!;
    [Inject] private TariffCatalog Tariffs { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IStringLocalizer<SharedResource> Loc { get; set; } = default!;

    private CatalogEditorModel? model;
    private IReadOnlyList<CatalogProblem> problems = [];
    private IReadOnlyList<CatalogVersionView> versions = [];
    private IReadOnlyList<(string Code, string Name)> packages = [];
    private bool busy;

    private static bool IsZh => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    protected override async Task OnInitializedAsync()
    {
        packages = Tariffs.All.Select(p => (p.Code, BillsService.Localized(p.Name))).ToList();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var current = await Admin.CurrentAsync();
        model = new CatalogEditorModel(current.Version, current.Catalog.Items);
        problems = [];
        versions = await Admin.VersionsAsync();
    }

    private void Add() => model!.Items.Add(new CatalogItemEditor { IsNew = true, Team = ServiceTeam.CustomerManager });

    private async Task PublishAsync()
    {
        var catalog = model!.ToCatalog();
        problems = catalog.Validate();
        if (problems.Count > 0) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(Loc["ServiceMenuAdmin.Publish"], Loc["ServiceMenuAdmin.ConfirmPublish", model.BaseVersion + 1],
            yesText: Loc["ServiceMenuAdmin.Publish"], cancelText: Loc["Common.Cancel"]);
        if (confirmed != true) return;
        busy = true;
        try
        {
            var result = await Admin.PublishAsync((await Auth).User, model.BaseVersion, catalog);
            problems = result.Problems;
            switch (result.Outcome)
            {
                case CatalogPublishOutcome.Published:
                    Snackbar.Add(Loc["ServiceMenuAdmin.Published", result.Version!], Severity.Success);
                    await LoadAsync();
                    break;
                case CatalogPublishOutcome.Conflict:
                    Snackbar.Add(Loc["ServiceMenuAdmin.Conflict"], Severity.Warning);
                    await LoadAsync();
                    break;
            }
        }
        finally { busy = false; }
    }
}
