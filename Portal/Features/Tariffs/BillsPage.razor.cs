using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Features.Tariffs;

/// <summary>
/// The customer's bills, newest first, a page at a time. The page of rows is loaded while prerendering and carried into
/// the circuit (<see cref="PersistentStateAttribute"/>), so a slow phone reads its bills before the circuit is up and the
/// circuit does not load them again.
/// </summary>
public partial class BillsPage
{
    public static readonly int[] PageSizes = [12, 24, 48];

    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private BillsService Bills { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [PersistentState] public List<BillRow>? Rows { get; set; }
    [PersistentState] public int Total { get; set; }
    [PersistentState] public int PageIndex { get; set; }
    [PersistentState] public int PageSize { get; set; }   // 0 until the first load

    // The column names each stacked row shows on a phone (data-label), looked up once per render, not per cell.
    private string periodLabel = "", accountLabel = "", kwhLabel = "", amountLabel = "", dueLabel = "", statusLabel = "";

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.AddHours(8));
    private int LastPage => Math.Max(0, (Total - 1) / PageSize);
    private int First => Total == 0 ? 0 : PageIndex * PageSize + 1;
    private int Last => Math.Min(Total, (PageIndex + 1) * PageSize);

    protected override async Task OnInitializedAsync()
    {
        if (PageSize == 0) PageSize = PageSizes[0];
        if (Rows is null) await LoadAsync();
    }

    protected override void OnParametersSet()
    {
        periodLabel = L["Bills.Period"];
        accountLabel = L["Account.Number"];
        kwhLabel = L["Bills.Kwh"];
        amountLabel = L["Bills.Amount"];
        dueLabel = L["Bills.DueDate"];
        statusLabel = L["Bills.Status"];
    }

    private async Task GoAsync(int page)
    {
        PageIndex = Math.Clamp(page, 0, LastPage);
        await LoadAsync();
    }

    private async Task SizeChangedAsync(ChangeEventArgs e)
    {
        if (!int.TryParse(e.Value?.ToString(), out var size) || !PageSizes.Contains(size)) return;
        PageSize = size;
        PageIndex = 0;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var (rows, total) = await Bills.ListAsync((await Auth).User, null, PageIndex, PageSize);
        Rows = [.. rows];
        Total = total;
    }
}
