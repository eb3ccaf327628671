using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Accounts;
using Portal.Domain.Weather;
using Portal.Features.Usage;
using Portal.Features.Weather;

namespace Portal.Tests.Features.Weather;

/// <summary>
/// The weather data path on the real portal (SQLite, 12 demo accounts, 3 months of readings — no year of history, so the
/// weather term is not crowded out by last year's season factor): the import, the coverage, and the nightly refresh's
/// forecasts with and without a region's temperatures.
/// </summary>
[Collection(PortalCollection.Name)]
public class WeatherForecastTests(PortalHost host) : IClassFixture<PortalHost>
{
    private sealed record Stored(Guid Id, CustomerType Type, string Region, double Kwh, double Next, bool UsedWeather);

    private async Task FullRefreshAsync()
    {
        await using (var db = await host.Db.CreateDbContextAsync())
            await db.JobCheckpoints.Where(c => c.Name == RefreshPredictionsJob.Id).ExecuteDeleteAsync();
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RefreshPredictionsJob>().RunAsync(CancellationToken.None);
    }

    private async Task<Dictionary<Guid, Stored>> PredictionsAsync()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.UsagePredictions.AsNoTracking().Join(db.Accounts, p => p.AccountId, a => a.Id,
                (p, a) => new Stored(a.Id, a.Type, a.Region, p.ForecastKwh, p.NextCycleKwh, p.UsedWeather))
            .ToDictionaryAsync(s => s.Id);
    }

    private WeatherImportService Imports => host.Services.CreateScope().ServiceProvider.GetRequiredService<WeatherImportService>();

    /// <summary>
    /// Temperatures that the account's daily use follows (cold when it uses more: 15.5 °C on its lowest day down to −4.5 °C on
    /// its highest, with ± 0.5 °C of fixed jitter) on its days with readings, and a steady −10 °C on every day of the 11 years
    /// before them, so the normal for the coming weeks is −10 °C — colder than the weeks the forecast's level came from.
    /// </summary>
    private async Task<List<string>> FollowingTemperaturesAsync(Guid accountId, string region, int yearsBefore = 11)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var days = await db.AccountDays.AsNoTracking().Where(d => d.AccountId == accountId).OrderBy(d => d.Date)
            .Select(d => new { d.Date, d.TotalWh }).ToListAsync();
        double min = days.Min(d => d.TotalWh), max = days.Max(d => d.TotalWh);
        var jitter = new Random(7);
        var lines = new List<string> { TemperatureImport.Header };
        for (var d = days[0].Date.AddYears(-yearsBefore); d < days[0].Date; d = d.AddDays(1))
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{region},{d:yyyy-MM-dd},-10"));
        foreach (var d in days)
        {
            var t = 15.5 - 20 * (d.TotalWh - min) / Math.Max(1, max - min) + (jitter.NextDouble() - 0.5);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{region},{d.Date:yyyy-MM-dd},{t:0.00}"));
        }
        return lines;
    }

    [Fact]
    public async Task A_business_account_that_follows_temperature_is_forecast_with_its_regions_normals_and_households_and_other_regions_are_not_moved()
    {
        await using (var db = await host.Db.CreateDbContextAsync())
            await db.Set<RegionTemperatureRow>().ExecuteDeleteAsync(); // the demo's climatology: start from an empty table
        await FullRefreshAsync();
        var without = await PredictionsAsync();
        Assert.All(without.Values, p => Assert.False(p.UsedWeather));

        var business = without.Values.Where(p => p.Type == CustomerType.Business && p.Kwh > 0).OrderBy(p => p.Region, StringComparer.Ordinal).First();
        var region = business.Region;
        var outcome = await Imports.ImportLinesAsync(await FollowingTemperaturesAsync(business.Id, region), "test", "admin@demo.local");
        Assert.True(outcome.Imported, string.Join("; ", outcome.Errors.Select(e => $"{e.Line} {e.Code} {e.Value}")));

        // The incremental refresh takes exactly the business accounts of the region with new temperatures.
        await RefreshAsync();
        int businessInRegion;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            businessInRegion = await db.Accounts.CountAsync(a => a.Region == region && a.Type != CustomerType.Residential);
            var state = await db.JobCheckpoints.Where(c => c.Name == RefreshPredictionsJob.Id).Select(c => c.State).SingleAsync();
            Assert.StartsWith($"done {businessInRegion}/{businessInRegion}", state);
        }

        await FullRefreshAsync();
        var with = await PredictionsAsync();

        // The account uses more on colder days and the coming weeks' normal (−10 °C) is colder than its recent weeks: up.
        Assert.True(with[business.Id].UsedWeather);
        Assert.True(with[business.Id].Kwh > business.Kwh, $"{with[business.Id].Kwh} vs {business.Kwh}");
        Assert.True(with[business.Id].Next > business.Next, $"{with[business.Id].Next} vs {business.Next}");

        // Households of the same region: exactly as without temperatures.
        var households = without.Values.Where(p => p.Region == region && p.Type == CustomerType.Residential).ToList();
        Assert.NotEmpty(households);
        Assert.All(households, h => Assert.Equal((h.Kwh, h.Next, false), (with[h.Id].Kwh, with[h.Id].Next, with[h.Id].UsedWeather)));

        // Regions with no temperatures: every account exactly as before, business accounts included.
        var elsewhere = without.Values.Where(p => p.Region != region).ToList();
        Assert.Contains(elsewhere, p => p.Type != CustomerType.Residential);
        Assert.All(elsewhere, p => Assert.Equal((p.Kwh, p.Next, false), (with[p.Id].Kwh, with[p.Id].Next, with[p.Id].UsedWeather)));
    }

    /// <summary>A normals file for <paramref name="region"/>: every calendar day of a common year at <paramref name="normalC"/>, optionally with 29 February.</summary>
    private static List<string> NormalsFile(string region, double normalC, bool leapDay = false)
    {
        var lines = new List<string> { NormalsImport.Header };
        foreach (var (m, d) in NormalsImport.CommonYearDays())
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{region},{m:00}-{d:00},{normalC}"));
            if (leapDay && (m, d) == (2, 28)) lines.Add(string.Create(CultureInfo.InvariantCulture, $"{region},02-29,{normalC}"));
        }
        return lines;
    }

    [Fact]
    public async Task A_region_with_two_years_of_observations_is_forecast_with_its_published_normals_and_without_them_exactly_as_without_weather()
    {
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            await db.Set<RegionTemperatureRow>().ExecuteDeleteAsync();
            await db.Set<RegionTemperatureNormalRow>().ExecuteDeleteAsync();
        }
        await FullRefreshAsync();
        var without = await PredictionsAsync();
        var business = without.Values.Where(p => p.Type == CustomerType.Business && p.Kwh > 0).OrderBy(p => p.Region, StringComparer.Ordinal).First();
        var region = business.Region;

        // Two years of observations (−10 °C) before the readings, and the readings' days following the account's use.
        var observed = await Imports.ImportLinesAsync(await FollowingTemperaturesAsync(business.Id, region, yearsBefore: 2), "test", "admin@demo.local");
        Assert.True(observed.Imported);
        await FullRefreshAsync();
        var twoYears = await PredictionsAsync();
        Assert.All(without.Values, p => Assert.Equal((p.Kwh, p.Next, false), (twoYears[p.Id].Kwh, twoYears[p.Id].Next, twoYears[p.Id].UsedWeather)));
        Assert.Equal(NormalSource.None, (await Imports.CoverageAsync()).Single(c => c.Region == region).Normals);

        // Published normals of −10 °C: the incremental refresh takes the region's business accounts, and the forecast goes up.
        var normals = await Imports.ImportNormalsAsync(NormalsFile(region, -10), "CMA 1991–2020", "upload:normals.csv", "admin@demo.local");
        Assert.True(normals.Imported, string.Join("; ", normals.Errors.Select(e => $"{e.Line} {e.Code} {e.Value}")));
        await RefreshAsync();
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var businessInRegion = await db.Accounts.CountAsync(a => a.Region == region && a.Type != CustomerType.Residential);
            var state = await db.JobCheckpoints.Where(c => c.Name == RefreshPredictionsJob.Id).Select(c => c.State).SingleAsync();
            Assert.StartsWith($"done {businessInRegion}/{businessInRegion}", state);
        }
        var with = await PredictionsAsync();
        Assert.True(with[business.Id].UsedWeather);
        Assert.True(with[business.Id].Kwh > business.Kwh, $"{with[business.Id].Kwh} vs {business.Kwh}");
        Assert.True(with[business.Id].Next > business.Next, $"{with[business.Id].Next} vs {business.Next}");
        Assert.All(without.Values.Where(p => p.Type == CustomerType.Residential || p.Region != region),
            p => Assert.Equal((p.Kwh, p.Next, false), (with[p.Id].Kwh, with[p.Id].Next, with[p.Id].UsedWeather)));
        var coverage = (await Imports.CoverageAsync()).Single(c => c.Region == region);
        Assert.Equal((NormalSource.Published, "CMA 1991–2020"), (coverage.Normals, coverage.PublishedPeriod));
    }

    [Fact]
    public async Task A_normals_file_with_one_bad_line_or_no_period_writes_nothing_and_a_good_one_replaces_the_regions_normals()
    {
        var region = (await Imports.RegionsAsync())[1];
        await using (var db = await host.Db.CreateDbContextAsync())
            await db.Set<RegionTemperatureNormalRow>().Where(r => r.Region == region).ExecuteDeleteAsync();
        var bad = NormalsFile(region, 1.5);
        bad[40] = $"{region},02-30,1.5";

        var refused = await Imports.ImportNormalsAsync(bad, "CMA 1991–2020", "upload:bad-normals.csv", "admin@demo.local");
        var noPeriod = await Imports.ImportNormalsAsync(NormalsFile(region, 1.5), " ", "upload:no-period.csv", "admin@demo.local");

        Assert.Equal((41, NormalsImport.ErrorDay), (refused.Errors.Single().Line, refused.Errors.Single().Code));
        Assert.Equal(NormalsImport.ErrorPeriod, noPeriod.Errors.Single().Code);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            Assert.Equal(0, await db.Set<RegionTemperatureNormalRow>().CountAsync(r => r.Region == region));
            Assert.Equal("Rejected", await db.AuditEntries.Where(e => e.Action == WeatherImportService.NormalsImportAction && e.Target == "upload:bad-normals.csv").Select(e => e.Outcome).SingleAsync());
        }

        var first = await Imports.ImportNormalsAsync(NormalsFile(region, 1.5, leapDay: true), "CMA 1981–2010", "upload:normals-a.csv", "admin@demo.local");
        var second = await Imports.ImportNormalsAsync(NormalsFile(region, 2.5), " CMA 1991–2020 ", "upload:normals-b.csv", "admin@demo.local");

        Assert.Equal((366, 365), (first.Rows, second.Rows));
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var rows = await db.Set<RegionTemperatureNormalRow>().Where(r => r.Region == region).ToListAsync();
            Assert.Equal(365, rows.Count); // 29 February went with the old file
            Assert.All(rows, r => Assert.Equal((2.5, "CMA 1991–2020", "admin@demo.local"), (r.NormalC, r.Source, r.ImportedBy)));
            Assert.Equal("Success", await db.AuditEntries.Where(e => e.Action == WeatherImportService.NormalsImportAction && e.Target == "upload:normals-b.csv").Select(e => e.Outcome).SingleAsync());
        }
        Assert.Equal("CMA 1991–2020", (await Imports.CoverageAsync()).Single(c => c.Region == region).PublishedPeriod);
    }

    [Fact]
    public async Task The_quality_column_is_stored_per_day_and_the_coverage_counts_the_estimated_days()
    {
        var region = (await Imports.RegionsAsync())[^1];
        var outcome = await Imports.ImportLinesAsync(
            [TemperatureImport.HeaderWithQuality, $"{region},2004-07-01,25.5,observed", $"{region},2004-07-02,26,estimated", $"{region},2004-07-03,27,"],
            "upload:quality.csv", "admin@demo.local");

        Assert.True(outcome.Imported);
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var rows = await db.Set<RegionTemperatureRow>().Where(r => r.Region == region && r.Date >= new DateOnly(2004, 7, 1) && r.Date <= new DateOnly(2004, 7, 3))
                .OrderBy(r => r.Date).Select(r => r.Estimated).ToListAsync();
            Assert.Equal([false, true, false], rows);
        }
        Assert.True((await Imports.CoverageAsync()).Single(c => c.Region == region).EstimatedDays >= 1);
    }

    [Fact]
    public async Task A_file_with_one_bad_line_writes_nothing_and_is_audited_as_rejected()
    {
        var region = (await Imports.RegionsAsync())[0];
        var lines = new[] { TemperatureImport.Header, $"{region},2001-03-01,4.5", $"{region},2001-03-02,75" };
        int before;
        await using (var db = await host.Db.CreateDbContextAsync())
            before = await db.Set<RegionTemperatureRow>().CountAsync();

        var outcome = await Imports.ImportLinesAsync(lines, "upload:bad.csv", "admin@demo.local");

        Assert.False(outcome.Imported);
        Assert.Equal((3, TemperatureImport.ErrorRange), (outcome.Errors.Single().Line, outcome.Errors.Single().Code));
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            Assert.Equal(before, await db.Set<RegionTemperatureRow>().CountAsync());
            var audit = await db.AuditEntries.Where(e => e.Action == WeatherImportService.ImportAction && e.Target == "upload:bad.csv").SingleAsync();
            Assert.Equal("Rejected", audit.Outcome);
        }
    }

    [Fact]
    public async Task Re_importing_a_day_replaces_it_and_the_coverage_shows_the_region()
    {
        var region = (await Imports.RegionsAsync())[^1];
        var day = new DateOnly(2002, 5, 1);
        var first = await Imports.ImportLinesAsync([$"{region},2002-05-01,11.5"], "upload:a.csv", "admin@demo.local");
        var second = await Imports.ImportLinesAsync([$"{region},2002-05-01,12.5"], "upload:b.csv", "admin@demo.local");

        Assert.Equal((1, 0), (first.Added, first.Replaced));
        Assert.Equal((0, 1), (second.Added, second.Replaced));
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var row = await db.Set<RegionTemperatureRow>().SingleAsync(r => r.Region == region && r.Date == day);
            Assert.Equal((12.5, "upload:b.csv", "admin@demo.local"), (row.MeanC, row.Source, row.ImportedBy));
            Assert.Equal(WeatherImportService.ImportAction, await db.AuditEntries.Where(e => e.Target == "upload:b.csv").Select(e => e.Action).SingleAsync());
        }

        var coverage = await Imports.CoverageAsync();
        Assert.Equal(await Imports.RegionsAsync(), coverage.Select(c => c.Region).ToList());
        Assert.Equal(day, coverage.Single(c => c.Region == region).First);
    }

    [Fact]
    public async Task The_feed_job_imports_the_csv_a_station_serves_quality_column_included_and_does_nothing_without_a_url()
    {
        var region = (await Imports.RegionsAsync())[0];
        var csv = $"region,date,mean_c,quality\n{region},2003-01-01,-14.5,\n{region},2003-01-02,-15,estimated\n";
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var body = Encoding.UTF8.GetBytes(csv);
            context.Response.ContentType = "text/csv";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        });
        using var scope = host.Services.CreateScope();
        WeatherFeedJob Job(string url) => new(scope.ServiceProvider.GetRequiredService<IHttpClientFactory>(), Options.Create(new WeatherFeedOptions { FeedUrl = url }),
            scope.ServiceProvider.GetRequiredService<WeatherImportService>(), scope.ServiceProvider.GetRequiredService<ILogger<WeatherFeedJob>>());

        Assert.Null(await Job("").RunAsync(CancellationToken.None));
        var outcome = await Job($"http://127.0.0.1:{port}/temperatures.csv").RunAsync(CancellationToken.None);
        await serve;

        Assert.True(outcome!.Imported);
        Assert.Equal(2, outcome.Rows);
        await using var db = await host.Db.CreateDbContextAsync();
        var rows = await db.Set<RegionTemperatureRow>().Where(r => r.Region == region && r.Date >= new DateOnly(2003, 1, 1) && r.Date <= new DateOnly(2003, 1, 2))
            .OrderBy(r => r.Date).Select(r => new { r.MeanC, r.Estimated, r.Source, r.ImportedBy }).ToListAsync();
        Assert.Equal([(-14.5, false, "feed", "system"), (-15.0, true, "feed", "system")], rows.Select(r => (r.MeanC, r.Estimated, r.Source, r.ImportedBy)));
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
