using System.Data;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Usage;

namespace Portal.Features.Usage;

/// <summary>
/// Rebuilds the monthly aggregates of every account-month that received data since the last run.
/// Idempotent: a month is recomputed from its days, never incremented, so a re-run changes nothing.
/// </summary>
public sealed class UsageRollupJob(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, ILogger<UsageRollupJob> log)
{
    public const string Id = "usage-rollup";

    public async Task RunAsync(CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = await db.JobCheckpoints.AsNoTracking().Where(c => c.Name == Id).Select(c => (DateTime?)c.LastRunUtc).FirstOrDefaultAsync(ct) ?? DateTime.MinValue;

        var touched = await db.AccountDays.AsNoTracking().Where(d => d.ImportedAtUtc >= since)
            .Select(d => new { d.AccountId, d.Date.Year, d.Date.Month }).Distinct().ToListAsync(ct);
        // Months whose days changed after their roll-up (the import clears the sums in its own transaction), or rolled up
        // before the sums existed: rebuilt too, so the refresh can take every month from its roll-up again.
        var cleared = await db.MonthlyUsage.AsNoTracking().Where(m => m.ProfileSums == null).Select(m => new { m.AccountId, m.Month }).ToListAsync(ct);
        var months = touched.Select(t => (t.AccountId, Month: new DateOnly(t.Year, t.Month, 1)))
            .Concat(cleared.Select(c => (c.AccountId, c.Month))).Distinct().ToList();
        foreach (var group in months.GroupBy(t => t.AccountId))
        {
            await RollupAsync(db, group.Key, group.Select(g => g.Month).ToList(), ct);
            db.ChangeTracker.Clear();
        }

        var checkpoint = await db.JobCheckpoints.FindAsync([Id], ct);
        if (checkpoint is null) db.JobCheckpoints.Add(new JobCheckpoint { Name = Id, LastRunUtc = startedAt });
        else checkpoint.LastRunUtc = startedAt;
        await db.SaveChangesAsync(ct);
        log.LogInformation("Usage roll-up: {Count} account-months rebuilt", months.Count);
    }

    /// <summary>
    /// Rebuilds the given months of one account from its days: totals, and the hourly profile sums and day totals the
    /// nightly refresh reads instead of the days. Reads and writes in one serializable transaction (on SQLite it holds
    /// the write lock from the start), so an import cannot land between the read and the write and leave stale sums
    /// marked current; run through the provider's execution strategy, so a retried attempt starts afresh (the context's
    /// change tracker is cleared first).
    /// </summary>
    public static Task RollupAsync(AppDbContext db, Guid accountId, IReadOnlyCollection<DateOnly> months, CancellationToken ct)
    {
        if (months.Count == 0) return Task.CompletedTask;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            await RebuildAsync(db, accountId, months, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    private static async Task RebuildAsync(AppDbContext db, Guid accountId, IReadOnlyCollection<DateOnly> months, CancellationToken ct)
    {
        var from = months.Min();
        var to = months.Max().AddMonths(1);
        var days = await db.AccountDays.AsNoTracking()
            .Where(d => d.AccountId == accountId && d.Date >= from && d.Date < to)
            .OrderBy(d => d.Date)
            .Select(d => new { d.Date, d.TotalWh, d.TotalVarh, d.MaxDemandW, d.MissingCount, d.EstimatedCount, d.IntervalMinutes, d.WattHours })
            .ToListAsync(ct);
        var existing = await db.MonthlyUsage.Where(m => m.AccountId == accountId && m.Month >= from && m.Month < to).ToListAsync(ct);
        foreach (var month in months)
        {
            var inMonth = days.Where(d => d.Date.Year == month.Year && d.Date.Month == month.Month).ToList();
            var row = existing.FirstOrDefault(m => m.Month == month);
            if (row is null)
            {
                row = new MonthlyUsageRow { AccountId = accountId, Month = month };
                db.MonthlyUsage.Add(row);
            }
            row.TotalWh = inMonth.Sum(d => d.TotalWh);
            row.TotalVarh = inMonth.Sum(d => d.TotalVarh);
            row.MaxDemandW = inMonth.Count == 0 ? 0 : inMonth.Max(d => d.MaxDemandW);
            row.Days = inMonth.Count;
            row.MissingCount = inMonth.Sum(d => d.MissingCount);
            row.EstimatedCount = inMonth.Sum(d => d.EstimatedCount);
            row.ExpectedIntervals = DateTime.DaysInMonth(month.Year, month.Month) * (inMonth.Count == 0 ? 96 : 1440 / inMonth[0].IntervalMinutes);
            var profile = new ProfileAccumulator();
            foreach (var d in inMonth) profile.AddPacked(d.Date, d.IntervalMinutes, d.WattHours);
            row.ProfileSums = profile.Pack();
            row.DayTotals = MonthDayTotals.Pack(month, inMonth.Select(d => DayTotal.FromStored(d.Date, d.IntervalMinutes, d.MissingCount, d.TotalWh)));
        }
    }
}
