using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Accounts;
using Portal.Domain.Usage;
using Portal.Features.Usage;

namespace Portal.Tests.Features.Usage;

[Collection(PortalCollection.Name)]
public class UsageServiceTests(UsageHost host) : IClassFixture<UsageHost>
{
    private UsageService Service => host.Services.GetRequiredService<UsageService>();

    [Fact]
    public async Task A_customer_lists_only_the_accounts_bound_to_them()
    {
        var business = await Service.MyAccountsAsync(await host.CustomerAsync("business@demo.local"));
        Assert.Equal(3, business.Count);
        Assert.Equal((await host.AccountsOfAsync("business@demo.local")).Order(), business.Select(a => a.Id).Order());
        Assert.All(business, a => Assert.NotNull(a.LatestReading));
    }

    [Fact]
    public async Task A_customer_asking_for_another_customers_account_gets_not_found_everywhere()
    {
        var household = await host.CustomerAsync("household@demo.local");
        var neighbours = (await host.AccountsOfAsync("neighbour@demo.local"))[0];
        Assert.Null(await Service.DashboardAsync(household, neighbours));
        Assert.Null(await Service.LoadCurveAsync(household, neighbours, Service.Today.AddDays(-2)));
        Assert.Null(await Service.SaveAlertSettingsAsync(household, neighbours, new AlertSettingsView(100m, null, true)));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.UsageAlertSettings.AnyAsync(s => s.AccountId == neighbours));
    }

    [Fact]
    public async Task The_dashboard_has_twelve_months_with_the_same_months_a_year_earlier_beside_them()
    {
        Guid id;
        await using (var db = await host.Db.CreateDbContextAsync())
            id = await db.AccountDays.GroupBy(d => d.AccountId).OrderBy(g => g.Min(d => d.Date)).Select(g => g.Key).FirstAsync();
        var d = (await Service.BuildDashboardAsync(id, CancellationToken.None))!;

        Assert.Equal(12, d.Months.Count);
        Assert.Equal(new DateOnly(d.Today.Year, d.Today.Month, 1), d.Months[^1].Month);
        var store = host.Services.GetRequiredService<ReadingStore>();
        foreach (var m in d.Months)
        {
            var now = await store.ReadDaysAsync(id, m.Month, m.Month.AddMonths(1));
            var lastYear = await store.ReadDaysAsync(id, m.Month.AddYears(-1), m.Month.AddYears(-1).AddMonths(1));
            Assert.Equal(now.Sum(x => x.TotalKwh), m.Kwh);
            Assert.Equal(lastYear.Count == 0 ? null : lastYear.Sum(x => x.TotalKwh), m.LastYearKwh);
        }
        Assert.Contains(d.Months, m => m.LastYearKwh is not null); // 14 seeded months give at least one year-on-year pair
    }

    [Fact]
    public async Task The_household_dashboard_has_data_up_to_yesterday_and_its_latest_day_as_the_load_curve()
    {
        var household = await host.CustomerAsync("household@demo.local");
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        var d = (await Service.DashboardAsync(household, id))!;

        Assert.Equal(1, d.Freshness.DaysBehind);
        Assert.Equal(UsageService.DailyDays, d.Daily.Count);
        Assert.Equal(d.Today.AddDays(-1), d.Daily[^1].Date);
        Assert.Equal(96, d.LoadCurve.Count);
        Assert.Equal(d.Account.LatestReading, d.CurveDay);
        Assert.Equal(24, d.Profiles.WeekdayKw.Count);
        Assert.True(d.Insights.BaseLoadKw > 0);
    }

    [Fact]
    public async Task Tier_headroom_counts_this_tier_years_kwh_from_the_stored_days()
    {
        var household = await host.CustomerAsync("household@demo.local");
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        var d = (await Service.DashboardAsync(household, id))!;

        Assert.Equal("XJ-RES-TIER", d.Account.PackageCode);
        var tier = d.Tier!;
        Assert.Equal(new DateOnly(d.Today.Year, 1, 1), tier.CycleStart);
        var stored = await host.Services.GetRequiredService<ReadingStore>().ReadDaysAsync(id, tier.CycleStart, d.Today.AddDays(1));
        Assert.Equal(stored.Sum(x => x.TotalKwh), tier.UsedKwh);
        Assert.Equal(TariffLens.Tier(host.Services.GetRequiredService<Portal.Features.Tariffs.TariffCatalog>().Get("XJ-RES-TIER"), d.Today, tier.UsedKwh), tier);
        Assert.False(d.HasTimeOfUse);
        Assert.Empty(d.TouMonths);
        Assert.Null(d.Demand);
    }

    [Fact]
    public async Task Business_sites_show_maximum_demand_per_month()
    {
        var business = await host.CustomerAsync("business@demo.local");
        foreach (var id in await host.AccountsOfAsync("business@demo.local"))
        {
            var d = (await Service.DashboardAsync(business, id))!;
            Assert.NotNull(d.Demand);
            Assert.Equal(d.Months.Count(m => m.DaysWithData > 0), d.Demand!.Count);
            Assert.All(d.Demand, m => Assert.True(m.MaxDemandKw > 0));
        }
    }

    [Fact]
    public async Task A_time_of_use_package_splits_each_month_into_its_periods_without_losing_kwh()
    {
        // The demo draws account types at random: put an unbound household on the tiered TOU package.
        Guid id;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var bound = db.AccountBindings.Select(b => b.AccountId);
            var account = await db.Accounts.Where(a => a.Type == CustomerType.Residential && !bound.Contains(a.Id)).OrderBy(a => a.AccountNumber).FirstAsync();
            account.ChangeTariffPackage("XJ-RES-TIER-TOU");
            await db.SaveChangesAsync();
            id = account.Id;
        }
        var d = (await Service.BuildDashboardAsync(id, CancellationToken.None))!;

        Assert.True(d.HasTimeOfUse);
        Assert.NotEmpty(d.TouMonths);
        foreach (var month in d.TouMonths)
        {
            Assert.Equal([Portal.Domain.Tariffs.TouPeriod.Peak, Portal.Domain.Tariffs.TouPeriod.Valley], month.Shares.Select(s => s.Period).Order().ToArray());
            Assert.Equal(d.Months.Single(m => m.Month == month.Month).Kwh, month.Shares.Sum(s => s.Kwh));
        }
    }

    [Fact]
    public async Task The_forecast_prices_its_band_through_the_bill_engine()
    {
        var household = await host.CustomerAsync("household@demo.local");
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        var f = (await Service.DashboardAsync(household, id))!.Forecast!;

        Assert.Equal(new DateOnly(f.CycleStart.Year, f.CycleStart.Month, 1), f.CycleStart);
        Assert.True(f.Forecast.Cycle.Low <= f.Forecast.Cycle.Kwh && f.Forecast.Cycle.Kwh <= f.Forecast.Cycle.High);
        Assert.True(f.Forecast.Cycle.Kwh >= f.Forecast.ToDateKwh);
        Assert.True(f.Bill > 0);
        Assert.True(f.BillLow <= f.Bill && f.Bill <= f.BillHigh);
    }

    [Fact]
    public async Task The_dashboard_takes_the_forecast_the_refresh_stored_and_computes_it_when_newer_data_arrived()
    {
        var household = await host.CustomerAsync("household@demo.local");
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        await SetStoredForecastAsync(id, row => row.BandSource = null);
        var computed = (await Service.DashboardAsync(household, id))!.Forecast!;

        // The demo seeding ran the refresh already; refresh this account now so its row covers the latest day.
        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<RefreshPredictionsJob>().RefreshAccountsAsync([id], CancellationToken.None);
        try
        {
            // Stored for this cycle and the latest day: the same figures the page would compute.
            Assert.Equal(computed, (await Service.DashboardAsync(household, id))!.Forecast);

            // The page really reads the stored row (a marked figure shows up)...
            await SetStoredForecastAsync(id, row => { row.ForecastKwh = 12345.6; row.ForecastBill = 999.99m; });
            var stored = (await Service.DashboardAsync(household, id))!.Forecast!;
            Assert.Equal(12345.6, stored.Forecast.Cycle.Kwh);
            Assert.Equal(999.99m, stored.Bill);

            // ...but not when a newer day arrived after the refresh, nor when it was made for another cycle.
            await SetStoredForecastAsync(id, row => row.LastCompleteDay = row.LastCompleteDay.AddDays(-1));
            Assert.Equal(computed, (await Service.DashboardAsync(household, id))!.Forecast);
            await SetStoredForecastAsync(id, row => { row.LastCompleteDay = row.LastCompleteDay.AddDays(1); row.CycleStart = row.CycleStart.AddMonths(-1); });
            Assert.Equal(computed, (await Service.DashboardAsync(household, id))!.Forecast);
        }
        finally
        {
            await SetStoredForecastAsync(id, row => row.BandSource = null);
        }
    }

    private async Task SetStoredForecastAsync(Guid accountId, Action<UsagePredictionRow> change)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        if (await db.UsagePredictions.FindAsync(accountId) is not { } row) return;
        change(row);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Peers_are_hidden_when_fewer_than_twenty_similar_accounts_exist()
    {
        var household = await host.CustomerAsync("household@demo.local");
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        var peers = (await Service.DashboardAsync(household, id))!.Peers!;

        Assert.False(peers.Result.IsShown);
        Assert.True(peers.Result.CohortSize < PeerComparison.DefaultMinimumCohort);
        Assert.Null(peers.Result.MedianKwh);
        Assert.True(peers.MyKwh > 0);
    }

    [Fact]
    public async Task Each_account_is_compared_with_its_cohort_without_itself_even_when_the_cohort_is_shared()
    {
        // The cohort's figures are read once and shared by every page in it (UsageService.PeerCohortLifetime); each
        // account must still be left out of its own comparison and see only its own cohort (type, region, band).
        List<(Guid Id, CustomerType Type, string Region, int Band)> accounts;
        var month = new DateOnly(Service.Today.Year, Service.Today.Month, 1).AddMonths(-1);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var all = await db.Accounts.Select(a => a.Id).ToListAsync();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<RefreshPredictionsJob>().RefreshAccountsAsync(all, CancellationToken.None);
        }
        await using (var db = await host.Db.CreateDbContextAsync())
            accounts = (await db.UsagePredictions.Join(db.Accounts, p => p.AccountId, a => a.Id, (p, a) => new { a.Id, a.Type, a.Region, p.ConsumptionBand })
                .ToListAsync()).Select(x => (x.Id, x.Type, x.Region, x.ConsumptionBand)).ToList();
        Assert.True(accounts.Count >= 2);
        var compared = 0;
        foreach (var a in accounts)
        {
            var peers = (await Service.BuildDashboardAsync(a.Id, CancellationToken.None))!.Peers;
            if (peers is null) continue;   // no kWh last month: nothing to compare
            // Its region's similar accounts; when those are too few for a fair comparison, the whole county's (and the page says so).
            async Task<int> CohortAsync(string? region)
            {
                await using var db = await host.Db.CreateDbContextAsync();
                return await db.UsagePredictions.Where(p => p.ConsumptionBand == a.Band && p.AccountId != a.Id)
                    .Join(db.Accounts.Where(x => x.Type == a.Type && (region == null || x.Region == region)), p => p.AccountId, x => x.Id, (p, x) => p.AccountId)
                    .Join(db.MonthlyUsage.Where(m => m.Month == month && m.TotalWh > 0), id => id, m => m.AccountId, (id, m) => id)
                    .CountAsync();
            }
            var regional = await CohortAsync(a.Region);
            var countyWide = regional < PeerComparison.DefaultMinimumCohort;
            Assert.Equal(countyWide, peers.CountyWide);
            Assert.Equal(countyWide ? await CohortAsync(null) : regional, peers.Result.CohortSize);
            compared++;
        }
        Assert.True(compared >= 2, $"only {compared} account(s) had a peer comparison");
    }

    [Fact]
    public async Task Invalid_alert_thresholds_are_refused_with_their_reason_and_nothing_is_written()
    {
        var household = await host.CustomerAsync("neighbour@demo.local");
        var id = (await host.AccountsOfAsync("neighbour@demo.local"))[0];
        var problems = await Service.SaveAlertSettingsAsync(household, id, new AlertSettingsView(0m, -5m, true));

        Assert.Equal(["Alert.KwhThresholdNotPositive", "Alert.BillThresholdNotPositive"], problems);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.UsageAlertSettings.AnyAsync(s => s.AccountId == id));
    }

    [Fact]
    public async Task Saved_alert_thresholds_come_back_on_the_dashboard()
    {
        var business = await host.CustomerAsync("business@demo.local");
        var id = (await host.AccountsOfAsync("business@demo.local"))[0];
        Assert.Empty((await Service.SaveAlertSettingsAsync(business, id, new AlertSettingsView(0.01m, null, false)))!);
        Assert.Empty((await Service.SaveAlertSettingsAsync(business, id, new AlertSettingsView(1200m, 800m, false)))!);

        var d = (await Service.DashboardAsync(business, id))!;
        Assert.Equal(new AlertSettingsView(1200m, 800m, false), d.AlertSettings);
    }

    [Fact]
    public async Task The_usage_page_shows_a_not_found_state_for_someone_elses_account()
    {
        var neighbours = (await host.AccountsOfAsync("neighbour@demo.local"))[0];
        var own = (await host.AccountsOfAsync("household@demo.local"))[0];
        using var client = host.Client();
        await client.SignInAsync("household@demo.local");

        var other = await client.GetAsync($"/usage/{neighbours}");
        // Someone else's account looks exactly like one that does not exist: 404.
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var otherHtml = await other.Content.ReadAsStringAsync();
        Assert.DoesNotContain("chart-monthly", otherHtml);

        var mine = await (await client.GetAsync($"/usage/{own}")).Content.ReadAsStringAsync();
        Assert.Contains("chart-monthly", mine);
        Assert.DoesNotContain("usage-not-found", mine);
    }

    [Fact]
    public async Task The_usage_pages_are_for_signed_in_customers()
    {
        using var client = host.Client();
        var response = await client.GetAsync("/usage");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
    }
}
