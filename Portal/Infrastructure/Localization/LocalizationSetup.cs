using System.Globalization;
using Microsoft.AspNetCore.Localization;
using MudBlazor;

namespace Portal.Infrastructure.Localization;

public static class LocalizationSetup
{
    public static readonly string[] SupportedCultures = ["zh-CN", "en-US"];
    public const string DefaultCulture = "zh-CN";

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddTransient<MudLocalizer, PortalMudLocalizer>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(DefaultCulture)
             .AddSupportedCultures(SupportedCultures)
             .AddSupportedUICultures(SupportedCultures);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Order: explicit cookie (the switcher) first, then the browser's Accept-Language.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>/culture?c=en-US&amp;r=/usage sets the culture cookie and goes back, so the circuit restarts in the new language.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture", (HttpContext http, string c, string? r) =>
        {
            var culture = SupportedCultures.Contains(c) ? c : DefaultCulture;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(Security.LocalRedirects.OrRoot(r is not null && r.StartsWith('/') ? r : null));
        }).AllowAnonymous();
        return endpoints;
    }

    public static bool IsChinese(this CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
}
