using Microsoft.EntityFrameworkCore;
using Portal.Data;

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
        var checkpoint = await db.JobCheckpoints.FindAsync([Id], ct);
        var since = checkpoint?.LastRunUtc ?? DateTime.MinValue;

        var touched = await db.AccountDays.AsNoTracking().Where(d => d.ImportedAtUtc >= since)
            .Select(d => new { d.AccountId, d.Date.Year, d.Date.Month }).Distinct().ToListAsync(ct);
        foreach (var group in touched.GroupBy(t => t.AccountId))
            await RollupAsync(db, group.Key, group.Select(g => new DateOnly(g.Year, g.Month, 1)).ToList(), ct);

        if (checkpoint is null) db.JobCheckpoints.Add(new JobCheckpoint { Name = Id, LastRunUtc = startedAt });
        else checkpoint.LastRunUtc = startedAt;
        await db.SaveChangesAsync(ct);
        log.LogInformation("Usage roll-up: {Count} account-months rebuilt", touched.Count);
    }

    public static async Task RollupAsync(AppDbContext db, Guid accountId, IReadOnlyCollection<DateOnly> months, CancellationToken ct)
    {
        if (months.Count == 0) return;
        var from = months.Min();
        var to = months.Max().AddMonths(1);
        var days = await db.AccountDays.AsNoTracking()
            .Where(d => d.AccountId == accountId && d.Date >= from && d.Date < to)
            .Select(d => new { d.Date, d.TotalWh, d.TotalVarh, d.MaxDemandW, d.MissingCount, d.EstimatedCount, d.IntervalMinutes })
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
        }
        await db.SaveChangesAsync(ct);
    }
}
