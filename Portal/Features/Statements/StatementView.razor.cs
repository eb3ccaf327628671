using Microsoft.AspNetCore.Components;
using Portal.Components.Charts;
using Portal.Components.Shared;
using Portal.Domain.Statements;

namespace Portal.Features.Statements;

public partial class StatementView
{
    [Parameter, EditorRequired] public StatementDocument Document { get; set; } = default!;

    private StatementDocument D => Document;
    private bool showTable;
    private PlotSpec chart = new();

    protected override void OnParametersSet()
    {
        // A month without readings is a gap; an estimated month is drawn lighter and named in the legend.
        chart = new PlotSpec
        {
            Kind = PlotKind.Bar,
            Labels = D.UsageHistory.Select(m => ChartLabels.Month(m.Month)).ToArray(),
            TooltipLabels = D.UsageHistory.Select(m => Format.Month(m.Month)).ToArray(),
            Series = [new(L["Usage.Kwh"], D.UsageHistory.Select(m => m.HasData ? (double?)m.Kwh : null).ToArray())],
            Unit = "kWh",
            Partial = D.UsageHistory.Select((m, i) => (m, i)).Where(x => x.m.Estimated && x.m.HasData).Select(x => x.i).ToHashSet(),
            PartialNote = L["Statement.ChartEstimated"],
            Summary = ChartSummary,
            ShowLegend = false,
        };
    }

    private static string Number(decimal kwh) => Format.BilledKwh(kwh);

    /// <summary>A one-sentence reading of the chart for screen readers; the table toggle gives every figure.</summary>
    private string ChartSummary
    {
        get
        {
            var withData = D.UsageHistory.Where(m => m.HasData).ToList();
            if (withData.Count == 0) return L["Statement.ChartSection"];
            var max = withData.MaxBy(m => m.Kwh)!;
            return L["Statement.ChartSummary", withData.Count, Format.Month(max.Month), Format.Kwh(max.Kwh, 0)];
        }
    }
}
