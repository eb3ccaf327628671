using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Infrastructure.Security;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in, registration and account-binding form posts per client IP per minute.</summary>
    public int AuthPostsPerMinute { get; set; } = 10;

    /// <summary>Downloads and exports per user (or IP when anonymous) per minute.</summary>
    public int DownloadsPerMinute { get; set; } = 30;
}

public static class RateLimitPolicies
{
    public const string Auth = "auth";
    public const string Download = "download";
}

public static class SecuritySetup
{
    public static IServiceCollection AddPortalSecurity(this IServiceCollection services, IConfiguration config)
    {
        var endpoints = config.GetSection(EndpointOptions.Section).Get<EndpointOptions>() ?? new EndpointOptions();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies are believed; with none configured, forwarded headers are ignored.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in endpoints.TrustedProxies)
                o.KnownProxies.Add(IPAddress.TryParse(p, out var ip) ? ip : throw new Database.ConfigurationException(
                    $"Configuration key 'Endpoints:TrustedProxies' has an invalid IP address '{p}'."));
        });

        var limits = config.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            // Only form posts count: viewing the sign-in page is free, guessing passwords is not.
            o.AddPolicy(RateLimitPolicies.Auth, http => http.Request.Method == HttpMethods.Post
                ? RateLimitPartition.GetFixedWindowLimiter("ip:" + http.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.AuthPostsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("get"));
            o.AddPolicy(RateLimitPolicies.Download, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.Identity?.IsAuthenticated == true ? "user:" + http.User.Identity.Name : "ip:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.DownloadsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }
}

/// <summary>
/// Security headers on every response. The CSP allows no inline script (Blazor Server and MudBlazor load
/// only same-origin files); inline styles are allowed because MudBlazor sets style attributes.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            // The Hangfire dashboard (internal, admin only) uses inline scripts; it gets a CSP without the script rule.
            h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/jobs")
                ? "default-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none'"
                : Csp;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h.XFrameOptions = "DENY";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (context.User.Identity?.IsAuthenticated == true && !h.ContainsKey("Cache-Control"))
                h.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
