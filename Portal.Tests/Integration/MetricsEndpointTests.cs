using System.Net;
using Portal.Infrastructure.Telemetry;

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

    [Fact]
    public void The_metrics_path_is_internal_only_by_the_separation_rule()
    {
        Assert.True(Portal.Infrastructure.Security.EndpointSeparationMiddleware.IsInternalOnlyPath("/metrics"));
        Assert.False(Portal.Infrastructure.Security.EndpointSeparationMiddleware.IsInternalOnlyPath("/health"));
    }
}
