using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Tariffs;
using Portal.Domain.Usage;
using Portal.Features.Tariffs;

namespace Portal.Features.Usage;

public partial class UsagePage
{
    [Parameter] public Guid AccountId { get; set; }
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private UsageService Usage { get; set; } = default!;
    [Inject] private TariffCatalog Catalog { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private UsageDashboard? d;
    private bool notFound;
    private IReadOnlyList<LoadPoint> curve = [];
    private DateOnly? curveDay;
    private decimal? kwhThreshold, billThreshold;
    private bool tierAlerts = true, saving;
    private IReadOnlyList<string> alertProblems = [];

    private List<ChartSeries<double>> monthlySeries = [], curveSeries = [], profileSeries = [], touSeries = [], demandSeries = [];
    private string[] monthlyLabels = [], curveLabels = [], touLabels = [], demandLabels = [];
    private static readonly string[] hourLabels = Enumerable.Range(0, 24).Select(h => h % 3 == 0 ? $"{h:00}" : "").ToArray();
    private TouPeriod[] touPeriods = [];
    private BarChartOptions monthlyOptions = new(), demandOptions = new();
    // MudChart renders ChartType.StackedBar only with StackedBarChartOptions (plain BarChartOptions throws).
    private StackedBarChartOptions touOptions = new();
    private LineChartOptions curveOptions = new(), profileOptions = new();

    protected override async Task OnParametersSetAsync()
    {
        d = null;
        notFound = false;
        var user = (await Auth).User;
        var dashboard = await Usage.DashboardAsync(user, AccountId);
        if (dashboard is null) { notFound = true; return; }
        d = dashboard;
        curve = d.LoadCurve;
        curveDay = d.CurveDay;
        kwhThreshold = d.AlertSettings.MonthlyKwhThreshold;
        billThreshold = d.AlertSettings.MonthlyBillThreshold;
        tierAlerts = d.AlertSettings.TierAlerts;
        BuildCharts();
    }

    private void BuildCharts()
    {
        if (d is null) return;
        monthlyLabels = d.Months.Select(m => m.Month.ToString(IsZh ? "M月" : "MMM", CultureInfo.CurrentCulture)).ToArray();
        monthlySeries =
        [
            Series(L["Usage.YearEarlier"], d.Months.Select(m => (double)(m.LastYearKwh ?? 0))),
            Series(L["Usage.LastTwelve"], d.Months.Select(m => (double)m.Kwh)),
        ];
        monthlyOptions = Bars(monthlySeries);
        BuildCurve();
        profileSeries =
        [
            Series(L["Usage.Weekday"], d.Profiles.WeekdayKw),
            Series(L["Usage.Weekend"], d.Profiles.WeekendKw),
        ];
        profileOptions = Lines(profileSeries);
        touPeriods = d.TouMonths.SelectMany(m => m.Shares).Select(s => s.Period).Distinct().Order().ToArray();
        touLabels = d.TouMonths.Select(m => m.Month.ToString(IsZh ? "M月" : "MMM", CultureInfo.CurrentCulture)).ToArray();
        touSeries = touPeriods.Select(p => Series(Format.Enum(L, p),
            d.TouMonths.Select(m => (double)(m.Shares.FirstOrDefault(s => s.Period == p)?.Kwh ?? 0)))).ToList();
        touOptions = new StackedBarChartOptions { ShowLegend = true, YAxisTicks = YStep(touSeries, true), MaxNumYAxisTicks = 8, YAxisFormat = "#,##0" };
        if (d.Demand is { } demand)
        {
            demandLabels = demand.Select(m => m.Month.ToString(IsZh ? "M月" : "MMM", CultureInfo.CurrentCulture)).ToArray();
            demandSeries = [Series(L["Usage.MaxDemand"], demand.Select(m => (double)m.MaxDemandKw))];
            demandOptions = Bars(demandSeries);
        }
    }

    private void BuildCurve()
    {
        curveLabels = curve.Select((p, i) => p.Start.Minute == 0 && p.Start.Hour % 3 == 0 ? p.Start.ToString("HH:mm", CultureInfo.InvariantCulture) : "").ToArray();
        curveSeries = [Series(L["Usage.AverageKw"], curve.Select(p => p.AverageKw ?? 0))];
        curveOptions = Lines(curveSeries);
    }

    // MudChart spaces Y ticks by a fixed amount (default 20): pick a round step for the data so small loads are not flat.
    private static int YStep(IEnumerable<ChartSeries<double>> series, bool stacked = false)
    {
        var max = stacked
            ? series.SelectMany(s => s.Data.Values.Select((v, i) => (v, i))).GroupBy(x => x.i).Select(g => g.Sum(x => x.v)).DefaultIfEmpty(0).Max()
            : series.SelectMany(s => s.Data.Values).DefaultIfEmpty(0).Max();
        var raw = Math.Max(1, max / 5);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw);
        return Math.Max(1, (int)Math.Ceiling(step));
    }

    private static LineChartOptions Lines(List<ChartSeries<double>> series) => new()
    {
        ShowLegend = true,
        ShowDataMarkers = false,
        YAxisRequireZeroPoint = true,
        YAxisTicks = YStep(series),
        MaxNumYAxisTicks = 8,
        YAxisFormat = "#,##0",
    };

    private static BarChartOptions Bars(List<ChartSeries<double>> series) => new()
    {
        ShowLegend = true,
        YAxisTicks = YStep(series),
        MaxNumYAxisTicks = 8,
        YAxisFormat = "#,##0",
    };

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) =>
        new() { Name = name, Data = new ChartData<double>(values.Select(v => Math.Round(v, 2)).ToArray()) };

    private DateTime? CurveDate => curveDay?.ToDateTime(TimeOnly.MinValue);
    private DateTime? MaxCurveDate => d?.Account.LatestReading?.ToDateTime(TimeOnly.MinValue);
    private DateTime? MinCurveDate => d?.Months.FirstOrDefault()?.Month.AddYears(-1).ToDateTime(TimeOnly.MinValue);

    private async Task OnCurveDay(DateTime? value)
    {
        if (value is null) return;
        curveDay = DateOnly.FromDateTime(value.Value);
        curve = await Usage.LoadCurveAsync((await Auth).User, AccountId, curveDay.Value) ?? [];
        BuildCurve();
    }

    private async Task SaveAlerts()
    {
        saving = true;
        try
        {
            var problems = await Usage.SaveAlertSettingsAsync((await Auth).User, AccountId, new AlertSettingsView(kwhThreshold, billThreshold, tierAlerts));
            if (problems is null) { notFound = true; return; }
            alertProblems = problems;
            if (problems.Count == 0) Snackbar.Add(L["Usage.AlertSaved"], Severity.Success);
        }
        finally
        {
            saving = false;
        }
    }

    private static bool IsZh => CultureInfo.CurrentCulture.Name.StartsWith("zh", StringComparison.Ordinal);

    private string PackageName => d is not null && Catalog.TryGet(d.Account.PackageCode, out var p) && p is not null
        ? (IsZh ? p.Name.ZhCn : p.Name.EnUs) : d?.Account.PackageCode ?? "";

    private static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);

    private static string SignedPercent(double change) => (change > 0 ? "+" : "") + change.ToString("P0", CultureInfo.CurrentCulture);

    private static double TierProgress(TierStatus t) =>
        t.CurrentTierWidthKwh is > 0 && t.RemainingKwh is { } left ? (double)((t.CurrentTierWidthKwh.Value - left) / t.CurrentTierWidthKwh.Value * 100) : 100;

    /// <summary>The chip colour (MudBlazor's mud-chip-color-* class) by how many days the data lags.</summary>
    private string FreshnessColor => d?.Freshness.DaysBehind switch
    {
        null => "default",
        <= 2 => "success",
        <= 7 => "warning",
        _ => "error",
    };

    private string FreshnessText
    {
        get
        {
            if (d?.Freshness.LatestReadingStart is not { } latest) return L["Usage.FreshnessNone"];
            return L["Usage.Freshness", Format.Date(DateOnly.FromDateTime(latest)), d.Freshness.DaysBehind ?? 0,
                Percent(d.Freshness.EstimatedShare), Percent(d.Freshness.MissingShare)];
        }
    }

    private string? SeasonText
    {
        get
        {
            var s = d?.Insights.Seasonality;
            if (s?.WinterToShoulder is not { } w) return null;
            return L["Usage.Seasonality", w.ToString("0.0", CultureInfo.CurrentCulture), (s.SummerToShoulder ?? 1).ToString("0.0", CultureInfo.CurrentCulture)];
        }
    }

    private string VsLastYearText
    {
        get
        {
            var y = d!.Insights.VsLastYear;
            if (y.ChangeShare is not { } change) return L["Usage.VsLastYearNone", Format.Kwh(y.AverageDailyKwh, 1)];
            return change switch
            {
                <= -0.02 => L["Usage.VsLastYearLess", Percent(-change), Format.Kwh(y.AverageDailyKwh, 1), Format.Kwh(y.LastYearAverageDailyKwh ?? 0, 1)],
                >= 0.02 => L["Usage.VsLastYearMore", Percent(change), Format.Kwh(y.AverageDailyKwh, 1), Format.Kwh(y.LastYearAverageDailyKwh ?? 0, 1)],
                _ => L["Usage.VsLastYearSame", Format.Kwh(y.AverageDailyKwh, 1)],
            };
        }
    }
}
