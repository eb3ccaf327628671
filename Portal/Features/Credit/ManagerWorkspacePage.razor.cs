using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Resources;

namespace Portal.Features.Credit;

public partial class ManagerWorkspacePage
{
    [Parameter] public Guid? AccountId { get; set; }
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private ManagerWorkspaceService Workspace { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IStringLocalizer<SharedResource> Loc { get; set; } = default!;

    private IReadOnlyList<ManagedAccountRow>? accounts;
    private ManagerThread? thread;
    private bool threadLoading;
    private bool busy;
    private string? reply;

    protected override async Task OnParametersSetAsync()
    {
        var user = (await Auth).User;
        if (AccountId is { } id)
        {
            threadLoading = true;
            thread = await Workspace.ThreadAsync(user, id);
            threadLoading = false;
        }
        accounts = await Workspace.AccountsAsync(user);
    }

    private static Color AlertColor(ManagerAlert alert) => alert switch
    {
        ManagerAlert.TierDropped or ManagerAlert.HazardOverdue => Color.Error,
        ManagerAlert.HazardDueSoon or ManagerAlert.OpenComplaint or ManagerAlert.ForecastAboveThreshold => Color.Warning,
        _ => Color.Info,
    };

    private async Task ReplyAsync()
    {
        if (AccountId is not { } id) return;
        busy = true;
        try
        {
            var user = (await Auth).User;
            var outcome = await Workspace.ReplyAsync(user, id, reply);
            if (outcome == MessageOutcome.Sent)
            {
                reply = null;
                thread = await Workspace.ThreadAsync(user, id);
                Snackbar.Add(Loc["Credit.MessageSent"], Severity.Success);
            }
            else
            {
                Snackbar.Add(outcome == MessageOutcome.Invalid ? Loc["Credit.MessageInvalid", Domain.Credit.ManagerMessage.MaxLength] : Loc["Manager.NotFound"], Severity.Error);
            }
        }
        finally { busy = false; }
    }
}
