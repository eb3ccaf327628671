using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Accounts;
using Portal.Domain.Planning;
using Portal.Domain.Usage;

namespace Portal.Features.Planning;

/// <summary>
/// Demand for planners (planners are admins in this portal): the stored county totals, a chart of the current node's parts
/// with drill-down county → region → consumption level → customer type → the accounts' segment mix, and the backtest.
/// Reads the figures the nightly job stored once on load; drilling only filters them in memory.
/// </summary>
public partial class PlanningPage
{
    [Inject] private PlanningService Planning { get; set; } = default!;

    private PlanningView? view;
    private PlanningNodeView current = default!;
    private List<PlanningNodeView> children = [];
    private List<PlanningBacktestView> backtest = [];
    private List<ChartSeries<double>> series = [];
    private string[] labels = [], mixLabels = [];
    private BarChartOptions options = new();

    protected override async Task OnInitializedAsync()
    {
        view = await Planning.LoadAsync();
        if (view is not null) Open(view.County);
    }

    private void Open(PlanningNodeView node)
    {
        current = node;
        children = view!.ChildrenOf(node).OrderByDescending(c => c.Next1Kwh.Value).ToList();
        backtest = view.Backtest.Where(b => b.Key == node.Key).ToList();
        if (children.Count > 0)
        {
            labels = children.Select(Name).ToArray();
            series =
            [
                Series(L["Planning.Col.Next1"], children.Select(c => c.Next1Kwh.Value)),
                Series(L["Planning.Band10"], children.Select(c => c.Next1Kwh.Low)),
                Series(L["Planning.Band90"], children.Select(c => c.Next1Kwh.High)),
            ];
        }
        else
        {
            mixLabels = Enumerable.Range(0, SegmentMix.Slots)
                .Select(i => i < SegmentMix.Slots - 1 ? L["LoadArchetype." + (LoadArchetype)i].Value : L["Planning.Unclassified"].Value).ToArray();
            // The chart shows the load shapes present (seven long names do not fit under a phone-width axis); the table all.
            var present = Enumerable.Range(0, SegmentMix.Slots).Where(i => node.SegmentMix[i] > 0).ToArray();
            labels = present.Select(i => mixLabels[i]).ToArray();
            series = [Series(L["Planning.Col.Accounts"], present.Select(i => (double)node.SegmentMix[i]))];
        }
        options = new BarChartOptions { ShowLegend = children.Count > 0, YAxisTicks = YStep(series), MaxNumYAxisTicks = 8, YAxisFormat = "#,##0" };
    }

    private IEnumerable<PlanningNodeView> Path()
    {
        var path = new List<PlanningNodeView>();
        for (var n = current; ; n = view!.Nodes.First(p => p.Key == n.ParentKey && p.Depth == n.Depth - 1))
        {
            path.Insert(0, n);
            if (n.Depth == 0) break;
        }
        return path;
    }

    private string Name(PlanningNodeView n) => n.Depth switch
    {
        0 => L["Planning.County"],
        1 => L["Region." + n.Region],
        2 => L["ConsumptionBand." + n.Level],
        _ => Format.Enum(L, (CustomerType)n.CustomerType!.Value),
    };

    private string ChildKind() => current.Depth switch
    {
        0 => L["Planning.Kind.Region"],
        1 => L["Planning.Kind.Level"],
        _ => L["Planning.Kind.Type"],
    };

    private string Share(PlanningNodeView child) => Pct(current.Next1Kwh.Value > 0 ? child.Next1Kwh.Value / current.Next1Kwh.Value : 0);

    private static string Kwh(double v) => Format.Kwh((decimal)Math.Round(v), 0);
    private static string Kw(double v) => Format.Kw((decimal)v);
    private string Band(PlanningFigure f, Func<double, string> format) => L["Planning.Band", format(f.Low), format(f.High)];
    private static string Pct(double v) => v.ToString("P1", CultureInfo.CurrentCulture);

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) =>
        new() { Name = name, Data = new ChartData<double>(values.Select(v => Math.Round(v, 1)).ToArray()) };

    // MudChart spaces Y ticks by a fixed amount: a round step for the data (as the usage page does).
    private static int YStep(IEnumerable<ChartSeries<double>> series)
    {
        var max = series.SelectMany(s => s.Data.Values).DefaultIfEmpty(0).Max();
        var raw = Math.Max(1, max / 5);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw);
        return (int)Math.Min(int.MaxValue, Math.Max(1, Math.Ceiling(step)));
    }
}
