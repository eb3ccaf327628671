using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Usage;

namespace Portal.Features.Usage;

public sealed record ImportRunItem(long Id, string FileName, string Source, string? UserName, int AcceptedRows, int RejectedRows, int DaysWritten, int DaysUnchanged, DateTime ImportedAtUtc);

public sealed record RefreshStatus(string? State, DateTime? LastCompletedRunUtc, int Predictions, DateTime? ModelTrainedAtUtc, int ModelAccounts);

/// <summary>Accounts per archetype within one group (a region, or a consumption band).</summary>
public sealed record SegmentCount(string Group, LoadArchetype Archetype, int Accounts);

/// <summary>Back-office reading of the usage side: refresh progress, imports, segment distribution.</summary>
public sealed class UsageAdminService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<RefreshStatus> StatusAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var checkpoint = await db.JobCheckpoints.AsNoTracking().Where(c => c.Name == RefreshPredictionsJob.Id)
            .Select(c => new { c.State, c.LastRunUtc }).FirstOrDefaultAsync(ct);
        var model = await db.UsageSegmentModels.AsNoTracking().OrderByDescending(m => m.Id)
            .Select(m => new { m.TrainedAtUtc, m.TrainedOnAccounts }).FirstOrDefaultAsync(ct);
        return new RefreshStatus(checkpoint?.State, checkpoint is null || checkpoint.LastRunUtc == DateTime.MinValue ? null : checkpoint.LastRunUtc,
            await db.UsagePredictions.CountAsync(ct), model?.TrainedAtUtc, model?.TrainedOnAccounts ?? 0);
    }

    public async Task<IReadOnlyList<ImportRunItem>> RecentImportsAsync(int take = 10, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UsageImports.AsNoTracking().OrderByDescending(i => i.Id).Take(take)
            .Select(i => new ImportRunItem(i.Id, i.FileName, i.Source, i.UserName, i.AcceptedRows, i.RejectedRows, i.DaysWritten, i.DaysUnchanged, i.ImportedAtUtc))
            .ToListAsync(ct);
    }

    /// <summary>Segment distribution by region (group = region code) and by consumption band (group = band number).</summary>
    public async Task<(IReadOnlyList<SegmentCount> ByRegion, IReadOnlyList<SegmentCount> ByBand)> SegmentsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.UsagePredictions.AsNoTracking().Where(p => p.Archetype != null)
            .Join(db.Accounts, p => p.AccountId, a => a.Id, (p, a) => new { a.Region, p.ConsumptionBand, Archetype = p.Archetype!.Value })
            .GroupBy(x => new { x.Region, x.ConsumptionBand, x.Archetype })
            .Select(g => new { g.Key.Region, g.Key.ConsumptionBand, g.Key.Archetype, Count = g.Count() })
            .ToListAsync(ct);
        var byRegion = rows.GroupBy(r => (r.Region, r.Archetype)).OrderBy(g => g.Key.Region).ThenBy(g => g.Key.Archetype)
            .Select(g => new SegmentCount(g.Key.Region, (LoadArchetype)g.Key.Archetype, g.Sum(x => x.Count))).ToList();
        var byBand = rows.GroupBy(r => (r.ConsumptionBand, r.Archetype)).OrderBy(g => g.Key.ConsumptionBand).ThenBy(g => g.Key.Archetype)
            .Select(g => new SegmentCount(g.Key.ConsumptionBand.ToString(System.Globalization.CultureInfo.InvariantCulture), (LoadArchetype)g.Key.Archetype, g.Sum(x => x.Count))).ToList();
        return (byRegion, byBand);
    }
}
