using System.Net;
using Portal.Infrastructure.Database;

namespace Portal.Infrastructure.Security;

/// <summary>
/// The portal's own addresses, taken from configuration only. Links that leave the request (emails, exports)
/// are built here and never from the request's Host header, which the client chooses: a forged Host would
/// otherwise put the attacker's site into a password-reset email. The same addresses decide which Host headers
/// are served at all, which browser origins may open a Blazor circuit and where the CSP lets WebSockets go.
/// </summary>
public sealed class PortalUrls
{
    // A base URL on loopback is a developer's or a test's machine: every name of loopback reaches the same listener.
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    private PortalUrls(Uri publicBase, Uri internalBase, IEnumerable<string> extraHosts)
    {
        PublicBase = publicBase;
        InternalBase = internalBase;
        Uri[] bases = [publicBase, internalBase];
        AllowedHosts = bases.SelectMany(HostNames).Concat(extraHosts).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        AllowedOrigins = bases.SelectMany(Origins).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Where customers reach the portal, ending in '/'.</summary>
    public Uri PublicBase { get; }

    /// <summary>Where staff reach the internal endpoint, ending in '/'.</summary>
    public Uri InternalBase { get; }

    /// <summary>Host names (without port) a request may carry; any other gets 400.</summary>
    public IReadOnlyList<string> AllowedHosts { get; }

    /// <summary>Browser origins (scheme://host[:port]) allowed to open a Blazor circuit.</summary>
    public IReadOnlySet<string> AllowedOrigins { get; }

    public static PortalUrls From(EndpointOptions options)
    {
        var publicBase = Base(options.PublicBaseUrl, options.Public, "Endpoints:PublicBaseUrl", "Endpoints:Public");
        var internalBase = Base(options.InternalBaseUrl, options.Internal, "Endpoints:InternalBaseUrl", "Endpoints:Internal");
        var extra = options.AllowedHosts.Select(h => h.Trim()).ToList();
        if (extra.FirstOrDefault(h => h.Length == 0 || h == "*" || h.Contains('/') || h.Contains(':') && !h.StartsWith('[')) is { } bad)
            throw new ConfigurationException(
                $"Configuration key 'Endpoints:AllowedHosts' has '{bad}': list host names without scheme or port; '*' would serve any Host header.");
        return new PortalUrls(publicBase, internalBase, extra);
    }

    public Uri BaseFor(EndpointKind kind) => kind == EndpointKind.Internal ? InternalBase : PublicBase;

    /// <summary>An absolute link to a portal path on the endpoint the request came in on (decided by the local port, not by Host).</summary>
    public string Link(HttpContext http, string path) => new Uri(BaseFor(http.GetEndpointKind()), path.TrimStart('/')).AbsoluteUri;

    /// <summary>The same with query parameters (null values left out), e.g. an email's confirmation link.</summary>
    public string Link(HttpContext http, string path, IReadOnlyDictionary<string, string?> query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Link(http, path), query.Where(p => p.Value is not null));

    public bool IsAllowedOrigin(string origin) => AllowedOrigins.Contains(origin);

    /// <summary>The CSP connect-src for pages served by one endpoint: itself and its own WebSocket origin only.</summary>
    public string ConnectSources(EndpointKind kind)
    {
        var b = BaseFor(kind);
        var ws = (b.Scheme == Uri.UriSchemeHttps ? "wss://" : "ws://") + b.Authority;
        return $"'self' {ws}";
    }

    private static Uri Base(string configured, string listener, string key, string listenerKey)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")
                || u.AbsolutePath != "/" || u.Query.Length > 0 || u.Fragment.Length > 0 || u.UserInfo.Length > 0)
                throw new ConfigurationException(
                    $"Configuration key '{key}' must be an absolute http(s) URL without a path, such as https://portal.example.com; got '{configured}'.");
            return new Uri(u.GetLeftPart(UriPartial.Authority) + "/");
        }
        if (!Uri.TryCreate(listener, UriKind.Absolute, out var l) || IsWildcard(l))
            throw new ConfigurationException(
                $"Configuration key '{key}' is required when '{listenerKey}' ('{listener}') listens on every address: links in emails must name the address people reach.");
        return new Uri(l.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static bool IsWildcard(Uri u) =>
        IPAddress.TryParse(u.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));

    private static bool IsLoopback(Uri u) =>
        u.IsLoopback || (IPAddress.TryParse(u.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static IEnumerable<string> HostNames(Uri u) => IsLoopback(u) ? LoopbackNames
        : [u.HostNameType == UriHostNameType.IPv6 ? u.Host : u.IdnHost];

    private static IEnumerable<string> Origins(Uri u) =>
        HostNames(u).Select(h => new UriBuilder(u.Scheme, h, u.Port).Uri.GetLeftPart(UriPartial.Authority));
}
