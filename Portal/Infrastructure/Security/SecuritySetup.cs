using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Infrastructure.Security;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in, registration and account-binding form posts per client IP per minute (and, counted apart, views of the registration confirmation page).</summary>
    public int AuthPostsPerMinute { get; set; } = 10;

    /// <summary>
    /// Posts of the account pages that check the current password (change password, delete personal data) per user
    /// per minute; the same posts per client IP share <see cref="AuthPostsPerMinute"/>'s size.
    /// </summary>
    public int AccountPostsPerMinute { get; set; } = 5;

    /// <summary>Downloads and exports per user per minute.</summary>
    public int DownloadsPerMinute { get; set; } = 30;

    /// <summary>Downloads and exports per client IP per minute, whoever is signed in (several users behind one NAT share it).</summary>
    public int DownloadsPerMinutePerIp { get; set; } = 120;

    /// <summary>
    /// Failed proofs (wrong bill amount) of one account number in 24 hours, from any user or address, after which the
    /// number accepts no proof, not even a correct one, until the day has passed.
    /// </summary>
    public int BindingFailuresPerAccountPerDay { get; set; } = 5;

    /// <summary>Account-binding attempts per user per 15 minutes (inside a circuit).</summary>
    public int BindingAttemptsPer15Minutes { get; set; } = 5;

    /// <summary>Complaints one user may submit per hour (inside a circuit).</summary>
    public int ComplaintsPerHour { get; set; } = 10;

    /// <summary>Meter-reading imports one admin may start per hour (inside a circuit).</summary>
    public int ImportsPerHour { get; set; } = 20;
}

public static class RateLimitPolicies
{
    public const string Auth = "auth";

    /// <summary>Account pages that answer about an address on a GET: every request counts, per client IP.</summary>
    public const string AuthPage = "auth-page";
    public const string Download = "download";
    public const string AccountChange = "account-change";
}

public static class SecuritySetup
{
    public static IServiceCollection AddPortalSecurity(this IServiceCollection services, IConfiguration config)
    {
        var endpoints = config.GetSection(EndpointOptions.Section).Get<EndpointOptions>() ?? new EndpointOptions();
        var urls = PortalUrls.From(endpoints);
        services.AddSingleton(urls);
        // Only the Host names of the configured addresses are served (400 otherwise). The framework's own
        // 'AllowedHosts' key would quietly widen or replace that, so it is refused rather than merged.
        if (!string.IsNullOrWhiteSpace(config["AllowedHosts"]))
            throw new Database.ConfigurationException(
                "Configuration key 'AllowedHosts' is not used: the hosts of Endpoints:PublicBaseUrl and Endpoints:InternalBaseUrl are served; list any other in 'Endpoints:AllowedHosts'.");
        services.Configure<HostFilteringOptions>(o =>
        {
            o.AllowedHosts = urls.AllowedHosts.ToList();
            o.AllowEmptyHosts = false;
        });

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Only the configured proxies are believed. With none configured the headers are switched off: the
            // middleware treats empty KnownProxies/KnownIPNetworks as "trust every peer", which would let any
            // client claim an intranet address (NetworkSeparationTests.Forwarded_headers_from_an_untrusted_peer_are_ignored).
            // X-Forwarded-Host is never honoured: links come from the configured base URLs, not from any Host.
            o.ForwardedHeaders = endpoints.TrustedProxies.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in endpoints.TrustedProxies)
                o.KnownProxies.Add(IPAddress.TryParse(p, out var ip) ? ip : throw new Database.ConfigurationException(
                    $"Configuration key 'Endpoints:TrustedProxies' has an invalid IP address '{p}'."));
        });

        // ASVS V3.4.1: a year, subdomains included (UseHsts runs outside Development only).
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });

        var limits = config.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        FixedWindowRateLimiterOptions authBudget() => new() { PermitLimit = limits.AuthPostsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
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
                ? RateLimitPartition.GetFixedWindowLimiter("ip:" + http.Connection.RemoteIpAddress, _ => authBudget())
                : RateLimitPartition.GetNoLimiter("get"));
            o.AddPolicy(RateLimitPolicies.AuthPage, http =>
                RateLimitPartition.GetFixedWindowLimiter("page-ip:" + http.Connection.RemoteIpAddress, _ => authBudget()));
            // A stolen session must not become an oracle for the current password: Identity's lockout does not
            // count wrong passwords on these pages, so each post needs a permit of the user and of the address.
            var accountChanges = new UserAndIpLimiter(limits.AccountPostsPerMinute, limits.AuthPostsPerMinute, TimeSpan.FromMinutes(1));
            o.AddPolicy(RateLimitPolicies.AccountChange, http => http.Request.Method == HttpMethods.Post
                ? RateLimitPartition.Get(UserAndIp(http), k => accountChanges.For(k.User, k.Ip))
                : RateLimitPartition.GetNoLimiter<(string?, string)>(default));
            // Downloads count against the user and against the client IP: a user cannot escape by switching
            // networks, and one address cannot escape by switching accounts.
            var downloads = new UserAndIpLimiter(limits.DownloadsPerMinute, limits.DownloadsPerMinutePerIp, TimeSpan.FromMinutes(1));
            o.AddPolicy(RateLimitPolicies.Download, http => RateLimitPartition.Get(UserAndIp(http), k => downloads.For(k.User, k.Ip)));
        });
        services.Configure<RateLimitOptions>(config.GetSection(RateLimitOptions.Section));
        services.AddSingleton<InteractiveLimiter>();
        return services;
    }

    private static (string? User, string Ip) UserAndIp(HttpContext http) =>
        (http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null, http.Connection.RemoteIpAddress?.ToString() ?? "");
}

/// <summary>One fixed-window budget per user and one per client IP; a request needs a permit from both.</summary>
public sealed class UserAndIpLimiter(int perUser, int perIp, TimeSpan window)
{
    private readonly PartitionedRateLimiter<(string? User, string Ip)> _chained = PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<(string? User, string Ip), string>(k => k.User is null
            ? RateLimitPartition.GetNoLimiter("anonymous")
            : RateLimitPartition.GetFixedWindowLimiter("user:" + k.User, _ => Window(perUser, window))),
        PartitionedRateLimiter.Create<(string? User, string Ip), string>(k =>
            RateLimitPartition.GetFixedWindowLimiter("ip:" + k.Ip, _ => Window(perIp, window))));

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0 };

    /// <summary>The limiter the middleware keeps for one (user, IP) pair; its permits come from the shared budgets.</summary>
    public RateLimiter For(string? user, string ip) => new Keyed(_chained, (user, ip));

    // Holds no permits itself, so the middleware may drop it when idle; the budgets live on in _chained.
    private sealed class Keyed(PartitionedRateLimiter<(string?, string)> inner, (string?, string) key) : RateLimiter
    {
        private long _lastUse = Environment.TickCount64;
        public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastUse));
        public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics(key);

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref _lastUse, Environment.TickCount64);
            return inner.AttemptAcquire(key, permitCount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUse, Environment.TickCount64);
            return inner.AcquireAsync(key, permitCount, cancellationToken);
        }
    }
}

/// <summary>
/// Security headers on every response. The CSP allows no inline script (Blazor Server and MudBlazor load
/// only same-origin files); inline styles are allowed because MudBlazor sets style attributes.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, PortalUrls urls)
{
    // WebSockets may go only to the endpoint's own configured origin ('ws:'/'wss:' alone would allow any host).
    private readonly string _publicCsp = Csp(urls.ConnectSources(EndpointKind.Public));
    private readonly string _internalCsp = Csp(urls.ConnectSources(EndpointKind.Internal));

    private static string Csp(string connectSources) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        $"font-src 'self' data:; connect-src {connectSources}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            // The Hangfire dashboard (internal, admin only) uses inline scripts; it gets a CSP without the script rule.
            h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/jobs")
                ? "default-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none'"
                : context.GetEndpointKind() == EndpointKind.Internal ? _internalCsp : _publicCsp;
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

/// <summary>
/// A Blazor circuit (negotiate, WebSocket upgrade, long polling) opens only from a page of the portal's own
/// configured origins. Browsers always send Origin on these requests, so a page on another site cannot ride on
/// the visitor's cookie; clients without an Origin header are not browsers and gain nothing a cookie would give.
/// </summary>
public sealed class BlazorOriginMiddleware(RequestDelegate next, PortalUrls urls)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/_blazor")
            && context.Request.Headers.Origin is { Count: > 0 } origin
            && !urls.IsAllowedOrigin(origin.ToString()))
        {
            // A bare 403: the friendly not-found page would re-execute the POST as a form post and answer 400.
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
