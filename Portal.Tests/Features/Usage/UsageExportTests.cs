using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Usage;
using Portal.Features.Usage;

namespace Portal.Tests.Features.Usage;

[Collection(PortalCollection.Name)]
public class UsageExportEndpointTests(UsageHost host) : IClassFixture<UsageHost>
{
    private async Task<PortalClient> SignedInAsync(string email, bool @internal = false)
    {
        var client = host.Client(@internal);
        await client.SignInAsync(email);
        return client;
    }

    [Fact]
    public async Task Daily_csv_has_one_row_per_stored_day_as_an_attachment_that_is_never_cached()
    {
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        using var client = await SignedInAsync("household@demo.local");
        var response = await client.GetAsync($"/usage/{id}/export.csv?resolution=daily");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(UsageCsvExporter.DailyHeader, lines[0]);
        await using var db = await host.Db.CreateDbContextAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.Equal(await db.AccountDays.CountAsync(d => d.AccountId == id && d.Date >= today.AddYears(-2)), lines.Length - 1);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Usage.Export" && a.Outcome == "Success" && a.Detail == "csv daily"));
    }

    [Fact]
    public async Task Fifteen_minute_csv_carries_the_tou_period_column()
    {
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        using var client = await SignedInAsync("household@demo.local");
        var text = await (await client.GetAsync($"/usage/{id}/export.csv?resolution=15m")).Content.ReadAsStringAsync();
        var lines = text.TrimEnd('\n', '\r').Split('\n');

        Assert.Equal(UsageCsvExporter.IntervalHeader, lines[0].TrimEnd('\r'));
        Assert.Equal(0, (lines.Length - 1) % 96);
        Assert.EndsWith(",Flat", lines[1].TrimEnd('\r')); // the household's package has no TOU
    }

    [Fact]
    public async Task Green_button_xml_parses_back_with_a_masked_title_and_one_block_per_day()
    {
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        using var client = await SignedInAsync("household@demo.local");
        var response = await client.GetAsync($"/usage/{id}/greenbutton.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(GreenButtonExporter.Atom + "feed", doc.Root!.Name);
        await using var db = await host.Db.CreateDbContextAsync();
        var number = await db.Accounts.Where(a => a.Id == id).Select(a => a.AccountNumber).SingleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.Equal(await db.AccountDays.CountAsync(d => d.AccountId == id && d.Date >= today.AddYears(-2)), doc.Descendants(GreenButtonExporter.Espi + "IntervalBlock").Count());
        Assert.DoesNotContain(number, doc.ToString());
        Assert.Contains(UsageEndpoints.Mask(number), doc.ToString());
    }

    [Theory]
    [InlineData("export.csv?resolution=daily")]
    [InlineData("export.csv?resolution=15m")]
    [InlineData("greenbutton.xml")]
    public async Task Someone_elses_account_answers_404(string path)
    {
        var neighbours = (await host.AccountsOfAsync("neighbour@demo.local"))[0];
        using var client = await SignedInAsync("household@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/usage/{neighbours}/{path}")).StatusCode);
    }

    [Fact]
    public async Task Staff_cannot_export_customer_data_through_the_customer_endpoint()
    {
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        using var client = await SignedInAsync("admin@demo.local");
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync($"/usage/{id}/export.csv")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_requests_are_sent_to_sign_in()
    {
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        using var client = host.Client();
        var response = await client.GetAsync($"/usage/{id}/export.csv");
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_resolution_is_a_bad_request()
    {
        var id = (await host.AccountsOfAsync("household@demo.local"))[0];
        using var client = await SignedInAsync("household@demo.local");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/usage/{id}/export.csv?resolution=5m")).StatusCode);
    }

    [Fact]
    public async Task The_rejects_report_is_for_admins_on_the_internal_endpoint_only()
    {
        var outcome = await host.Services.GetRequiredService<UsageImportService>()
            .ImportAsync(new MemoryStream("999,2026-01-01 00:00,1\n"u8.ToArray()), "x.csv", "test", null);

        using (var admin = await SignedInAsync("admin@demo.local", @internal: true))
        {
            var response = await admin.GetAsync($"/backoffice/usage/imports/{outcome.ImportId}/rejects.csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("line,reason,value\n1,UnknownAccount,999\n", await response.Content.ReadAsStringAsync());
        }
        using (var publicAdmin = await SignedInAsync("admin@demo.local"))
            Assert.Equal(HttpStatusCode.NotFound, (await publicAdmin.GetAsync($"/backoffice/usage/imports/{outcome.ImportId}/rejects.csv")).StatusCode);
        using (var handler = await SignedInAsync("handler@demo.local", @internal: true))
        {
            var denied = await handler.GetAsync($"/backoffice/usage/imports/{outcome.ImportId}/rejects.csv");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("AccessDenied", denied.Headers.Location!.OriginalString);
        }
    }
}

/// <summary>A portal with a download limit of 2 a minute.</summary>
public sealed class TightDownloadLimitHost() : PortalHost(8, 1, new() { ["RateLimits:DownloadsPerMinute"] = "2" });

[Collection(PortalCollection.Name)]
public class UsageExportRateLimitTests(TightDownloadLimitHost host) : IClassFixture<TightDownloadLimitHost>
{
    [Fact]
    public async Task Exports_beyond_the_download_limit_answer_429()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var userId = await db.Users.Where(u => u.Email == "household@demo.local").Select(u => u.Id).SingleAsync();
        var id = await db.AccountBindings.Where(b => b.UserId == userId).Select(b => b.AccountId).FirstAsync();
        using var client = host.Client();
        await client.SignInAsync("household@demo.local");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/usage/{id}/export.csv?resolution=daily")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/usage/{id}/greenbutton.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync($"/usage/{id}/export.csv?resolution=daily")).StatusCode);
    }
}
