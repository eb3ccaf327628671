using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Infrastructure.Security;
using Portal.Resources;

namespace Portal.Features.Credit;

public partial class ManagerWorkspacePage
{
    /// <summary>Accounts per page: a phone screen or two, not the whole book.</summary>
    public const int PageSize = 20;

    [Parameter] public Guid? AccountId { get; set; }
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    /// <summary>The listener the page was requested on: outside the internal one, only the assigned manager sees names.</summary>
    [CascadingParameter] private EndpointKind Endpoint { get; set; }
    [Inject] private ManagerWorkspaceService Workspace { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IStringLocalizer<SharedResource> Loc { get; set; } = default!;

    private ManagedAccountsPage? result;
    private ManagerAccountView? view;
    private bool viewLoading;
    private bool busy;
    private int sent;
    private string? search, region;
    private bool alertsOnly;
    private int page;

    /// <summary>
    /// The account view read while prerendering, handed to the interactive render: one visit reads the account, and
    /// audits the viewing, once (not once for the prerendered HTML and again when the circuit starts).
    /// </summary>
    [PersistentState] public ManagerAccountView? PrerenderedView { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (AccountId is { } id)
        {
            if (PrerenderedView is { } kept && kept.AccountId == id && RendererInfo.IsInteractive)
            {
                view = kept;
                PrerenderedView = null;   // a later visit within the circuit reads (and audits) afresh
                return;
            }
            viewLoading = true;
            view = await Workspace.AccountViewAsync((await Auth).User, id, Endpoint);
            if (!RendererInfo.IsInteractive) PrerenderedView = view;
            viewLoading = false;
        }
        else
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync() =>
        result = await Workspace.SearchAsync((await Auth).User, new ManagedAccountQuery(search, region, alertsOnly, page, PageSize, Audit: true), Endpoint);

    private async Task OnSearch(string? value)
    {
        search = value;
        page = 0;
        await LoadAsync();
    }

    private async Task OnRegion(string? value)
    {
        region = value;
        page = 0;
        await LoadAsync();
    }

    private async Task OnAlertsOnly(bool value)
    {
        alertsOnly = value;
        page = 0;
        await LoadAsync();
    }

    private async Task OnPage(int selected)
    {
        page = selected - 1;
        await LoadAsync();
    }

    private async Task ReplyAsync(string? reply)
    {
        if (AccountId is not { } id) return;
        busy = true;
        try
        {
            var user = (await Auth).User;
            var outcome = await Workspace.ReplyAsync(user, id, reply, Endpoint);
            if (outcome == MessageOutcome.Sent)
            {
                view = view is null ? null : view with { Thread = (await Workspace.ThreadAsync(user, id, Endpoint))! };
                Snackbar.Add(Loc["Credit.MessageSent"], Severity.Success);
                sent++;
                return;
            }
            Snackbar.Add(outcome == MessageOutcome.Invalid ? Loc["Credit.MessageInvalid", Domain.Credit.ManagerMessage.MaxLength] : Loc["Manager.NotFound"], Severity.Error);
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
            view = await Workspace.AccountViewAsync(user, id, Endpoint);
        }
        finally { busy = false; }
    }
}
