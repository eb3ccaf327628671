using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Features.Accounts;
using Portal.Infrastructure.Localization;

namespace Portal.Features.Complaints.BackOffice;

/// <summary>The handler's queues; counts and list follow new routing and others' claims while the page is open.</summary>
public partial class ComplaintQueuesPage : IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(10);
    private CancellationTokenSource? live;

    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private ComplaintWorkService Work { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private ComplaintClock Clock { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

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

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        live = new CancellationTokenSource();
        _ = FollowAsync(live.Token);
    }

    /// <summary>
    /// Polls the queue counts (one grouped query; works across instances) and, when they change — a complaint routed,
    /// claimed, answered or overdue — refreshes the counts and the list in place and says how many arrived.
    /// </summary>
    private async Task FollowAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PollEvery, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = await Work.QueueCountsAsync(ct);
                if (counts is not null && now.SequenceEqual(counts)) continue;
                var arrived = now.Sum(c => c.Open) - (counts?.Sum(c => c.Open) ?? 0);
                await InvokeAsync(async () =>
                {
                    counts = now;
                    await Reload();
                    if (arrived > 0) Snackbar.Add(L.Plural("Work.Arrived", arrived), Severity.Info);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        live?.Cancel();
        live?.Dispose();
    }

    private string QueueName(string code) => ComplaintUi.QueueName(L, code);

    private async Task PickQueue(string? q) { queue = q == queue ? null : q; await Reload(); }
    private async Task OnTracking(string? v) { tracking = v; await Reload(); }
    private async Task OnMine(bool v) { mine = v; await Reload(); }
    private async Task OnOverdue(bool v) { overdue = v; await Reload(); }
    private async Task OnOpenOnly(bool v) { openOnly = v; await Reload(); }
    private async Task Reload() { if (grid is not null) await grid.ReloadServerData(); }
}
