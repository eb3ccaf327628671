using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Planning;
using Portal.Domain.Usage;
using Portal.Features.Usage;

namespace Portal.Features.Planning;

/// <summary>
/// Nightly, after the usage refresh: the planners' demand forecast by region × consumption level × customer type, from the
/// accounts' monthly roll-ups (<see cref="MonthlyUsageRow"/>) and the load-shape archetypes the refresh stored. The whole
/// forecast and its backtest are replaced in one transaction, so a re-run stores the same figures and a page never sees
/// half of a run. Incremental where it is cheap: when no meter day was imported, no prediction recomputed, no account added
/// and the forecast month has not moved since the last run, nothing is read or written.
/// </summary>
public sealed class PlanningForecastJob(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<PlanningForecastJob> log)
{
    public const string Id = "planning-forecast";
    /// <summary>Months of history read: a year and a quarter for the model plus 21 backtest windows.</summary>
    public const int HistoryMonths = 36;

    /// <summary>Runs when something changed since the last completed run (or <paramref name="force"/>); returns whether it recomputed.</summary>
    public async Task<bool> RunAsync(CancellationToken ct) => await RunAsync(force: false, ct);

    public async Task<bool> RunAsync(bool force, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(startedAt.AddHours(8));
        var target = new DateOnly(today.Year, today.Month, 1);
        var first = target.AddMonths(-HistoryMonths);

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var checkpoint = await db.JobCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Name == Id, ct);
            var accounts = await db.Accounts.CountAsync(ct);
            if (!force && checkpoint is not null && checkpoint.State == StateFor(target, accounts))
            {
                var since = checkpoint.LastRunUtc;
                var changed = await db.AccountDays.AnyAsync(d => d.ImportedAtUtc >= since, ct)
                    || await db.UsagePredictions.AnyAsync(p => p.ComputedAtUtc >= since, ct);
                if (!changed)
                {
                    log.LogInformation("Planning forecast: nothing changed since {Since:u}", since);
                    return false;
                }
            }
        }

        var cells = await ReadCellsAsync(first, target, ct);
        var result = DemandForecaster.Forecast(cells, first);
        await using (var outer = await dbFactory.CreateDbContextAsync(ct))
        {
            // SQL Server and PostgreSQL retry transient failures: the whole replace is one retriable unit.
            await outer.Database.CreateExecutionStrategy().ExecuteAsync(() => ReplaceAsync(result, startedAt, target, ct));
        }
        log.LogInformation("Planning forecast: {Cells} cell(s) from {Accounts} account(s), first target {Target}",
            result.Nodes.Count(n => n.Node.Depth == 3), result.Nodes[0].Accounts, result.FirstTargetMonth);
        return true;
    }

    /// <summary>Replaces every stored figure and the checkpoint in one transaction (a fresh context per attempt).</summary>
    private async Task ReplaceAsync(PlanningResult result, DateTime startedAt, DateOnly target, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var total = await db.Accounts.CountAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<PlanningForecastRow>().ExecuteDeleteAsync(ct);
            await db.Set<PlanningBacktestRow>().ExecuteDeleteAsync(ct);
            db.Set<PlanningForecastRow>().AddRange(result.Nodes.Select(n => ToRow(n, result, startedAt)));
            db.Set<PlanningBacktestRow>().AddRange(result.Backtest.Select(b => new PlanningBacktestRow
            {
                Key = b.Node.Key,
                Horizon = b.Horizon,
                Method = (int)b.Method,
                Mape = b.Mape,
                Windows = b.Windows,
            }));
            var checkpoint = await db.JobCheckpoints.FindAsync([Id], ct);
            if (checkpoint is null) db.JobCheckpoints.Add(checkpoint = new JobCheckpoint { Name = Id });
            checkpoint.LastRunUtc = startedAt;
            checkpoint.State = StateFor(target, total);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
    }

    private static string StateFor(DateOnly target, int accounts) => $"done {target:yyyy-MM} accounts {accounts}";

    private static PlanningForecastRow ToRow(NodeForecast n, PlanningResult result, DateTime nowUtc) => new()
    {
        Key = n.Node.Key,
        Depth = n.Node.Depth,
        Region = n.Node.Region,
        Level = n.Node.Level,
        CustomerType = n.Node.Type is { } t ? (int)t : null,
        Accounts = n.Accounts,
        AnnualKwh = n.AnnualKwh,
        FirstTargetMonth = result.FirstTargetMonth,
        Next1Kwh = n.Next1Kwh.Value,
        Next1LowKwh = n.Next1Kwh.Low,
        Next1HighKwh = n.Next1Kwh.High,
        Next3Kwh = n.Next3Kwh.Value,
        Next3LowKwh = n.Next3Kwh.Low,
        Next3HighKwh = n.Next3Kwh.High,
        Next1PeakKw = n.Next1PeakKw.Value,
        Next1PeakLowKw = n.Next1PeakKw.Low,
        Next1PeakHighKw = n.Next1PeakKw.High,
        Next3PeakKw = n.Next3PeakKw.Value,
        Next3PeakLowKw = n.Next3PeakKw.Low,
        Next3PeakHighKw = n.Next3PeakKw.High,
        PeakHour = result.SystemPeakHour,
        BacktestWindows = n.BacktestWindows,
        BandFromBacktest = n.FromBacktest,
        SegmentMix = SegmentMix.Format(n.Archetypes),
        ComputedAtUtc = nowUtc,
    };

    /// <summary>
    /// Every account's monthly kWh from <paramref name="first"/> up to the month before <paramref name="target"/>, summed into
    /// its cell. The hourly profile sums are read only for the months the coincident peak uses (the last month and the
    /// target months a year earlier). The level is the account's band (<see cref="ConsumptionBand"/>) from its last 12
    /// complete months as read here (partial months scaled up), so it can differ from the refresh's at a band's edge.
    /// </summary>
    private async Task<List<CellHistory>> ReadCellsAsync(DateOnly first, DateOnly target, CancellationToken ct)
    {
        var months = (target.Year - first.Year) * 12 + target.Month - first.Month;
        var last = target.AddMonths(-1);
        DateOnly peakFrom = target.AddMonths(-12), peakTo = target.AddMonths(-10);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Select(a => new { a.Id, a.Region, a.Type }).ToDictionaryAsync(a => a.Id, ct);
        var archetypes = await db.UsagePredictions.AsNoTracking().Where(p => p.Archetype != null)
            .Select(p => new { p.AccountId, p.Archetype }).ToDictionaryAsync(p => p.AccountId, p => (LoadArchetype)p.Archetype!.Value, ct);

        var query = db.MonthlyUsage.AsNoTracking()
            .Where(m => m.Month >= first && m.Month < target)
            .OrderBy(m => m.AccountId).ThenBy(m => m.Month)
            .Select(m => new
            {
                m.AccountId,
                m.Month,
                m.TotalWh,
                m.Days,
                Sums = m.Month == last || (m.Month >= peakFrom && m.Month <= peakTo) ? m.ProfileSums : null,
            });

        var cells = new Dictionary<PlanningNode, CellHistory>();
        var kwh = new double[months];
        var kw = new double[months * CellHistory.Hours];
        Guid current = Guid.Empty;
        void Flush()
        {
            if (current == Guid.Empty || !accounts.TryGetValue(current, out var a)) return;
            double annual = 0;
            for (var m = months - 12; m < months; m++) annual += kwh[m];
            var level = ConsumptionBand.Of(a.Type != CustomerType.Residential, (decimal)annual);
            var node = new PlanningNode(a.Region, level, a.Type);
            if (!cells.TryGetValue(node, out var cell)) cells[node] = cell = new CellHistory(node, months);
            cell.AddAccount(archetypes.TryGetValue(current, out var arch) ? arch : null, annual);
            for (var m = 0; m < months; m++) cell.AddMonth(m, kwh[m], kw.AsSpan(m * CellHistory.Hours, CellHistory.Hours));
        }

        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (row.AccountId != current)
            {
                Flush();
                current = row.AccountId;
                Array.Clear(kwh);
                Array.Clear(kw);
            }
            var m = (row.Month.Year - first.Year) * 12 + row.Month.Month - first.Month;
            // A month read on at least half its days is scaled up to the whole month (an account's first month, a meter
            // gap); one read on fewer is left out (0), so a partial month never passes for a low one.
            var daysInMonth = DateTime.DaysInMonth(row.Month.Year, row.Month.Month);
            kwh[m] = row.Days * 2 >= daysInMonth ? row.TotalWh / 1000.0 * daysInMonth / row.Days : 0;
            if (row.Sums is { Length: ProfileAccumulator.PackedLength } sums)
            {
                var acc = new ProfileAccumulator();
                acc.AddPackedSums(sums);
                var weekday = acc.ToProfiles().WeekdayKw;
                for (var h = 0; h < CellHistory.Hours; h++) kw[m * CellHistory.Hours + h] = weekday[h];
            }
        }
        Flush();
        return cells.Values.ToList();
    }
}
