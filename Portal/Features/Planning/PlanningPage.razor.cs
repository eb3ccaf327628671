using System.Globalization;
using Microsoft.AspNetCore.Components;
using Portal.Components.Charts;
using Portal.Components.Shared;
using Portal.Domain.Accounts;
using Portal.Domain.Planning;
using Portal.Domain.Usage;
using Portal.Infrastructure.Localization;

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
    private PlotSpec chart = new();
    private string[] mixLabels = [];

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
        mixLabels = Enumerable.Range(0, SegmentMix.Slots)
            .Select(i => i < SegmentMix.Slots - 1 ? L["LoadArchetype." + (LoadArchetype)i].Value : L["Planning.Unclassified"].Value).ToArray();
        // Horizontal bars: district and load-shape names stay whole on a phone.
        chart = children.Count > 0
            ? new PlotSpec
            {
                Kind = PlotKind.HorizontalBar,
                Labels = children.Select(Name).ToArray(),
                Series =
                [
                    new(L["Planning.Band10"], children.Select(c => (double?)c.Next1Kwh.Low).ToArray(), PlotMarkup.Muted),
                    new(L["Planning.Col.Next1"], children.Select(c => (double?)c.Next1Kwh.Value).ToArray(), PlotMarkup.Palette[0]),
                    new(L["Planning.Band90"], children.Select(c => (double?)c.Next1Kwh.High).ToArray(), PlotMarkup.Palette[1]),
                ],
                Unit = "kWh",
            }
            : new PlotSpec
            {
                Kind = PlotKind.HorizontalBar,
                Labels = mixLabels,
                Series = [new(L["Planning.Col.Accounts"], Enumerable.Range(0, SegmentMix.Slots).Select(i => (double?)node.SegmentMix[i]).ToArray())],
                Unit = L["Chart.Accounts"],
                ShowLegend = false,
            };
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

    /// <summary>
    /// A backtest error from fewer past months than <see cref="DemandForecaster.MinWindows"/>: too few to compare methods
    /// (two lucky months can make a method look best), so the table marks it and says why under the table.
    /// </summary>
    internal static bool FewWindows(PlanningBacktestView b) => b.Windows < DemandForecaster.MinWindows;

    private RenderFragment BacktestCell(PlanningBacktestView? b) => builder =>
    {
        if (b is null)
        {
            builder.AddContent(0, "—");
            return;
        }
        builder.AddContent(1, Pct(b.Mape));
        if (!FewWindows(b)) return;
        builder.OpenElement(2, "span");
        builder.AddAttribute(3, "class", "pm-muted");
        builder.AddAttribute(4, "data-testid", "backtest-few-mark");
        builder.AddContent(5, " *");
        builder.CloseElement();
    };

    /// <summary>Where the county's ranges come from: its own backtest, the pooled errors of its level (too few windows), or the fixed spread (none).</summary>
    internal string BandSourceNote(PlanningNodeView n) =>
        n.BandFromBacktest ? L["Planning.BandNote", n.BacktestWindows]
        : n.BacktestWindows > 0 ? L.Plural("Planning.BandPooled", n.BacktestWindows, n.BacktestWindows, DemandForecaster.MinWindows)
        : L["Planning.BandFallback"];

    private string Share(PlanningNodeView child) => Pct(current.Next1Kwh.Value > 0 ? child.Next1Kwh.Value / current.Next1Kwh.Value : 0);

    private static string Kwh(double v) => Format.Kwh((decimal)Math.Round(v), 0);
    private static string Kw(double v) => Format.Kw((decimal)v);
    private string Band(PlanningFigure f, Func<double, string> format) => L["Planning.Band", format(f.Low), format(f.High)];
    private static string Pct(double v) => v.ToString("P1", CultureInfo.CurrentCulture);
}
