using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Resources;

namespace Portal.Features.Safety;

public partial class HazardVerificationPage
{
    [Inject] private HazardService Hazards { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    private IReadOnlyList<HazardRow>? rows;

    protected override async Task OnInitializedAsync() => rows = await Hazards.AwaitingVerificationAsync();

    private async Task VerifyAsync(HazardRow h)
    {
        var ok = await Dialogs.ShowMessageBoxAsync(L["HazardCheck.Verify"], L["HazardCheck.ConfirmVerify", h.AccountNumber],
            yesText: L["HazardCheck.Verify"], cancelText: L["Common.Cancel"]);
        if (ok != true) return;
        Show(await Hazards.VerifyAsync((await Auth).User, h.Id), L["HazardCheck.Verified"]);
        rows = await Hazards.AwaitingVerificationAsync();
    }

    private async Task RejectAsync(HazardRow h)
    {
        var dialog = await Dialogs.ShowAsync<RejectFixDialog>(L["HazardCheck.Reject"], new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: string reason }) return;
        Show(await Hazards.RejectAsync((await Auth).User, h.Id, reason), L["HazardCheck.Rejected"]);
        rows = await Hazards.AwaitingVerificationAsync();
    }

    private void Show(HazardResult result, string success)
    {
        if (result.Outcome == HazardOutcome.Done) Snackbar.Add(success, Severity.Success);
        else if (result.Outcome == HazardOutcome.ReasonRequired) Snackbar.Add(L["HazardCheck.ReasonRequired"], Severity.Error);
        else if (result.Outcome == HazardOutcome.Refused) Snackbar.Add(L[result.DomainCode ?? "Hazards.Refused"], Severity.Error);
        else Snackbar.Add(L["Hazards.NotFound"], Severity.Error);
    }
}
