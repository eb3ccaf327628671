using System.Net;

namespace Portal.Infrastructure.Security;

public enum EndpointKind
{
    Public,
    Internal,
}

/// <summary>The extranet (customers) and intranet (back office, job dashboard) listeners.</summary>
public sealed class EndpointOptions
{
    public const string Section = "Endpoints";

    /// <summary>Extranet URL customers reach (through the utility's reverse proxy in production).</summary>
    public string Public { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Intranet URL for staff: back office and the Hangfire dashboard (/jobs).</summary>
    public string Internal { get; set; } = "http://127.0.0.1:5081";

    /// <summary>
    /// CIDR ranges allowed to reach the internal endpoint; anything else gets 404. Empty means loopback only.
    /// (No initializer: the configuration binder appends to an existing array, so a default here could never be removed.)
    /// </summary>
    public string[] InternalAllowedNetworks { get; set; } = [];

    public static readonly string[] LoopbackOnly = ["127.0.0.0/8", "::1/128"];

    /// <summary>Reverse proxies whose X-Forwarded-For/Proto headers are honoured (IP addresses).</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>
    /// The address customers type (the reverse proxy's https URL in production). Every absolute link the portal
    /// sends from the public side (emails, exports) starts with it, whatever Host header a request carried.
    /// Empty: the <see cref="Public"/> listener URL.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>The address staff use for the internal endpoint; empty: the <see cref="Internal"/> listener URL.</summary>
    public string InternalBaseUrl { get; set; } = "";

    /// <summary>
    /// Host names accepted besides those of the two base URLs (e.g. a load balancer's health-check name);
    /// any other Host header gets 400.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    public int PublicPort => new Uri(Public).Port;
    public int InternalPort => new Uri(Internal).Port;

    public IReadOnlyList<IPNetwork> ParseAllowedNetworks() => (InternalAllowedNetworks.Length == 0 ? LoopbackOnly : InternalAllowedNetworks).Select(n =>
        IPNetwork.TryParse(n, out var net) ? net : throw new Database.ConfigurationException(
            $"Configuration key 'Endpoints:InternalAllowedNetworks' has an invalid CIDR '{n}'.")).ToList();
}

/// <summary>Marks a page as back office: it renders only on the internal endpoint.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BackOfficeAttribute : Attribute;
