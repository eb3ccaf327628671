using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Usage;
using Portal.Features.Usage;

namespace Portal.Tests.Features.Usage;

/// <summary>
/// Two years and two months of data, so accounts opened long ago have every month of the refresh's window rolled up. No
/// job server: the tests run the roll-up and the refresh themselves (an import would otherwise queue both at once).
/// </summary>
public sealed class LongHistoryHost() : PortalHost(6, 26, new() { ["Jobs:RunServer"] = "false" });

/// <summary>
/// The nightly refresh takes whole months from the monthly roll-up (packed day totals and profile sums) instead of
/// reading two years of days; an import clears the roll-up of the months it changed, and until the roll-up job
/// rebuilds them the refresh reads those accounts' days. Both paths store the same predictions.
/// </summary>
[Collection(PortalCollection.Name)]
public class RollupRefreshTests(LongHistoryHost host) : IClassFixture<LongHistoryHost>
{
    private async Task RefreshAllAsync()
    {
        await using (var db = await host.Db.CreateDbContextAsync())
            await db.JobCheckpoints.Where(c => c.Name == RefreshPredictionsJob.Id).ExecuteDeleteAsync();
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RefreshPredictionsJob>().RunAsync(CancellationToken.None);
    }

    private async Task<List<string>> PredictionsAsync()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return (await db.UsagePredictions.AsNoTracking().OrderBy(p => p.AccountId).ToListAsync())
            .Select(p => string.Join("|", p.AccountId, p.CycleStart, p.LastCompleteDay, p.ForecastKwh, p.ForecastLowKwh, p.ForecastHighKwh,
                p.NextCycleKwh, p.NextCycleLowKwh, p.NextCycleHighKwh, p.ForecastBill, p.ForecastBillLow, p.ForecastBillHigh, p.ToDateKwh,
                p.BandSource, p.UsedLastYear, p.Archetype, p.Cluster, p.ConsumptionBand, p.AnnualKwh))
            .ToList();
    }

    /// <summary>An account whose data starts before the refresh's two-year window, so all its months can come from the roll-up.</summary>
    private async Task<(Guid Id, string Number)> LongAccountAsync()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var windowStart = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-730);
        var id = await db.AccountDays.GroupBy(d => d.AccountId).Where(g => g.Min(d => d.Date) < windowStart).OrderBy(g => g.Key).Select(g => g.Key).FirstAsync();
        return (id, await db.Accounts.Where(a => a.Id == id).Select(a => a.AccountNumber).SingleAsync());
    }

    [Fact]
    public async Task The_refresh_stores_the_same_predictions_from_the_roll_up_as_from_the_days_and_reads_the_roll_up_when_it_is_there()
    {
        var (id, _) = await LongAccountAsync();
        await RefreshAllAsync();
        var fromRollup = await PredictionsAsync();
        Assert.NotEmpty(fromRollup);

        // Without roll-up sums (as right after an import) every account's days are read: the same figures.
        await using (var db = await host.Db.CreateDbContextAsync())
            await db.MonthlyUsage.ExecuteUpdateAsync(u => u.SetProperty(m => m.ProfileSums, (byte[]?)null).SetProperty(m => m.DayTotals, (byte[]?)null));
        await RefreshAllAsync();
        Assert.Equal(fromRollup, await PredictionsAsync());

        // The roll-up job rebuilds the cleared months, and the refresh is back on them with the same figures.
        await host.Services.GetRequiredService<UsageRollupJob>().RunAsync(CancellationToken.None);
        await using (var db = await host.Db.CreateDbContextAsync())
            Assert.Equal(0, await db.MonthlyUsage.CountAsync(m => m.ProfileSums == null || m.DayTotals == null));
        await RefreshAllAsync();
        Assert.Equal(fromRollup, await PredictionsAsync());

        // Proof the roll-up is what the refresh read: one kWh more per day in a stored month of last year's window
        // shows in the annual figure exactly.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-3);
        decimal annualBefore, annualAfter;
        int days;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            annualBefore = await db.UsagePredictions.Where(p => p.AccountId == id).Select(p => p.AnnualKwh).SingleAsync();
            var row = await db.MonthlyUsage.SingleAsync(m => m.AccountId == id && m.Month == month);
            var totals = new List<DayTotal>();
            MonthDayTotals.Unpack(month, row.DayTotals, DateOnly.MinValue, DateOnly.MaxValue, totals);
            days = totals.Count;
            row.DayTotals = MonthDayTotals.Pack(month, totals.Select(t => t with { TotalKwh = t.TotalKwh + 1 }));
            await db.SaveChangesAsync();
        }
        await RefreshAllAsync();
        await using (var db = await host.Db.CreateDbContextAsync())
            annualAfter = await db.UsagePredictions.Where(p => p.AccountId == id).Select(p => p.AnnualKwh).SingleAsync();
        Assert.True(days >= 28);
        Assert.Equal(annualBefore + days, annualAfter);

        // Put the month back as the days say.
        await using (var db = await host.Db.CreateDbContextAsync())
            await UsageRollupJob.RollupAsync(db, id, [month], CancellationToken.None);
        await RefreshAllAsync();
        Assert.Equal(fromRollup, await PredictionsAsync());
    }

    [Fact]
    public async Task An_import_clears_the_roll_up_of_exactly_the_months_it_changed_and_the_roll_up_job_rebuilds_them()
    {
        var (id, number) = await LongAccountAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var day = new DateOnly(today.Year, today.Month, 1).AddMonths(-5).AddDays(9);
        var month = new DateOnly(day.Year, day.Month, 1);
        await host.Services.GetRequiredService<UsageRollupJob>().RunAsync(CancellationToken.None);

        var csv = string.Concat(Enumerable.Range(0, 24).Select(h => $"{number},{day:yyyy-MM-dd} {h:00}:00,3.25\n"));
        await host.Services.GetRequiredService<UsageImportService>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "one-day.csv", "test", null);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var cleared = await db.MonthlyUsage.Where(m => m.ProfileSums == null).Select(m => new { m.AccountId, m.Month }).ToListAsync();
            Assert.Equal([new { AccountId = id, Month = month }], cleared);
            Assert.Equal(0, await db.MonthlyUsage.CountAsync(m => (m.ProfileSums == null) != (m.DayTotals == null)));
        }

        // Re-importing the same file changes no day, so nothing is cleared.
        await host.Services.GetRequiredService<UsageRollupJob>().RunAsync(CancellationToken.None);
        await host.Services.GetRequiredService<UsageImportService>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "one-day.csv", "test", null);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            Assert.Equal(0, await db.MonthlyUsage.CountAsync(m => m.ProfileSums == null));
            var row = await db.MonthlyUsage.AsNoTracking().SingleAsync(m => m.AccountId == id && m.Month == month);
            var totals = new List<DayTotal>();
            MonthDayTotals.Unpack(month, row.DayTotals, day, day, totals);
            Assert.Equal(new DayTotal(day, 24, 0, 24 * 3.25m), Assert.Single(totals)); // the imported hourly day, rolled up
            var sums = new ProfileAccumulator();
            sums.AddPackedSums(row.ProfileSums);
            Assert.Equal(row.Days, sums.ToProfiles() is var p ? p.WeekdayCount + p.WeekendCount : 0);
        }
    }
}
