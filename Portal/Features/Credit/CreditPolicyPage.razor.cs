using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain.Credit;
using Portal.Infrastructure.Localization;
using Portal.Resources;

namespace Portal.Features.Credit;

public partial class CreditPolicyPage : IDisposable
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private CreditAdminService Admin { get; set; } = default!;
    [Inject] private ManagerAssignmentService Managers { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IStringLocalizer<SharedResource> Loc { get; set; } = default!;

    private PolicyEditorModel? model;
    private Guid stamp;
    private IReadOnlyList<PolicyProblem> problems = [];
    private ImpactView? impact;
    private IReadOnlyList<PolicyVersionRow> versions = [];
    private IReadOnlyList<ManagerOption> managerOptions = [];
    private ReviewRunView? run;
    private bool busy;
    private string? adjustAccount, adjustReason, overrideAccount, overrideManager;
    private CreditIndicator adjustIndicator;
    private decimal adjustPoints;
    private PeriodicTimer? timer;

    protected override async Task OnInitializedAsync()
    {
        await LoadDraftAsync();
        versions = await Admin.VersionsAsync();
        managerOptions = await Managers.ManagersAsync();
        run = await Admin.LatestRunAsync();
        _ = PollRunAsync();
    }

    /// <summary>Refreshes the review-run progress every 2 s while the page is open (a publish runs in the background).</summary>
    private async Task PollRunAsync()
    {
        timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync())
            {
                var latest = await Admin.LatestRunAsync();
                if (latest != run)
                {
                    run = latest;
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task LoadDraftAsync()
    {
        var draft = await Admin.DraftAsync((await Auth).User);
        model = new PolicyEditorModel(draft.Document);
        stamp = draft.ConcurrencyStamp;
        problems = draft.Problems;
        impact = null;
    }

    private async Task<bool> SaveCoreAsync()
    {
        var (result, newStamp) = await Admin.SaveDraftAsync((await Auth).User, model!.ToDocument(), stamp);
        stamp = newStamp;
        problems = result.Problems;
        if (result.Outcome == AdminOutcome.Conflict)
        {
            Snackbar.Add(Loc["CreditAdmin.Conflict"], Severity.Warning);
            await LoadDraftAsync();
            return false;
        }
        return result.Outcome is AdminOutcome.Done or AdminOutcome.Invalid;
    }

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            if (await SaveCoreAsync())
                Snackbar.Add(problems.Count == 0 ? Loc["CreditAdmin.Saved"] : Loc.Plural("CreditAdmin.SavedWithProblems", problems.Count),
                    problems.Count == 0 ? Severity.Success : Severity.Warning);
        }
        finally { busy = false; }
    }

    private async Task PreviewAsync()
    {
        busy = true;
        try
        {
            var (view, found) = await Admin.PreviewAsync(model!.ToDocument());
            problems = found;
            impact = view;
        }
        finally { busy = false; }
    }

    private async Task PublishAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(Loc["CreditAdmin.Publish"], Loc["CreditAdmin.ConfirmPublish", model!.Version],
            yesText: Loc["CreditAdmin.Publish"], cancelText: Loc["Common.Cancel"]);
        if (confirmed != true) return;
        busy = true;
        try
        {
            if (!await SaveCoreAsync()) return;
            var result = await Admin.PublishAsync((await Auth).User, model.Version);
            problems = result.Problems;
            if (result.Outcome != AdminOutcome.Done)
            {
                Snackbar.Add(Loc.Plural("CreditAdmin.PublishRefused", problems.Count), Severity.Error);
                return;
            }
            Snackbar.Add(Loc["CreditAdmin.Published", model.Version], Severity.Success);
            versions = await Admin.VersionsAsync();
            await LoadDraftAsync();
        }
        finally { busy = false; }
    }

    private async Task DiscardAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(Loc["CreditAdmin.Discard"], Loc["CreditAdmin.ConfirmDiscard", model!.Version],
            yesText: Loc["CreditAdmin.Discard"], cancelText: Loc["Common.Cancel"]);
        if (confirmed != true) return;
        await Admin.DiscardDraftAsync((await Auth).User, model.Version);
        await LoadDraftAsync();
        versions = await Admin.VersionsAsync();
    }

    private async Task AdjustAsync()
    {
        busy = true;
        try
        {
            var result = await Admin.AdjustAsync((await Auth).User, adjustAccount ?? "", adjustIndicator, adjustPoints, adjustReason);
            switch (result.Outcome)
            {
                case AdminOutcome.Done:
                    Snackbar.Add(Loc["CreditAdmin.Adjusted"], Severity.Success);
                    adjustReason = null;
                    adjustPoints = 0;
                    break;
                case AdminOutcome.NotFound:
                    Snackbar.Add(Loc["CreditAdmin.AccountNotFound"], Severity.Error);
                    break;
                default:
                    Snackbar.Add(Loc[result.Problems[0].Code], Severity.Error);
                    break;
            }
        }
        finally { busy = false; }
    }

    private async Task OverrideAsync()
    {
        busy = true;
        try
        {
            var accountId = await Admin.AccountIdAsync(overrideAccount);
            var ok = accountId is { } id && await Managers.OverrideAsync((await Auth).User, id, overrideManager);
            Snackbar.Add(ok ? Loc["CreditAdmin.ManagerSaved"] : Loc["CreditAdmin.AccountNotFound"], ok ? Severity.Success : Severity.Error);
        }
        finally { busy = false; }
    }

    public void Dispose() => timer?.Dispose();
}
