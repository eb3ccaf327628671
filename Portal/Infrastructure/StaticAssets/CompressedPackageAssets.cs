using Microsoft.AspNetCore.StaticAssets;

namespace Portal.Infrastructure.StaticAssets;

/// <summary>
/// Serves a package's fingerprinted static assets (MudBlazor.min.css and .js, what <c>@Assets[...]</c> links to)
/// compressed. The SDK compresses package assets (gzip at build, Brotli and gzip at publish) but gives the compressed
/// files endpoints only at the plain route (<c>_content/MudBlazor/MudBlazor.min.css</c>), not at the fingerprinted one
/// the package declares (<c>MudBlazor.min.k4r0it8844.css</c>, no <c>Content-Encoding</c> variant): a browser that
/// follows the page's link was sent all 627 KB of the style sheet (42 KB as Brotli), ≈ 3 s on a 1.6 Mbps phone before
/// the first paint (issue 20). Such a request is routed to the plain route, where content negotiation picks the
/// compressed file, and keeps the fingerprinted endpoint's long-lived cache header (its URL changes with its content).
/// Only where both routes serve the same bytes (the same integrity hash); nothing changes for any other asset.
/// </summary>
public static class CompressedPackageAssets
{
    public const string ImmutableCacheControl = "max-age=31536000, immutable";

    /// <summary>Before <c>UseRouting</c>: the aliases are read from the static asset endpoints on the first request.</summary>
    public static IApplicationBuilder UseCompressedPackageAssets(this WebApplication app)
    {
        var sources = ((IEndpointRouteBuilder)app).DataSources;
        var aliases = new Lazy<IReadOnlyDictionary<string, string>>(() => Aliases(sources.SelectMany(s => s.Endpoints)));
        return app.Use((context, next) =>
        {
            if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && context.Request.Path.Value is { } path && aliases.Value.TryGetValue(path, out var plain))
            {
                context.Request.Path = plain;
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                        context.Response.Headers.CacheControl = ImmutableCacheControl;
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
    }

    /// <summary>
    /// Fingerprinted route → plain route, for every fingerprinted asset without a compressed variant whose plain route
    /// (its <c>label</c>) has one and serves the same content.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Aliases(IEnumerable<Endpoint> endpoints)
    {
        var byRoute = endpoints
            .Select(e => e.Metadata.GetMetadata<StaticAssetDescriptor>())
            .OfType<StaticAssetDescriptor>()
            .GroupBy(d => d.Route, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (route, descriptors) in byRoute)
        {
            if (descriptors.Any(IsCompressed) || descriptors.Count != 1) continue;
            var fingerprinted = descriptors[0];
            if (Property(fingerprinted, "fingerprint") is null || Property(fingerprinted, "label") is not { } label || label == route) continue;
            if (!byRoute.TryGetValue(label, out var plain) || !plain.Any(IsCompressed)) continue;
            var identity = plain.FirstOrDefault(d => !IsCompressed(d));
            if (identity is null || Property(identity, "integrity") is not { } integrity || integrity != Property(fingerprinted, "integrity")) continue;
            aliases["/" + route] = "/" + label;
        }
        return aliases;
    }

    private static bool IsCompressed(StaticAssetDescriptor d) =>
        d.Selectors.Any(s => string.Equals(s.Name, "Content-Encoding", StringComparison.OrdinalIgnoreCase));

    private static string? Property(StaticAssetDescriptor d, string name) =>
        d.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))?.Value;
}
