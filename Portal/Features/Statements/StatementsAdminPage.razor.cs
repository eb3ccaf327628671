using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Portal.Features.Statements;

/// <summary>Issued statements, and the issuing run's progress pushed to the open page while a run is going.</summary>
public partial class StatementsAdminPage : IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(30);

    [Inject] private StatementAdminService Admin { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private MudDataGrid<IssuedStatementRow>? grid;
    private IssueProgress? progress;
    private string? account;
    private bool queued;
    private DateTime? queuedAtUtc;
    private CancellationTokenSource? watching;
    private bool following;

    private double Percent => progress is { BillsLastPeriod: > 0 } p ? 100.0 * p.IssuedLastPeriod / p.BillsLastPeriod : 0;

    private string LastRun(DateTime at) => IssueRunState.Parse(progress?.LastRunState) is { } run
        ? L[run.Finished ? "StatementsAdmin.LastRunFinished" : "StatementsAdmin.LastRunRunning", Portal.Components.Shared.Format.DateTime(at), run.Issued, run.Skipped, run.Failed]
        : L["StatementsAdmin.LastRun", Portal.Components.Shared.Format.DateTime(at)];

    protected override async Task OnInitializedAsync()
    {
        progress = await Admin.ProgressAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Interactive only (not while prerendering): follow a run someone else started.
        if (firstRender && IssueRunState.Parse(progress?.LastRunState) is { Finished: false }) { Watch(); StateHasChanged(); }
    }

    /// <summary>Polls the run's checkpoint (works across instances) and re-renders until the run this page is waiting for finishes.</summary>
    private void Watch()
    {
        if (watching is not null) return;
        following = true;
        watching = new CancellationTokenSource();
        _ = WatchAsync(watching.Token);
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        var giveUpAt = Clock.GetUtcNow().UtcDateTime + GiveUpAfter;
        using var timer = new PeriodicTimer(PollEvery, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = await Admin.ProgressAsync(ct);
                var ours = queuedAtUtc is not { } at || now.LastRunUtc >= at;
                var finished = ours && IssueRunState.Parse(now.LastRunState) is { Finished: true };
                var timedOut = Clock.GetUtcNow().UtcDateTime > giveUpAt;
                await InvokeAsync(async () =>
                {
                    progress = now;
                    if (finished || timedOut)
                    {
                        queued = false;
                        queuedAtUtc = null;
                        following = false;
                        if (grid is not null) await grid.ReloadServerData();
                    }
                    StateHasChanged();
                });
                if (finished || timedOut) break;
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        finally
        {
            watching?.Dispose();
            watching = null;
            following = false;
        }
    }

    public void Dispose()
    {
        try { watching?.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    private async Task<GridData<IssuedStatementRow>> Load(GridState<IssuedStatementRow> state, CancellationToken ct)
    {
        var (rows, total) = await Admin.SearchAsync((await Auth).User, account, state.Page, state.PageSize, ct);
        return new GridData<IssuedStatementRow> { Items = rows, TotalItems = total };
    }

    private async Task OnAccount(string? value)
    {
        account = value;
        if (grid is not null) await grid.ReloadServerData();
    }

    private async Task Refresh()
    {
        progress = await Admin.ProgressAsync();
        if (grid is not null) await grid.ReloadServerData();
    }

    private async Task RunNow()
    {
        queued = true;
        queuedAtUtc = Clock.GetUtcNow().UtcDateTime;
        await Admin.EnqueueRunAsync();
        Snackbar.Add(L["StatementsAdmin.Queued"], Severity.Info);
        Watch();
    }

    private async Task Correct(IssuedStatementRow row)
    {
        var dialog = await Dialogs.ShowAsync<StatementCorrectionDialog>(L["StatementsAdmin.CorrectTitle"]);
        var result = await dialog.Result;
        if (result is null || result.Canceled || result.Data is not string reason) return;
        var (outcome, _) = await Admin.CorrectAsync((await Auth).User, row.Id, reason);
        Snackbar.Add(outcome switch
        {
            CorrectionOutcome.Corrected => L["StatementsAdmin.Corrected", row.AccountNumber, Portal.Components.Shared.Format.Month(row.PeriodStart)],
            CorrectionOutcome.ReasonRequired => L["StatementsAdmin.ReasonRequired"],
            _ => L["NotFound.Title"],
        }, outcome == CorrectionOutcome.Corrected ? Severity.Success : Severity.Error);
        await Refresh();
    }
}
