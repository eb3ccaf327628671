using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Infrastructure.Security;

namespace Portal.Features.Accounts;

public partial class AccountsPage
{
    [Inject] private AccountsService Accounts { get; set; } = default!;
    [Inject] private AccountBindingService Binding { get; set; } = default!;
    [Inject] private AccountSharingService Sharing { get; set; } = default!;
    [Inject] private InteractiveLimiter Limiter { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private IReadOnlyList<AccountDetails>? accounts;
    private IReadOnlyList<HeldAccount>? held;
    private MudForm? form;
    private string number = "", amount = "";
    private string? message, sharingMessage;
    private Severity severity, sharingSeverity;
    private bool busy;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var user = (await Auth).User;
        accounts = await Accounts.OwnAccountsAsync(user);
        held = await Sharing.HeldAccountsAsync(user);
    }

    private async Task BindAsync()
    {
        var userId = AccountAccessService.UserId((await Auth).User)!;
        busy = true;
        try
        {
            if (!Limiter.TryAcquire(InteractiveAction.AccountBinding, userId))
            {
                (message, severity) = (L["Accounts.TooManyAttempts"], Severity.Warning);
                return;
            }
            var outcome = await Binding.BindAsync(userId, number, amount);
            (message, severity) = outcome switch
            {
                BindingOutcome.Bound => (L["Accounts.Bound", number.Trim()].Value, Severity.Success),
                BindingOutcome.AlreadyBound => (L["Accounts.AlreadyBound"].Value, Severity.Info),
                BindingOutcome.JoinRequested => (L["Accounts.JoinRequested", number.Trim()].Value, Severity.Info),
                BindingOutcome.AlreadyRequested => (L["Accounts.AlreadyRequested"].Value, Severity.Info),
                BindingOutcome.InvalidInput => (L["Bind.InvalidInput"].Value, Severity.Error),
                BindingOutcome.Locked => (L["Bind.Locked"].Value, Severity.Error),
                _ => (L["Bind.NotVerified"].Value, Severity.Error),
            };
            if (outcome is BindingOutcome.Bound or BindingOutcome.JoinRequested)
            {
                number = amount = "";
                await LoadAsync();
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task DecideAsync(PendingJoin request, bool approve)
    {
        var user = (await Auth).User;
        busy = true;
        try
        {
            var outcome = approve ? await Sharing.ApproveAsync(user, request.RequestId) : await Sharing.DenyAsync(user, request.RequestId);
            (sharingMessage, sharingSeverity) = outcome switch
            {
                SharingOutcome.Done when approve => (L["Accounts.Approved", request.DisplayName].Value, Severity.Success),
                SharingOutcome.Done => (L["Accounts.Denied", request.DisplayName].Value, Severity.Info),
                SharingOutcome.Expired => (L["Accounts.RequestExpired"].Value, Severity.Warning),
                _ => (L["Accounts.SharingGone"].Value, Severity.Warning),
            };
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RevokeAsync(HeldAccount account, SharedAccess access)
    {
        var question = L["Accounts.RevokeQuestion", access.DisplayName, access.MaskedEmail, account.AccountNumber].Value;
        if (await Dialogs.ShowMessageBoxAsync(L["Accounts.Revoke"], question, L["Accounts.Revoke"], cancelText: L["Common.Cancel"]) != true) return;
        busy = true;
        try
        {
            var outcome = await Sharing.RevokeAsync((await Auth).User, access.BindingId);
            (sharingMessage, sharingSeverity) = outcome == SharingOutcome.Done
                ? (L["Accounts.Revoked", access.DisplayName, account.AccountNumber].Value, Severity.Success)
                : (L["Accounts.SharingGone"].Value, Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
