using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Infrastructure.Security;
using Portal.Resources;

namespace Portal.Features.Credit;

public partial class ManagerWorkspacePage
{
    [Parameter] public Guid? AccountId { get; set; }
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    /// <summary>The listener the page was requested on: outside the internal one, only the assigned manager sees names.</summary>
    [CascadingParameter] private EndpointKind Endpoint { get; set; }
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
            thread = await Workspace.ThreadAsync(user, id, Endpoint);
            threadLoading = false;
        }
        accounts = await Workspace.AccountsAsync(user, Endpoint);
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
            var outcome = await Workspace.ReplyAsync(user, id, reply, Endpoint);
            if (outcome == MessageOutcome.Sent)
            {
                reply = null;
                thread = await Workspace.ThreadAsync(user, id, Endpoint);
                Snackbar.Add(Loc["Credit.MessageSent"], Severity.Success);
            }
            else
            {
                Snackbar.Add(outcome == MessageOutcome.Invalid ? Loc["Credit.MessageInvalid", Domain.Credit.ManagerMessage.MaxLength] : Loc["Manager.NotFound"], Severity.Error);
            }
        }
        finally { busy = false; }
    }

    // An explicit click in the circuit: rendering the thread (also its prerendered GET) never marks anything read.
    private async Task MarkReadAsync()
    {
        if (AccountId is not { } id) return;
        busy = true;
        try
        {
            var user = (await Auth).User;
            if (await Workspace.MarkReadAsync(user, id) is null) Snackbar.Add(Loc["Manager.NotFound"], Severity.Error);
            thread = await Workspace.ThreadAsync(user, id, Endpoint);
            accounts = await Workspace.AccountsAsync(user, Endpoint);
        }
        finally { busy = false; }
    }
}
