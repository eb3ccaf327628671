using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Portal.Features.Complaints.Customer;

public partial class ComplaintDetailPage
{
    [Parameter] public Guid Id { get; set; }
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private CustomerComplaintService Complaints { get; set; } = default!;
    [Inject] private ComplaintClock Clock { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private ComplaintDetail? detail;
    private bool loading = true, busy;
    private DateTime now;
    private string? reopenReason, handlingComment, message;
    private int handlingScore;
    private IReadOnlyList<ComplaintError> errors = [];

    protected override async Task OnParametersSetAsync() => await Load();

    private async Task Load()
    {
        now = Clock.Now;
        detail = await Complaints.DetailAsync((await Auth).User, Id);
        loading = false;
    }

    private async Task Confirm()
    {
        var yes = await Dialogs.ShowMessageBoxAsync(L["Complaints.Confirm"], L["Complaints.ConfirmQuestion"].Value, L["Complaints.Confirm"], cancelText: L["Common.Cancel"]);
        if (yes != true) return;
        await Run(user => Complaints.ConfirmAsync(user, Id, detail!.Version));
    }

    private Task Reopen() => Run(user => Complaints.ReopenAsync(user, Id, detail!.Version, reopenReason ?? ""));

    private async Task SendMessage()
    {
        var result = await Complaints.AddMessageAsync((await Auth).User, Id, detail!.Version, message);
        errors = result.Errors;
        if (result.Ok)
        {
            message = null;
            Snackbar.Add(L["Complaints.MessageSent"], Severity.Success);
        }
        await Load();
    }

    private Task Rate() => Run(user => Complaints.RateHandlingAsync(user, Id, detail!.Version, handlingScore, handlingComment));

    private async Task Run(Func<System.Security.Claims.ClaimsPrincipal, Task<ActionResult>> action)
    {
        busy = true;
        var result = await action((await Auth).User);
        busy = false;
        errors = result.Errors;
        if (result.Ok) Snackbar.Add(L["Complaints.Saved"], Severity.Success);
        await Load();
    }
}
