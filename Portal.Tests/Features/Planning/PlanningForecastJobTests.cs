using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Planning;
using Portal.Features.Planning;

namespace Portal.Tests.Features.Planning;

/// <summary>The real portal with 16 demo accounts and 20 months of readings; the demo seed runs the planning job once.</summary>
public sealed class PlanningHost() : PortalHost(16, 20, new() { ["Jobs:RunServer"] = "false" })
{
    public PlanningForecastJob Job => Services.CreateScope().ServiceProvider.GetRequiredService<PlanningForecastJob>();
    public PlanningService Planning => Services.CreateScope().ServiceProvider.GetRequiredService<PlanningService>();
}

[Collection(PortalCollection.Name)]
public class PlanningForecastJobTests(PlanningHost host) : IClassFixture<PlanningHost>
{
    [Fact]
    public async Task The_stored_forecast_adds_up_from_cells_to_levels_to_regions_to_the_county()
    {
        var view = await host.Planning.LoadAsync();
        Assert.NotNull(view);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(await db.MonthlyUsage.Select(m => m.AccountId).Distinct().CountAsync(), view.County.Accounts);
        Assert.True(view.County.Next1Kwh.Value > 0);
        Assert.Contains(view.Nodes, n => n.Depth == 3);
        foreach (var node in view.Nodes.Where(n => n.Depth < 3))
        {
            var parts = view.ChildrenOf(node).ToList();
            Assert.NotEmpty(parts);
            Assert.Equal(node.Accounts, parts.Sum(p => p.Accounts));
            Assert.Equal(node.Next1Kwh.Value, parts.Sum(p => p.Next1Kwh.Value), 3);
            Assert.Equal(node.Next3Kwh.Value, parts.Sum(p => p.Next3Kwh.Value), 3);
            Assert.Equal(node.Next1PeakKw.Value, parts.Sum(p => p.Next1PeakKw.Value), 3);
            Assert.Equal(node.Next3PeakKw.Value, parts.Sum(p => p.Next3PeakKw.Value), 3);
            Assert.Equal(node.SegmentMix.Sum(), node.Accounts);
        }
        Assert.All(view.Nodes, n => Assert.True(n.Next1Kwh.Low <= n.Next1Kwh.Value && n.Next1Kwh.Value <= n.Next1Kwh.High));
        // The county is backtested for every method at both horizons.
        Assert.Equal(8, view.Backtest.Count(b => b.Key == ""));
    }

    [Fact]
    public async Task The_next_month_forecast_of_a_cell_is_the_model_applied_to_its_accounts_summed_monthly_kwh()
    {
        var view = (await host.Planning.LoadAsync())!;
        var cell = view.Nodes.Where(n => n.Depth == 3).OrderByDescending(n => n.Accounts).First();
        await using var db = await host.Db.CreateDbContextAsync();
        var first = view.FirstTargetMonth.AddMonths(-PlanningForecastJob.HistoryMonths);
        var ids = await db.Accounts.Where(a => a.Region == cell.Region && (int)a.Type == cell.CustomerType).Select(a => a.Id).ToListAsync();
        var monthly = await db.MonthlyUsage.Where(m => ids.Contains(m.AccountId) && m.Month >= first && m.Month < view.FirstTargetMonth)
            .Select(m => new { m.AccountId, m.Month, m.TotalWh, m.Days }).ToListAsync();
        // The accounts of this level: their last 12 months put them in the cell's band.
        var members = monthly.GroupBy(m => m.AccountId)
            .Where(g => Portal.Domain.Usage.ConsumptionBand.Of(cell.CustomerType != 0, (decimal)g.Where(m => m.Month >= view.FirstTargetMonth.AddMonths(-12)).Sum(m => Scaled(m.Month, m.TotalWh, m.Days))) == cell.Level)
            .Select(g => g.Key).ToHashSet();
        Assert.Equal(cell.Accounts, members.Count);
        var kwh = new double[PlanningForecastJob.HistoryMonths];
        foreach (var m in monthly.Where(m => members.Contains(m.AccountId)))
        {
            // As the job reads a month: scaled up to the whole month when read on at least half its days, else unknown (0).
            kwh[(m.Month.Year - first.Year) * 12 + m.Month.Month - first.Month] += Scaled(m.Month, m.TotalWh, m.Days);
        }
        Assert.Equal(DemandForecaster.Point(kwh, kwh.Length - 1, 1, PlanningMethod.Model)!.Value, cell.Next1Kwh.Value, 3);
    }

    [Fact]
    public async Task A_forced_rerun_stores_the_same_figures_and_an_unforced_run_with_nothing_new_does_nothing()
    {
        Assert.True(await host.Job.RunAsync(force: true, CancellationToken.None));
        var before = await Snapshot();
        Assert.True(await host.Job.RunAsync(force: true, CancellationToken.None));
        Assert.Equal(before, await Snapshot());
        Assert.False(await host.Job.RunAsync(CancellationToken.None));

        // A prediction recomputed after the run (the usage refresh ran) makes the next run recompute.
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var p = await db.UsagePredictions.FirstOrDefaultAsync();
            if (p is null) return;   // the demo seed stores no predictions: nothing to touch
            p.ComputedAtUtc = DateTime.UtcNow.AddMinutes(1);
            await db.SaveChangesAsync();
        }
        Assert.True(await host.Job.RunAsync(CancellationToken.None));
        Assert.Equal(before, await Snapshot());
    }

    private static double Scaled(DateOnly month, long wh, int readDays)
    {
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        return readDays * 2 >= days ? wh / 1000.0 * days / readDays : 0;
    }

    private async Task<string> Snapshot()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var rows = await db.Set<PlanningForecastRow>().AsNoTracking().OrderBy(r => r.Key).ToListAsync();
        var scores = await db.Set<PlanningBacktestRow>().AsNoTracking().OrderBy(r => r.Key).ThenBy(r => r.Horizon).ThenBy(r => r.Method).ToListAsync();
        return string.Join("\n", rows.Select(r => $"{r.Key};{r.Accounts};{r.Next1Kwh:R};{r.Next1LowKwh:R};{r.Next3HighKwh:R};{r.Next1PeakKw:R};{r.SegmentMix}"))
            + "\n" + string.Join("\n", scores.Select(s => $"{s.Key};{s.Horizon};{s.Method};{s.Mape:R};{s.Windows}"));
    }

    [Fact]
    public async Task The_csv_has_a_byte_order_mark_invariant_numbers_one_line_per_node_and_is_audited()
    {
        var bytes = await host.Planning.CsvAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var view = (await host.Planning.LoadAsync())!;
        Assert.Equal(view.Nodes.Count + 1, lines.Length);
        Assert.StartsWith("county,,,,", lines[1]);
        Assert.All(lines.Skip(1), l => Assert.Equal(21, l.Split(',').Length));
        Assert.DoesNotContain(lines.Skip(1), l => l.Split(',')[7].Contains(' '));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "PlanningForecastExported"));
    }

    [Fact]
    public async Task The_csv_endpoint_serves_an_admin_on_the_internal_endpoint_and_nobody_else()
    {
        using var anonymous = host.Client(@internal: true);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync("/backoffice/planning/forecast.csv")).StatusCode);
        using var outside = host.Client();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await outside.GetAsync("/backoffice/planning/forecast.csv")).StatusCode);

        using var admin = host.Client(@internal: true);
        await admin.SignInAsync("admin@demo.local");
        var response = await admin.GetAsync("/backoffice/planning/forecast.csv");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), (await response.Content.ReadAsByteArrayAsync()).Take(3));
    }
}
