using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Security;
using Portal.Resources;

namespace Portal.Features.Notifications;

public static class NotificationsFeature
{
    public static IServiceCollection AddNotificationsFeature(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<NotificationOptions>(config.GetSection(NotificationOptions.Section));
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<NotificationPreferencesService>();
        services.AddSingleton<NotificationService>();
        return services;
    }

    /// <summary>
    /// The one-click unsubscribe of RFC 8058: the address in an email's List-Unsubscribe header. A mail client POSTs to it
    /// (no sign-in, no antiforgery token: the signed token is the authority) and the choice is off at once. The page's own
    /// button posts here too (source=page) and is sent back to the page, which then shows the new state. A GET — a mail
    /// scanner fetching the link — changes nothing and lands on the confirmation page.
    /// </summary>
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var path = "/" + NotificationService.OneClickPath;
        endpoints.MapGet(path, (string? t) => Results.LocalRedirect(PageLink(t))).AllowAnonymous();
        endpoints.MapPost(path, async (HttpContext http, string? t, UnsubscribeTokens tokens, NotificationPreferencesService preferences,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var fromPage = http.Request.HasFormContentType && (await http.Request.ReadFormAsync(ct))["source"] == "page";
            var request = tokens.Read(t);
            var outcome = request is null ? UnsubscribeOutcome.Invalid : await preferences.UnsubscribeAsync(request, fromPage ? "page" : "one-click", ct);
            if (fromPage) return Results.LocalRedirect(PageLink(t));
            return outcome == UnsubscribeOutcome.Invalid
                ? Results.Text(l["Unsubscribe.InvalidBody"].Value, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest)
                : Results.Text(l["Unsubscribe.DoneTitle"].Value, "text/plain; charset=utf-8");
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Auth);
        return endpoints;
    }

    private static string PageLink(string? token) =>
        QueryHelpers.AddQueryString("/" + NotificationService.UnsubscribePath, "t", token ?? "");
}
