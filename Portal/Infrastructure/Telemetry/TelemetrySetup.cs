using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Portal.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry: metrics (ASP.NET Core, EF Core via traces, runtime, the portal's own) scraped by Prometheus at
/// /metrics on the internal endpoint only; traces exported over OTLP when Telemetry:OtlpEndpoint is set; structured
/// (JSON) console logs that carry the trace and span ids.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<PortalMetrics>();
        services.AddScoped<CircuitHandler, MetricsCircuitHandler>();
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var otlp = builder.Configuration["Telemetry:OtlpEndpoint"];
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("PowerMarketing", serviceInstanceId: Environment.MachineName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PortalMetrics.MeterName, "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits",
                    "Microsoft.EntityFrameworkCore")
                .AddPrometheusExporter())
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                 .AddEntityFrameworkCoreInstrumentation();
                if (!string.IsNullOrWhiteSpace(otlp)) t.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint; <see cref="Security.EndpointSeparationMiddleware"/> keeps it off the public endpoint.</summary>
    public static IEndpointRouteBuilder MapPortalMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return endpoints;
    }
}
