using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Usage;
using Portal.Features.Usage;

namespace Portal.Tests.Features.Usage;

[Collection(PortalCollection.Name)]
public class RefreshPredictionsJobTests(UsageHost host) : IClassFixture<UsageHost>
{
    private async Task RunAsync()
    {
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RefreshPredictionsJob>().RunAsync(CancellationToken.None);
    }

    private async Task<string> StateAsync()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.JobCheckpoints.Where(c => c.Name == RefreshPredictionsJob.Id).Select(c => c.State).SingleAsync();
    }

    [Fact]
    public async Task The_refresh_predicts_every_account_then_only_accounts_with_new_data()
    {
        await RunAsync();
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var accounts = await db.Accounts.CountAsync();
            Assert.Equal(accounts, await db.UsagePredictions.CountAsync());
            Assert.All(await db.UsagePredictions.ToListAsync(), p =>
            {
                Assert.NotNull(p.Archetype);
                Assert.True(p.ForecastLowKwh <= p.ForecastKwh && p.ForecastKwh <= p.ForecastHighKwh);
                Assert.True(p.ForecastBill > 0);
            });
            var model = SegmentModel.FromJson((await db.UsageSegmentModels.SingleAsync()).Json);
            Assert.Equal(RefreshPredictionsJob.Clusters, model.Archetypes.Count);
        }
        Assert.StartsWith("done", await StateAsync());

        // Nothing new: nothing is recomputed and the model is kept.
        await RunAsync();
        Assert.StartsWith("done 0/0", await StateAsync());

        // New data for one account: exactly that account is refreshed.
        Guid id;
        string number;
        await using (var db = await host.Db.CreateDbContextAsync())
            (id, number) = await db.Accounts.OrderBy(a => a.AccountNumber).Select(a => ValueTuple.Create(a.Id, a.AccountNumber)).FirstAsync();
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-100);
        var csv = string.Concat(Enumerable.Range(0, 24).Select(h => $"{number},{date:yyyy-MM-dd} {h:00}:00,9.9\n"));
        await host.Services.GetRequiredService<UsageImportService>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "one.csv", "test", null);
        await RunAsync();
        Assert.StartsWith("done 1/1", await StateAsync());
        await using (var db = await host.Db.CreateDbContextAsync())
            Assert.Equal(1, await db.UsageSegmentModels.CountAsync());
    }

    [Fact]
    public async Task An_alert_is_raised_once_per_cycle_and_reaches_the_bell_and_the_email_sink()
    {
        var user = await host.CustomerAsync("household@demo.local");
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        var usage = host.Services.GetRequiredService<UsageService>();
        Assert.Empty((await usage.SaveAlertSettingsAsync(user, id, new AlertSettingsView(1m, null, false)))!);

        await RunAsync();
        await RunAsync();
        // Saving again makes the account "touched" for the next run; the dedupe key still holds.
        Assert.Empty((await usage.SaveAlertSettingsAsync(user, id, new AlertSettingsView(2m, null, false)))!);
        await RunAsync();

        await using var db = await host.Db.CreateDbContextAsync();
        var alert = await db.UsageAlerts.SingleAsync(a => a.AccountId == id);
        Assert.Equal((int)UsageAlertKind.ForecastAboveThreshold, alert.Kind);
        Assert.Equal(1m, alert.Limit);
        var userId = Portal.Features.Accounts.AccountAccessService.UserId(user)!;
        Assert.Single(await db.Notifications.Where(n => n.UserId == userId && n.Kind == "UsageForecastAboveThreshold").ToListAsync());
        Assert.Single(await db.EmailMessages.Where(m => m.To == "household@demo.local" && m.Subject.Contains("户号")).ToListAsync());
    }

    [Fact]
    public async Task Admins_see_every_segmented_account_once_by_region_and_once_by_consumption_level()
    {
        await RunAsync();
        var admin = host.Services.GetRequiredService<UsageAdminService>();
        var (byRegion, byBand) = await admin.SegmentsAsync();
        var status = await admin.StatusAsync();

        await using var db = await host.Db.CreateDbContextAsync();
        var segmented = await db.UsagePredictions.CountAsync(p => p.Archetype != null);
        Assert.True(segmented > 0);
        Assert.Equal(segmented, byRegion.Sum(c => c.Accounts));
        Assert.Equal(segmented, byBand.Sum(c => c.Accounts));
        var regions = await db.Accounts.Select(a => a.Region).Distinct().ToListAsync();
        Assert.All(byRegion, c => Assert.Contains(c.Group, regions));
        Assert.Equal(await db.UsagePredictions.CountAsync(), status.Predictions);
        Assert.NotNull(status.ModelTrainedAtUtc);
        Assert.StartsWith("done", status.State);
    }

    [Fact]
    public async Task A_customer_who_opts_in_and_then_out_again_gets_no_alert()
    {
        var user = await host.CustomerAsync("business@demo.local");
        var id = (await host.AccountsOfAsync("business@demo.local"))[^1];
        var usage = host.Services.GetRequiredService<UsageService>();
        Assert.Empty((await usage.SaveAlertSettingsAsync(user, id, new AlertSettingsView(1m, 1m, true)))!);
        Assert.Empty((await usage.SaveAlertSettingsAsync(user, id, new AlertSettingsView(null, null, false)))!);

        await RunAsync();

        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.UsageAlerts.AnyAsync(a => a.AccountId == id));
        Assert.Equal(new AlertSettingsView(null, null, false), (await usage.DashboardAsync(user, id))!.AlertSettings);
    }

    [Fact]
    public async Task Accounts_without_alert_settings_get_no_alerts()
    {
        await RunAsync();
        var id = (await host.AccountsOfAsync("neighbour@demo.local"))[0];
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.UsageAlerts.AnyAsync(a => a.AccountId == id));
        // …and the page shows every alert switched off until the customer saves some.
        var dashboard = await host.Services.GetRequiredService<UsageService>().DashboardAsync(await host.CustomerAsync("neighbour@demo.local"), id);
        Assert.Equal(new AlertSettingsView(null, null, false), dashboard!.AlertSettings);
    }
}
