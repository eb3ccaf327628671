using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Features.Accounts;

namespace Portal.Features.Complaints.BackOffice;

public partial class ComplaintQueuesPage
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private ComplaintWorkService Work { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private ComplaintClock Clock { get; set; } = default!;

    private MudDataGrid<WorkItem>? grid;
    private IReadOnlyList<QueueCount>? counts;
    private IReadOnlyList<string> queues = [];
    private string? queue, tracking, me;
    private bool mine, overdue, openOnly = true;

    protected override async Task OnInitializedAsync()
    {
        me = AccountAccessService.UserId((await Auth).User);
        counts = await Work.QueueCountsAsync();
        queues = await Work.QueuesAsync();
    }

    private async Task<GridData<WorkItem>> Load(GridState<WorkItem> state, CancellationToken ct)
    {
        var (rows, total) = await Work.ListAsync((await Auth).User, new WorkFilter(queue, null, openOnly, mine, overdue, tracking), state.Page, state.PageSize, ct);
        return new GridData<WorkItem> { Items = rows, TotalItems = total };
    }

    private string QueueName(string code) => ComplaintUi.QueueName(L, code);

    private async Task PickQueue(string? q) { queue = q == queue ? null : q; await Reload(); }
    private async Task OnTracking(string? v) { tracking = v; await Reload(); }
    private async Task OnMine(bool v) { mine = v; await Reload(); }
    private async Task OnOverdue(bool v) { overdue = v; await Reload(); }
    private async Task OnOpenOnly(bool v) { openOnly = v; await Reload(); }
    private async Task Reload() { if (grid is not null) await grid.ReloadServerData(); }
}
