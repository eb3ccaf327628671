using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Components.Charts;

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
    private PlotSpec splitChart = new();
    private List<BreadcrumbItem> crumbs = [];

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.AddHours(8));

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        crumbs = [new(L["Bills.Title"], "/bills"), new(L["Bill.Title"], null, disabled: true)];
        detail = await Bills.GetAsync((await Auth).User, BillId);
        if (detail?.Breakdown is { } bd)
        {
            // The bill's total first, then the same kWh split by time-of-use period and by tier, each with its share:
            // a bill inside one tier still reads as "all of it in tier 1", not as a lone bar.
            var total = bd.KwhByTier.Count > 0 ? bd.KwhByTier.Sum(t => t.Kwh) : bd.KwhByPeriod.Sum(p => p.Kwh);
            string Share(decimal kwh) => total > 0 ? $" · {kwh / total:P0}" : "";
            var rows = new[] { ((string)L["Bill.Total"], total) }
                .Concat(bd.KwhByPeriod.Select(p => (Components.Shared.Format.Enum(L, p.Period) + Share(p.Kwh), p.Kwh)))
                .Concat(bd.KwhByTier.Select(t => ((string)L["Tariff.TierN", t.Tier] + Share(t.Kwh), t.Kwh))).ToList();
            splitChart = new PlotSpec
            {
                Kind = PlotKind.HorizontalBar,
                Labels = rows.Select(r => r.Item1).ToArray(),
                Series = [new("kWh", rows.Select(r => (double?)r.Item2).ToArray())],
                Unit = "kWh",
                Decimals = 2,
                ShowLegend = false,
            };
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
