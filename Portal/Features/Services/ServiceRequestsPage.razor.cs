using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain.Service;
using Portal.Resources;

namespace Portal.Features.Services;

public partial class ServiceRequestsPage
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private ServiceRequestService Requests { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IStringLocalizer<SharedResource> Loc { get; set; } = default!;

    private IReadOnlyList<QueueRow>? rows;
    private int total, page;
    private ServiceTeam? team;
    private ServiceRequestStatus? status = ServiceRequestStatus.Open;
    private bool busy;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => (rows, total) = await Requests.QueueAsync((await Auth).User, team, status, page);

    private async Task TeamChangedAsync(ServiceTeam? value)
    {
        team = value;
        page = 0;
        await LoadAsync();
    }

    private async Task StatusChangedAsync(ServiceRequestStatus? value)
    {
        status = value;
        page = 0;
        await LoadAsync();
    }

    private async Task PageChangedAsync(int selected)
    {
        page = selected - 1;
        await LoadAsync();
    }

    private async Task CloseAsync(QueueRow row, bool decline)
    {
        var parameters = new DialogParameters<CloseRequestDialog>
        {
            { d => d.Decline, decline },
            { d => d.Summary, $"{row.AccountNumber} · {Loc[ServiceMenuService.NameKey(row.ServiceCode)]}" },
        };
        var dialog = await Dialogs.ShowAsync<CloseRequestDialog>(decline ? Loc["ServiceQueue.Decline"] : Loc["ServiceQueue.Complete"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is not { Canceled: false, Data: string text }) return;
        busy = true;
        try
        {
            var user = (await Auth).User;
            var result = decline ? await Requests.DeclineAsync(user, row.Id, text) : await Requests.CompleteAsync(user, row.Id, text);
            if (result.Outcome == CloseOutcome.Closed)
                Snackbar.Add(decline ? Loc["ServiceQueue.Declined"] : Loc["ServiceQueue.Completed"], Severity.Success);
            else
                Snackbar.Add(result.ErrorKey is { } key ? Loc[key] : Loc["Common.NotFound"], Severity.Warning);
            await LoadAsync();
        }
        finally { busy = false; }
    }
}
