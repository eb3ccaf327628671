using System.Net;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Security;

/// <summary>
/// Decides which listener a request came in on (by local port) and enforces the separation:
/// back-office paths answer 404 on the public endpoint, and the internal endpoint answers 404 to clients
/// outside the allowed networks. 404 rather than 403 so the extranet does not learn what exists inside.
/// </summary>
public sealed class EndpointSeparationMiddleware(RequestDelegate next, IOptions<EndpointOptions> options)
{
    public static readonly string[] InternalOnlyPrefixes = ["/backoffice", "/jobs", "/metrics"];
    private readonly int _internalPort = options.Value.InternalPort;
    private readonly IReadOnlyList<IPNetwork> _allowed = options.Value.ParseAllowedNetworks();

    public Task InvokeAsync(HttpContext context)
    {
        var kind = context.Connection.LocalPort == _internalPort ? EndpointKind.Internal : EndpointKind.Public;
        context.Items[typeof(EndpointKind)] = kind;

        if (kind == EndpointKind.Internal)
        {
            var remote = context.Connection.RemoteIpAddress;
            if (remote is null || !IsAllowed(remote)) return NotFound(context);
        }
        else if (IsInternalOnlyPath(context.Request.Path))
        {
            return NotFound(context);
        }

        return next(context);
    }

    public static bool IsInternalOnlyPath(PathString path) =>
        InternalOnlyPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private bool IsAllowed(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        return _allowed.Any(n => n.Contains(ip));
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}

public static class EndpointKindExtensions
{
    public static EndpointKind GetEndpointKind(this HttpContext context) =>
        context.Items.TryGetValue(typeof(EndpointKind), out var v) && v is EndpointKind k ? k : EndpointKind.Public;
}
