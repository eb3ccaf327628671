using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Complaints;
using Portal.Features.Accounts;

namespace Portal.Features.Complaints.BackOffice;

public partial class ComplaintWorkPage
{
    [Parameter] public Guid Id { get; set; }
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private ComplaintWorkService Work { get; set; } = default!;
    [Inject] private ComplaintClock Clock { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private WorkDetail? work;
    private IReadOnlyList<string> queues = [];
    private bool loading = true, busy;
    private DateTime now;
    private string? me, contactNote, reply, resolutionCode, resolutionText, transferTo, transferReason, note;
    private IReadOnlyList<ComplaintError> errors = [];

    private bool Mine => work?.ClaimedBy is not null && work.ClaimedBy == me;

    /// <summary>The resource key of what the handler does next, or null when nothing is theirs to do.</summary>
    private string? NextStep => work is null ? null : work.Complaint.Status switch
    {
        ComplaintStatus.Resolved or ComplaintStatus.Closed or ComplaintStatus.Submitted => null,
        _ when work.ClaimedBy is null => "Work.Next.Claim",
        _ when !Mine => null,
        ComplaintStatus.Routed or ComplaintStatus.Reopened => "Work.Next.Contact",
        ComplaintStatus.Contacted => "Work.Next.Reply",
        ComplaintStatus.Replied => "Work.Next.Resolve",
        _ => null,
    };

    protected override async Task OnParametersSetAsync()
    {
        me = AccountAccessService.UserId((await Auth).User);
        queues = await Work.QueuesAsync();
        await Load();
    }

    private async Task Load()
    {
        now = Clock.Now;
        work = await Work.DetailAsync(Id);
        loading = false;
    }

    private int Version => work!.Complaint.Version;

    private Task Claim() => Run(u => Work.ClaimAsync(u, Id, Version));
    private Task Release() => Run(u => Work.ReleaseAsync(u, Id, Version));
    private Task Contact() => Run(u => Work.RecordContactAsync(u, Id, Version, contactNote), () => contactNote = null);
    private Task Reply() => Run(u => Work.ReplyAsync(u, Id, Version, reply ?? ""), () => reply = null);
    private Task AddNote() => Run(u => Work.AddNoteAsync(u, Id, Version, note ?? ""), () => note = null);

    private async Task Transfer()
    {
        if (string.IsNullOrWhiteSpace(transferTo)) { errors = [new ComplaintError("Complaint.QueueRequired")]; return; }
        var yes = await Dialogs.ShowMessageBoxAsync(L["Work.Transfer"], L["Work.TransferQuestion", transferTo].Value, L["Work.Transfer"], cancelText: L["Common.Cancel"]);
        if (yes != true) return;
        await Run(u => Work.TransferAsync(u, Id, Version, transferTo, transferReason ?? ""), () => { transferTo = null; transferReason = null; });
    }

    private async Task Resolve()
    {
        var yes = await Dialogs.ShowMessageBoxAsync(L["Work.Resolve"], L["Work.ResolveQuestion"].Value, L["Work.Resolve"], cancelText: L["Common.Cancel"]);
        if (yes != true) return;
        await Run(u => Work.ResolveAsync(u, Id, Version, resolutionCode ?? "", resolutionText ?? ""));
    }

    private async Task Run(Func<ClaimsPrincipal, Task<ActionResult>> action, Action? onSuccess = null)
    {
        busy = true;
        var result = await action((await Auth).User);
        busy = false;
        errors = result.Errors;
        if (result.Ok)
        {
            onSuccess?.Invoke();
            Snackbar.Add(L["Complaints.Saved"], Severity.Success);
        }
        // Reload either way: after a conflict the handler sees what the other handler did.
        await Load();
    }
}
