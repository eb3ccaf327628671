using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Service;
using Portal.Features.Home;
using Portal.Resources;

namespace Portal.Features.Services;

/// <summary>
/// The personalised service menu on the customer's home page, for one of their accounts at a time: the most relevant
/// services first, each with the reason from the account's own numbers; "Request" asks for an optional note and sends
/// the request; open requests replace the button. What the customer actually saw is recorded as impressions once
/// the circuit is interactive (not during prerendering), so a page load counts once.
/// </summary>
public partial class ServiceMenuPanel
{
    [Parameter, EditorRequired] public IReadOnlyList<AccountSummary> Accounts { get; set; } = [];
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private ServiceMenuService Menu { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IStringLocalizer<SharedResource> Loc { get; set; } = default!;

    private Guid accountId;
    private ServiceMenuView? menu;
    private bool showAll, busy, impressionsPending;

    private IEnumerable<MenuItemView> Shown => ServiceMenuList.Visible(menu!, showAll);

    protected override async Task OnParametersSetAsync()
    {
        if (Accounts.Count == 0 || Accounts.Any(a => a.Id == accountId)) return;
        accountId = Accounts[0].Id;
        await LoadAsync(recordImpressions: true);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!impressionsPending || menu is null || !RendererInfo.IsInteractive) return;
        impressionsPending = false;
        await Menu.RecordImpressionsAsync((await Auth).User, menu.AccountId, Shown.Select(i => i.Code).ToList());
    }

    private async Task LoadAsync(bool recordImpressions)
    {
        menu = await Menu.MenuAsync((await Auth).User, accountId);
        if (recordImpressions) showAll = false;
        impressionsPending = recordImpressions;
    }

    private async Task SelectAsync(Guid id)
    {
        if (id == Guid.Empty || id == accountId) return;
        accountId = id;
        menu = null;
        await LoadAsync(recordImpressions: true);
    }

    private async Task ShowAllAsync()
    {
        var before = Shown.Select(i => i.Code).ToHashSet();
        showAll = true;
        await Menu.RecordImpressionsAsync((await Auth).User, menu!.AccountId, menu.Items.Select(i => i.Code).Where(c => !before.Contains(c)).ToList());
    }

    private async Task RequestAsync(MenuItemView item)
    {
        var parameters = new DialogParameters<ServiceRequestDialog> { { d => d.Description, item.Description } };
        var dialog = await Dialogs.ShowAsync<ServiceRequestDialog>(item.Title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is not { Canceled: false, Data: string note }) return;
        busy = true;
        try
        {
            var outcome = await Menu.RequestAsync((await Auth).User, accountId, item.Code, note);
            switch (outcome.Kind)
            {
                case ServiceRequestOutcomeKind.Created:
                    Snackbar.Add(Loc["ServiceMenu.Requested", item.Title], Severity.Success);
                    break;
                case ServiceRequestOutcomeKind.AlreadyOpen:
                    Snackbar.Add(Loc["ServiceMenu.AlreadyOpen"], Severity.Info);
                    break;
                default:
                    Snackbar.Add(outcome.ErrorKey is { } key ? Loc[key] : Loc["ServiceMenu.RequestFailed"], Severity.Error);
                    break;
            }
            await LoadAsync(recordImpressions: false);
        }
        finally { busy = false; }
    }
}
