using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Planning;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Planning;

public sealed record PlanningFigure(double Value, double Low, double High);

/// <summary>One stored node as the page shows it.</summary>
public sealed record PlanningNodeView(
    string Key, int Depth, string? Region, int? Level, int? CustomerType, int Accounts, double AnnualKwh,
    PlanningFigure Next1Kwh, PlanningFigure Next3Kwh, PlanningFigure Next1PeakKw, PlanningFigure Next3PeakKw,
    int BacktestWindows, bool BandFromBacktest, int[] SegmentMix)
{
    public string ParentKey => Depth switch { 0 => "", 1 => "", _ => Key[..Key.LastIndexOf('|')] };
}

public sealed record PlanningBacktestView(string Key, int Horizon, PlanningMethod Method, double Mape, int Windows);

public sealed record PlanningView(DateOnly FirstTargetMonth, int PeakHour, DateTime ComputedAtUtc,
    IReadOnlyList<PlanningNodeView> Nodes, IReadOnlyList<PlanningBacktestView> Backtest)
{
    public PlanningNodeView County => Nodes[0];
    public IEnumerable<PlanningNodeView> ChildrenOf(PlanningNodeView node) =>
        Nodes.Where(n => n.Depth == node.Depth + 1 && n.ParentKey == node.Key);
}

/// <summary>The planners' page data and CSV: reads only what <see cref="PlanningForecastJob"/> stored, never computes a forecast.</summary>
public sealed class PlanningService(IDbContextFactory<AppDbContext> dbFactory, AuditService audit)
{
    /// <summary>The stored forecast and backtest (county and regions); null before the first nightly run.</summary>
    public async Task<PlanningView?> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Set<PlanningForecastRow>().AsNoTracking().OrderBy(r => r.Depth).ThenBy(r => r.Key).ToListAsync(ct);
        if (rows.Count == 0 || rows[0].Depth != 0) return null;
        var backtest = await db.Set<PlanningBacktestRow>().AsNoTracking()
            .OrderBy(b => b.Key).ThenBy(b => b.Horizon).ThenBy(b => b.Method).ToListAsync(ct);
        var nodes = rows.Select(r => new PlanningNodeView(r.Key, r.Depth, r.Region, r.Level, r.CustomerType, r.Accounts, r.AnnualKwh,
            new(r.Next1Kwh, r.Next1LowKwh, r.Next1HighKwh), new(r.Next3Kwh, r.Next3LowKwh, r.Next3HighKwh),
            new(r.Next1PeakKw, r.Next1PeakLowKw, r.Next1PeakHighKw), new(r.Next3PeakKw, r.Next3PeakLowKw, r.Next3PeakHighKw),
            r.BacktestWindows, r.BandFromBacktest, SegmentMix.Parse(r.SegmentMix))).ToList();
        return new PlanningView(rows[0].FirstTargetMonth, rows[0].PeakHour, rows[0].ComputedAtUtc, nodes,
            backtest.Select(b => new PlanningBacktestView(b.Key, b.Horizon, (PlanningMethod)b.Method, b.Mape, b.Windows)).ToList());
    }

    /// <summary>
    /// Every stored node as CSV (invariant numbers, UTF-8 with a byte-order mark so Excel reads the Chinese region names),
    /// audited. Column names are English identifiers; region, level and type are codes, as in the data.
    /// </summary>
    public async Task<byte[]> CsvAsync(CancellationToken ct = default)
    {
        var view = await LoadAsync(ct);
        var sb = new StringBuilder();
        sb.Append("level_of_detail,region,consumption_level,customer_type,accounts,annual_kwh,first_month," +
            "next1_kwh,next1_kwh_p10,next1_kwh_p90,next3_kwh,next3_kwh_p10,next3_kwh_p90," +
            "next1_peak_kw,next1_peak_kw_p10,next1_peak_kw_p90,next3_peak_kw,next3_peak_kw_p10,next3_peak_kw_p90,band_from_backtest,backtest_windows\r\n");
        string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        foreach (var n in view?.Nodes ?? [])
        {
            var depth = n.Depth switch { 0 => "county", 1 => "region", 2 => "region_level", _ => "cell" };
            var type = n.CustomerType is { } t ? ((Domain.Accounts.CustomerType)t).ToString() : "";
            sb.Append(string.Join(",", depth, Csv(n.Region ?? ""), n.Level?.ToString(CultureInfo.InvariantCulture) ?? "", type,
                n.Accounts.ToString(CultureInfo.InvariantCulture), N(n.AnnualKwh), view!.FirstTargetMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                N(n.Next1Kwh.Value), N(n.Next1Kwh.Low), N(n.Next1Kwh.High), N(n.Next3Kwh.Value), N(n.Next3Kwh.Low), N(n.Next3Kwh.High),
                N(n.Next1PeakKw.Value), N(n.Next1PeakKw.Low), N(n.Next1PeakKw.High), N(n.Next3PeakKw.Value), N(n.Next3PeakKw.Low), N(n.Next3PeakKw.High),
                n.BandFromBacktest ? "true" : "false", n.BacktestWindows.ToString(CultureInfo.InvariantCulture)));
            sb.Append("\r\n");
        }
        await audit.RecordAsync(new AuditEvent("PlanningForecastExported", Detail: $"{view?.Nodes.Count ?? 0} rows"), ct);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
