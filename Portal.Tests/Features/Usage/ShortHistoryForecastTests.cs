using Bunit;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Usage;

namespace Portal.Tests.Features.Usage;

/// <summary>
/// An account with only three days of readings (a new meter): the refresh stores no forecast (null band source,
/// finite zeros, never NaN) and the usage page says there is not enough history instead of showing a number.
/// The class has its own portal because it cuts the neighbour's history down.
/// </summary>
[Collection(PortalCollection.Name)]
public class ShortHistoryForecastTests(UsageHost host) : UsageBunitContext(UsagePageServices(host)), IClassFixture<UsageHost>
{
    private const string Email = "neighbour@demo.local";

    private async Task<Guid> NewMeterAsync()
    {
        var id = (await host.AccountsOfAsync(Email))[0];
        await using var db = await host.Db.CreateDbContextAsync();
        var last = await db.AccountDays.Where(d => d.AccountId == id).MaxAsync(d => d.Date);
        await db.AccountDays.Where(d => d.AccountId == id && d.Date <= last.AddDays(-3)).ExecuteDeleteAsync();
        await db.MonthlyUsage.Where(m => m.AccountId == id).ExecuteDeleteAsync();
        await db.UsagePredictions.Where(p => p.AccountId == id).ExecuteDeleteAsync();
        return id;
    }

    [Fact]
    public async Task Three_days_of_readings_store_no_forecast_and_the_page_says_more_history_is_needed()
    {
        var id = await NewMeterAsync();
        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<RefreshPredictionsJob>().RefreshAccountsAsync([id], CancellationToken.None);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var row = await db.UsagePredictions.SingleAsync(p => p.AccountId == id);
            Assert.Null(row.BandSource);
            Assert.Null(row.ForecastBill);
            Assert.All(new[] { row.ForecastKwh, row.ForecastLowKwh, row.ForecastHighKwh, row.NextCycleKwh, row.NextCycleLowKwh, row.NextCycleHighKwh, row.ToDateKwh },
                v => Assert.Equal(0, v));
        }

        SignInCustomer(await host.CustomerAsync(Email));
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<UsagePage>(p => p.Add(x => x.AccountId, id));
        cut.WaitForElement("[data-testid=forecast-needs-history]", TimeSpan.FromSeconds(10));

        Assert.Contains(L["Usage.ForecastNeedsHistory"].Value, cut.Find("[data-testid=forecast-needs-history]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=forecast]"));
        Assert.Empty(cut.FindAll("[data-testid=forecast-bill]"));
    }
}
