using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Components.Charts;
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
    [Inject] private ILogger<UsagePage> Log { get; set; } = default!;

    private long loadStarted;
    private bool renderLogged;

    private UsageDashboard? d;
    private bool notFound;
    private IReadOnlyList<LoadPoint> curve = [];
    private DateOnly? curveDay;
    private decimal? kwhThreshold, billThreshold;
    private bool tierAlerts = true, saving;
    private IReadOnlyList<string> alertProblems = [];

    private PlotSpec monthlyChart = new(), curveChart = new(), profileChart = new(), touChart = new(), demandChart = new();
    private TouPeriod[] touPeriods = [];

    protected override async Task OnParametersSetAsync()
    {
        d = null;
        notFound = false;
        loadStarted = Stopwatch.GetTimestamp();
        var user = (await Auth).User;
        var dashboard = await Usage.DashboardAsync(user, AccountId);
        var loaded = Stopwatch.GetElapsedTime(loadStarted);
        if (dashboard is null) { notFound = true; return; }
        d = dashboard;
        curve = d.LoadCurve;
        curveDay = d.CurveDay;
        kwhThreshold = d.AlertSettings.MonthlyKwhThreshold;
        billThreshold = d.AlertSettings.MonthlyBillThreshold;
        tierAlerts = d.AlertSettings.TierAlerts;
        BuildCharts();
        Log.LogDebug("Usage page ({Mode}): dashboard loaded in {LoadMs:0.0} ms, charts built in {ChartsMs:0.0} ms",
            RendererInfo.Name, loaded.TotalMilliseconds, (Stopwatch.GetElapsedTime(loadStarted) - loaded).TotalMilliseconds);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // In a circuit this runs once the browser has acknowledged the batch: load + render + send + apply.
        if (renderLogged || d is null) return;
        renderLogged = true;
        Log.LogDebug("Usage page ({Mode}): first render applied {Ms:0.0} ms after the load started", RendererInfo.Name, Stopwatch.GetElapsedTime(loadStarted).TotalMilliseconds);
    }

    private void BuildCharts()
    {
        if (d is null) return;
        var thisMonth = new DateOnly(d.Today.Year, d.Today.Month, 1);
        string monthToDate = L["Chart.MonthToDate"];
        // A month without any reading is a gap, not a zero; the month still under way is drawn lighter and named in the legend.
        monthlyChart = new PlotSpec
        {
            Kind = PlotKind.Bar,
            Labels = d.Months.Select(m => ChartLabels.Month(m.Month)).ToArray(),
            TooltipLabels = d.Months.Select(m => Format.Month(m.Month)).ToArray(),
            Series =
            [
                new(L["Usage.YearEarlier"], d.Months.Select(m => (double?)m.LastYearKwh).ToArray(), PlotMarkup.Muted),
                new(L["Usage.LastTwelve"], d.Months.Select(m => m.DaysWithData > 0 ? (double?)m.Kwh : null).ToArray(), PlotMarkup.Palette[0]),
            ],
            Unit = "kWh",
            Partial = PartialMonths(d.Months.Select(m => m.Month), thisMonth),
            PartialSeries = new HashSet<int> { 1 },
            PartialNote = monthToDate,
        };
        BuildCurve();
        profileChart = new PlotSpec
        {
            Kind = PlotKind.Line,
            Labels = Enumerable.Range(0, 24).Select(h => h % 3 == 0 ? $"{h:00}:00" : "").ToArray(),
            TooltipLabels = Enumerable.Range(0, 24).Select(h => $"{h:00}:00–{(h + 1) % 24:00}:00").ToArray(),
            Series =
            [
                new(L["Usage.Weekday"], d.Profiles.WeekdayKw.Select(v => (double?)v).ToArray()),
                new(L["Usage.Weekend"], d.Profiles.WeekendKw.Select(v => (double?)v).ToArray()),
            ],
            Unit = "kW",
            Decimals = 2,
        };
        touPeriods = d.TouMonths.SelectMany(m => m.Shares).Select(s => s.Period).Distinct().Order().ToArray();
        touChart = new PlotSpec
        {
            Kind = PlotKind.StackedBar,
            Labels = d.TouMonths.Select(m => ChartLabels.Month(m.Month)).ToArray(),
            TooltipLabels = d.TouMonths.Select(m => Format.Month(m.Month)).ToArray(),
            Series = touPeriods.Select(p => new PlotSeries(Format.Enum(L, p),
                d.TouMonths.Select(m => m.Shares.FirstOrDefault(s => s.Period == p) is { } share ? (double?)share.Kwh : null).ToArray(), ChartColors.Tou(p))).ToArray(),
            Unit = "kWh",
            Partial = PartialMonths(d.TouMonths.Select(m => m.Month), thisMonth),
            PartialNote = monthToDate,
        };
        if (d.Demand is { } demand)
        {
            demandChart = new PlotSpec
            {
                Kind = PlotKind.Bar,
                Labels = demand.Select(m => ChartLabels.Month(m.Month)).ToArray(),
                TooltipLabels = demand.Select(m => Format.Month(m.Month)).ToArray(),
                Series = [new(L["Usage.MaxDemand"], demand.Select(m => (double?)m.MaxDemandKw).ToArray())],
                Unit = "kW",
                Decimals = 1,
                Partial = PartialMonths(demand.Select(m => m.Month), thisMonth),
                PartialNote = monthToDate,
            };
        }
    }

    private static HashSet<int> PartialMonths(IEnumerable<DateOnly> months, DateOnly thisMonth) =>
        months.Select((m, i) => (m, i)).Where(x => x.m >= thisMonth).Select(x => x.i).ToHashSet();

    private void BuildCurve()
    {
        // An interval without a reading (the rest of today, a gap) is left out of the line rather than drawn as 0 kW.
        curveChart = new PlotSpec
        {
            Kind = PlotKind.Line,
            Labels = curve.Select(p => p.Start.Minute == 0 && p.Start.Hour % 3 == 0 ? p.Start.ToString("HH:mm", CultureInfo.InvariantCulture) : "").ToArray(),
            TooltipLabels = curve.Select(p => p.Start.ToString("HH:mm", CultureInfo.InvariantCulture)).ToArray(),
            Series = [new(L["Usage.AverageKw"], curve.Select(p => p.AverageKw).ToArray())],
            Unit = "kW",
            Decimals = 2,
            ShowLegend = false,
        };
    }

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
