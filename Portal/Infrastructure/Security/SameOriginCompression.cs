using Microsoft.Net.Http.Headers;

namespace Portal.Infrastructure.Security;

/// <summary>
/// Compression of the portal's own responses (pages, JSON) without opening the BREACH side channel (issue 20: the
/// usage page's HTML is ≈ 70 KB, ≈ 14 KB compressed, ≈ 0.3 s on a slow phone's first visit).
/// <para>
/// BREACH needs three things at once: a compressed response that holds a secret, attacker-chosen text reflected in the
/// same response, and an attacker who makes the victim's browser send many such requests while watching the encrypted
/// sizes. The third is a request another site starts, and browsers say so in <c>Sec-Fetch-Site</c> (a forbidden header
/// that script cannot set, and <c>cross-site</c> if any step of a redirect chain was). So a response is compressed only
/// when the request is <c>same-origin</c> (the portal's own links, forms, fetches) or <c>none</c> (typed, bookmarked,
/// opened from outside a browser page); <c>cross-site</c>, <c>same-site</c> (a sibling host may be hostile) and a
/// request without the header (old browsers, other clients) get the response uncompressed. The antiforgery token and
/// Blazor's component state are encrypted afresh for every response in any case.
/// </para>
/// Static assets are precompressed and handled before this (they hold no user data); the WebSocket of a circuit is
/// compressed by its own permessage-deflate.
/// </summary>
public static class SameOriginCompression
{
    public static bool MayCompress(HttpRequest request) =>
        request.Headers["Sec-Fetch-Site"].ToString() is "same-origin" or "none"
        && !request.Path.StartsWithSegments("/_blazor");

    public static IApplicationBuilder UseSameOriginCompression(this IApplicationBuilder app)
    {
        // The choice depends on Sec-Fetch-Site: a shared cache must not hand one request's encoding to another.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                    context.Response.Headers.Append(HeaderNames.Vary, "Sec-Fetch-Site");
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app.UseWhen(context => MayCompress(context.Request), same => same.UseResponseCompression());
    }
}
