using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Portal.Features.Statements;

public partial class StatementsAdminPage
{
    [Inject] private StatementAdminService Admin { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private MudDataGrid<IssuedStatementRow>? grid;
    private IssueProgress? progress;
    private string? account;
    private bool queued;

    private double Percent => progress is { BillsLastPeriod: > 0 } p ? 100.0 * p.IssuedLastPeriod / p.BillsLastPeriod : 0;

    private string LastRun(DateTime at) => IssueRunState.Parse(progress?.LastRunState) is { } run
        ? L[run.Finished ? "StatementsAdmin.LastRunFinished" : "StatementsAdmin.LastRunRunning", Portal.Components.Shared.Format.DateTime(at), run.Issued, run.Skipped, run.Failed]
        : L["StatementsAdmin.LastRun", Portal.Components.Shared.Format.DateTime(at)];

    protected override async Task OnInitializedAsync() => progress = await Admin.ProgressAsync();

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
        await Admin.EnqueueRunAsync();
        Snackbar.Add(L["StatementsAdmin.Queued"], Severity.Info);
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
