using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Portal.Features.Usage;

namespace Portal.Features.Tariffs;

/// <summary>
/// Nightly (and safe at any time): replays the last 12 months of every account whose stored recommendation is missing
/// or stale through every eligible package and stores the result (<see cref="TariffRecommendationRow"/>).
/// Incremental without a checkpoint: the database says what is stale (a new window month, another current package,
/// a newly published package version, readings imported into the window after the row was computed), so a re-run
/// does nothing and a lost run is caught up by the next one.
/// </summary>
public sealed class RecommendationRefreshJob(IDbContextFactory<AppDbContext> dbFactory, TariffCatalog catalog, TimeProvider clock,
    ILogger<RecommendationRefreshJob> log)
{
    public const string Id = "tariff-recommendations";
    private const int Batch = 50;

    /// <summary>Returns how many accounts were (re)computed (skipped ones are logged and stay stale).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(startedAt.AddHours(8));
        var windowEnd = new DateOnly(today.Year, today.Month, 1);
        var windowStart = windowEnd.AddMonths(-12);
        var packages = catalog.All.ToList();
        var stamp = RecommendationSnapshot.CatalogStamp(packages);

        List<Guid> stale;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            stale = await StaleAccounts(db, windowStart, windowEnd, stamp).OrderBy(id => id).ToListAsync(ct);

        var done = 0;
        var failed = 0;
        foreach (var chunk in stale.Chunk(Batch))
        {
            ct.ThrowIfCancellationRequested();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var accounts = await db.Accounts.AsNoTracking().Where(a => chunk.Contains(a.Id)).ToListAsync(ct);
            var days = (await db.AccountDays.AsNoTracking()
                    .Where(d => chunk.Contains(d.AccountId) && d.Date >= windowStart && d.Date < windowEnd)
                    .OrderBy(d => d.AccountId).ThenBy(d => d.Date).ToListAsync(ct))
                .GroupBy(d => d.AccountId).ToDictionary(g => g.Key, g => g.Select(ReadingStore.ToDay).ToList());
            var existing = await db.TariffRecommendations.Where(r => chunk.Contains(r.AccountId)).ToDictionaryAsync(r => r.AccountId, ct);
            foreach (var account in accounts)
            {
                if (!catalog.TryGet(account.TariffPackageCode, out var current)) continue; // a retired package: nothing to compare with
                Recommendation recommendation;
                try
                {
                    recommendation = PackageRecommender.Recommend(current!, packages, account.Profile,
                        days.TryGetValue(account.Id, out var d) ? d : [], today, null, account.DeclaredDemandKw);
                }
                catch (DomainException ex)
                {
                    // One account's unbillable data (e.g. a month mixing interval lengths) must not stop the others;
                    // it stays stale and is retried on the next run.
                    log.LogWarning("Tariff recommendation skipped for {Account}: {Reason}", account.AccountNumber, ex.Message);
                    failed++;
                    continue;
                }
                if (!existing.TryGetValue(account.Id, out var row)) db.TariffRecommendations.Add(row = new TariffRecommendationRow { AccountId = account.Id });
                Fill(row, recommendation, account, windowEnd, stamp, startedAt);
            }
            await db.SaveChangesAsync(ct);
            done += chunk.Length;
        }
        await ReportAsync($"done {done - failed}/{stale.Count}" + (failed > 0 ? $"; skipped {failed}" : ""), startedAt, ct);
        log.LogInformation("Tariff recommendations: {Accounts} account(s) refreshed, {Failed} skipped", done - failed, failed);
        return done - failed;
    }

    /// <summary>Accounts whose stored recommendation does not match today's inputs.</summary>
    public static IQueryable<Guid> StaleAccounts(AppDbContext db, DateOnly windowStart, DateOnly windowEnd, string stamp) =>
        db.Accounts.AsNoTracking()
            .Where(a => !db.TariffRecommendations.Any(r => r.AccountId == a.Id && r.WindowEnd == windowEnd
                && r.CurrentPackageCode == a.TariffPackageCode && r.CatalogStamp == stamp
                && !db.AccountDays.Any(d => d.AccountId == a.Id && d.Date >= windowStart && d.Date < windowEnd && d.ImportedAtUtc > r.ComputedAtUtc)))
            .Select(a => a.Id);

    private static void Fill(TariffRecommendationRow row, Recommendation r, CustomerAccount account, DateOnly windowEnd, string stamp, DateTime computedAt)
    {
        var best = r.Options.FirstOrDefault();
        row.WindowEnd = windowEnd;
        row.CurrentPackageCode = account.TariffPackageCode;
        row.CatalogStamp = stamp;
        row.Confidence = (int)r.Confidence;
        row.BestPackageCode = best?.Cost.PackageCode;
        row.BestSaving = best?.SavingVsCurrent.Yuan;
        row.Json = RecommendationSnapshot.From(r).ToJson();
        row.ComputedAtUtc = computedAt;
    }

    private async Task ReportAsync(string state, DateTime startedAt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var checkpoint = await db.JobCheckpoints.FindAsync([Id], ct);
        if (checkpoint is null) db.JobCheckpoints.Add(checkpoint = new JobCheckpoint { Name = Id });
        checkpoint.LastRunUtc = startedAt;
        checkpoint.State = state;
        await db.SaveChangesAsync(ct);
    }
}
