using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Infrastructure.Security;

namespace Portal.Features.Statements;

public partial class StatementsPage
{
    [Inject] private StatementService Statements { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [CascadingParameter] private EndpointKind Endpoint { get; set; }

    private MudDataGrid<StatementRow>? grid;
    private bool loading = true;
    private Guid? issuing;

    private async Task<GridData<StatementRow>> Load(GridState<StatementRow> state, CancellationToken ct)
    {
        loading = true;
        var (rows, total) = await Statements.ListAsync((await Auth).User, state.Page, state.PageSize, ct);
        loading = false;
        return new GridData<StatementRow> { Items = rows, TotalItems = total };
    }

    /// <summary>On-demand issue of a missing statement; then straight to it.</summary>
    private async Task Issue(StatementRow row)
    {
        issuing = row.BillId;
        try
        {
            var id = await Statements.IssueForBillAsync((await Auth).User, row.BillId, Endpoint);
            if (id is null)
            {
                Snackbar.Add(L["Statements.IssueFailed"], Severity.Error);
                return;
            }
            Snackbar.Add(L["Statements.Issued"], Severity.Success);
            Nav.NavigateTo($"/statements/{id}");
        }
        finally
        {
            issuing = null;
        }
    }
}
