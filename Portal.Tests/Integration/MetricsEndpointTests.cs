using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Features.Complaints.Customer;
using Portal.Features.Usage;
using Portal.Infrastructure.Email;
using Portal.Infrastructure.Telemetry;
using Portal.Tests.Features.Complaints;

namespace Portal.Tests.Integration;

/// <summary>Prometheus metrics: on the internal endpoint for the scraper, never on the public one.</summary>
[Collection(PortalCollection.Name)]
public class MetricsEndpointTests(PortalHost host) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task The_public_endpoint_has_no_metrics()
    {
        using var outside = host.Client();
        var response = await outside.GetAsync(TelemetrySetup.MetricsPath);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("pm_circuits_open", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_internal_endpoint_serves_request_runtime_and_portal_metrics_without_signing_in()
    {
        using var inside = host.Client(@internal: true);
        Assert.Equal(HttpStatusCode.OK, (await inside.GetAsync("/health")).StatusCode);

        string text = "";
        for (var i = 0; i < 20 && !text.Contains("http_server_request_duration_seconds"); i++)
        {
            var response = await inside.GetAsync(TelemetrySetup.MetricsPath);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
            text = await response.Content.ReadAsStringAsync();
            if (!text.Contains("http_server_request_duration_seconds")) await Task.Delay(250);
        }

        Assert.Contains("pm_circuits_open", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Contains("dotnet_gc_collections_total", text);
        Assert.DoesNotContain("@demo.local", text);
    }

    /// <summary>
    /// What docs/OPERATIONS.md tells operators to alert on is really there once the portal has done the work: a Hangfire
    /// job's duration, an email delivered through a real SMTP server, a complaint routed by its job, a usage refresh, and
    /// EF Core's query counter — scraped from the internal endpoint with no customer's data in it.
    /// </summary>
    [Fact]
    public async Task After_real_work_the_scrape_has_job_email_routing_refresh_and_database_figures_and_no_personal_data()
    {
        var metrics = host.Services.GetRequiredService<PortalMetrics>();
        await using (var smtp = await SmtpTestServer.StartAsync())
        {
            await host.Services.GetRequiredService<IPortalEmailSender>().SendAsync($"metrics-{Guid.NewGuid():N}@example.com", "Hello", "<p>hi</p>");
            var options = new EmailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = "None", FromAddress = "noreply@kuitun.example" }, BatchSize = 1000 };
            var delivered = await new EmailDeliveryJob(host.Db, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System,
                NullLogger<EmailDeliveryJob>.Instance, metrics).RunAsync(CancellationToken.None);
            Assert.True(delivered.Sent >= 1);
        }
        var user = await host.UserAsync("household@demo.local");
        var filed = await host.Service<CustomerComplaintService>().SubmitAsync(user, ComplaintsTestKit.Form(await host.FirstAccountOfAsync("household@demo.local")), []);
        await host.WaitUntilRoutedAsync(filed.ComplaintId!.Value, TimeSpan.FromSeconds(30));   // routed by the Hangfire server
        await using (var db = await host.Db.CreateDbContextAsync())   // new readings for one account: the refresh has work to do
        {
            var day = await db.AccountDays.OrderByDescending(d => d.Date).FirstAsync();
            await db.AccountDays.Where(d => d.AccountId == day.AccountId && d.Date == day.Date)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.ImportedAtUtc, DateTime.UtcNow));
        }
        await host.Services.GetRequiredService<RefreshPredictionsJob>().RunAsync(CancellationToken.None);

        using var inside = host.Client(@internal: true);
        string text = "";
        Regex[] wanted =
        [
            new("^pm_job_duration_seconds_count\\{[^}]*job=\"RouteComplaintJob\\.RunAsync\"", RegexOptions.Multiline),
            new("^pm_email_deliveries_total\\{[^}]*result=\"sent\"", RegexOptions.Multiline),
            new("^pm_complaint_routing_latency_seconds_count", RegexOptions.Multiline),
            new("^pm_usage_refresh_accounts_total", RegexOptions.Multiline),
            new("^microsoft_entityframeworkcore_queries_total", RegexOptions.Multiline),
        ];
        for (var i = 0; i < 40 && !wanted.All(w => w.IsMatch(text)); i++)
        {
            if (i > 0) await Task.Delay(250);   // the job filter records after the job's state is saved
            text = await inside.Http.GetStringAsync(TelemetrySetup.MetricsPath);
        }
        Assert.All(wanted, w => Assert.Matches(w, text));
        Assert.DoesNotContain("@demo.local", text);
        Assert.DoesNotContain("@example.com", text);
        Assert.DoesNotContain(filed.TrackingNumber!, text);
    }

    [Fact]
    public void The_metrics_path_is_internal_only_by_the_separation_rule()
    {
        Assert.True(Portal.Infrastructure.Security.EndpointSeparationMiddleware.IsInternalOnlyPath("/metrics"));
        Assert.False(Portal.Infrastructure.Security.EndpointSeparationMiddleware.IsInternalOnlyPath("/health"));
    }
}
