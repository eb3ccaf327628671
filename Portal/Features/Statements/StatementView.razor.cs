using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Statements;

namespace Portal.Features.Statements;

public partial class StatementView
{
    [Parameter, EditorRequired] public StatementDocument Document { get; set; } = default!;

    private StatementDocument D => Document;
    private bool showTable;
    private List<ChartSeries<double>> series = [];
    private string[] labels = [];
    private readonly ChartOptions chartOptions = new() { ShowLegend = false, ChartPalette = ["#1f5f99"] };

    protected override void OnParametersSet()
    {
        labels = D.UsageHistory.Select(m => m.Month.ToString(CultureInfo.CurrentCulture.Name.StartsWith("zh", StringComparison.Ordinal) ? "M月" : "MMM", CultureInfo.CurrentCulture)).ToArray();
        series = [new ChartSeries<double> { Name = "kWh", Data = new ChartData<double>(D.UsageHistory.Select(m => (double)m.Kwh).ToArray()) }];
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
