using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Portal.Features.Tariffs;

public partial class BillDetailPage
{
    [Parameter] public Guid BillId { get; set; }
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private BillsService Bills { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private BillDetail? detail;
    private bool loading = true;
    private bool showSplitTable;
    private List<ChartSeries<double>> splitSeries = [];
    private string[] splitLabels = [];
    private List<BreadcrumbItem> crumbs = [];

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.AddHours(8));

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        crumbs = [new(L["Bills.Title"], "/bills"), new(L["Bill.Title"], null, disabled: true)];
        detail = await Bills.GetAsync((await Auth).User, BillId);
        if (detail?.Breakdown is { } bd)
        {
            var labels = bd.KwhByPeriod.Select(p => Components.Shared.Format.Enum(L, p.Period))
                .Concat(bd.KwhByTier.Select(t => (string)L["Tariff.TierN", t.Tier])).ToArray();
            var values = bd.KwhByPeriod.Select(p => (double)p.Kwh).Concat(bd.KwhByTier.Select(t => (double)t.Kwh)).ToArray();
            splitLabels = labels;
            splitSeries = [new ChartSeries<double> { Name = "kWh", Data = values }];
        }
        loading = false;
    }

    private static string Signed(decimal yuan) => (yuan > 0 ? "+" : yuan < 0 ? "−" : "") + Components.Shared.Format.Money(Math.Abs(yuan));

    private string NoteText(string key, BillBreakdown bd) => key switch
    {
        "Bill.EstimatedIntervals" => L[key, bd.EstimatedIntervals, bd.ExpectedIntervals, Components.Shared.Format.Enum(L, bd.Estimation)],
        _ => L[key],
    };
}
