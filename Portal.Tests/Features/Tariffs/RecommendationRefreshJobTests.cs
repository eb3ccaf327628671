using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Accounts;
using Portal.Domain.Tariffs;
using Portal.Features.Tariffs;
using Portal.Features.Usage;

namespace Portal.Tests.Features.Tariffs;

/// <summary>The nightly recommendation refresh on the real app and SQLite: stores one per account, then only what went stale.</summary>
[Collection(PortalCollection.Name)]
public class RecommendationRefreshJobTests(TariffsHost host) : IClassFixture<TariffsHost>
{
    private Task<int> RunAsync(TimeProvider? clock = null) =>
        new RecommendationRefreshJob(host.Db, host.Get<TariffCatalog>(), clock ?? host.Get<TimeProvider>(),
            host.Get<ILogger<RecommendationRefreshJob>>()).RunAsync(CancellationToken.None);

    private async Task<int> StaleCountAsync(DateOnly today)
    {
        var windowEnd = new DateOnly(today.Year, today.Month, 1);
        await using var db = await host.Db.CreateDbContextAsync();
        return await RecommendationRefreshJob.StaleAccounts(db, windowEnd.AddMonths(-12), windowEnd,
            RecommendationSnapshot.CatalogStamp(host.Get<TariffCatalog>().All)).CountAsync();
    }

    private async Task ImportDayAsync(string accountNumber, DateOnly date)
    {
        // 15-minute rows like the demo meters (a month mixing 15- and 60-minute days is not billable).
        var csv = string.Concat(Enumerable.Range(0, 96).Select(q => $"{accountNumber},{date:yyyy-MM-dd} {q / 4:00}:{q % 4 * 15:00},0.2\n"));
        var outcome = await host.Get<UsageImportService>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "day.csv", "test", null);
        Assert.Equal(0, outcome.RejectedRows);
    }

    [Fact]
    public async Task The_refresh_stores_what_the_page_shows_and_then_only_recomputes_stale_accounts()
    {
        var today = host.Get<RecommendationService>().Today;
        int accounts;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            await db.TariffRecommendations.ExecuteDeleteAsync(); // other tests of this class may have run first
            accounts = await db.Accounts.CountAsync();
        }

        Assert.Equal(accounts, await RunAsync());
        Assert.Equal(0, await RunAsync()); // idempotent: nothing changed, nothing recomputed
        Assert.Equal(0, await StaleCountAsync(today));

        // The stored figures are the live figures: same packages, same annual costs, same savings, same drivers.
        const string household = "household@demo.local";
        var user = await host.UserAsync(household);
        var service = host.Get<RecommendationService>();
        var inputs = (await service.LoadAsync(user, (await host.OwnAccountsAsync(household))[0]))!;
        var stored = await service.StoredAsync(inputs);
        Assert.NotNull(stored);
        var live = RecommendationService.Recommend(inputs);
        Assert.Equal(RecommendationConfidence.Sufficient, stored.Recommendation.Confidence);
        Assert.Equal(live.Current!.AnnualCost, stored.Recommendation.Current!.AnnualCost);
        Assert.Equal(live.Options.Select(o => (o.Cost.PackageCode, o.Cost.AnnualCost, o.SavingVsCurrent)),
            stored.Recommendation.Options.Select(o => (o.Cost.PackageCode, o.Cost.AnnualCost, o.SavingVsCurrent)));
        Assert.Equal(live.Options[0].Drivers.Select(d => (d.Component, d.Period, d.Tier, d.Difference)),
            stored.Recommendation.Options[0].Drivers.Select(d => (d.Component, d.Period, d.Tier, d.Difference)));
        Assert.Equal(live.Coverage, stored.Recommendation.Coverage);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var row = await db.TariffRecommendations.SingleAsync(r => r.AccountId == inputs.Account.Id);
            Assert.Equal(live.Options[0].Cost.PackageCode, row.BestPackageCode);
            Assert.Equal(live.Options[0].SavingVsCurrent.Yuan, row.BestSaving);
        }
    }

    [Fact]
    public async Task Readings_imported_into_the_window_make_one_account_stale_and_readings_after_it_do_not()
    {
        await RunAsync();
        var today = host.Get<RecommendationService>().Today;
        var windowEnd = new DateOnly(today.Year, today.Month, 1);
        Guid id;
        string number;
        await using (var db = await host.Db.CreateDbContextAsync())
            (id, number) = await db.Accounts.OrderByDescending(a => a.AccountNumber).Select(a => ValueTuple.Create(a.Id, a.AccountNumber)).FirstAsync();

        // The current month is outside the replayed window: nothing to redo.
        await ImportDayAsync(number, windowEnd);
        Assert.Equal(0, await StaleCountAsync(today));

        // The window's last day is inside it: that account, and only it, is recomputed.
        await ImportDayAsync(number, windowEnd.AddDays(-1));
        Assert.Equal(1, await StaleCountAsync(today));
        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync());
        await using (var db = await host.Db.CreateDbContextAsync())
            Assert.True(await db.TariffRecommendations.AnyAsync(r => r.AccountId == id && r.WindowEnd == windowEnd));
    }

    [Fact]
    public async Task A_package_change_or_a_new_month_makes_the_stored_recommendation_stale()
    {
        await RunAsync();
        var today = host.Get<RecommendationService>().Today;
        var catalog = host.Get<TariffCatalog>();
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var account = await db.Accounts.Where(a => a.Type == CustomerType.Residential).OrderBy(a => a.AccountNumber).FirstAsync();
            account.ChangeTariffPackage(catalog.All.First(p => p.IsEligibleFor(account.Profile) && p.Code != account.TariffPackageCode).Code);
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, await StaleCountAsync(today));
        Assert.Equal(1, await RunAsync());

        // On the first day of next month the window moves for everyone.
        var nextMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var clock = new FixedClock(new DateTimeOffset(nextMonth.ToDateTime(new TimeOnly(4, 45)), TimeSpan.FromHours(8)));
        int accounts;
        await using (var db = await host.Db.CreateDbContextAsync()) accounts = await db.Accounts.CountAsync();
        Assert.Equal(accounts, await StaleCountAsync(nextMonth));
        Assert.Equal(accounts, await RunAsync(clock));
        Assert.Equal(0, await StaleCountAsync(nextMonth));
    }

    [Fact]
    public async Task Only_households_with_registered_electric_heating_are_offered_the_heating_package()
    {
        var service = host.Get<RecommendationService>();
        List<(Guid Id, bool Heating)> households;
        await using (var db = await host.Db.CreateDbContextAsync())
            households = (await db.Accounts.Where(a => a.Type == CustomerType.Residential).Select(a => new { a.Id, a.HasElectricHeating }).ToListAsync())
                .Select(a => (a.Id, a.HasElectricHeating)).ToList();
        Assert.Contains(households, h => h.Heating);
        Assert.Contains(households, h => !h.Heating);
        var heating = host.Get<TariffCatalog>().Get("XJ-RES-HEAT");
        foreach (var (id, hasHeating) in households)
        {
            var header = (await service.HeaderAsync(id))!;
            Assert.Equal(hasHeating, header.Profile.HasElectricHeating);
            Assert.Equal(hasHeating, heating.IsEligibleFor(header.Profile));
        }
    }
}
