using System.Globalization;

namespace Portal.Infrastructure.Localization;

/// <summary>
/// Renders text in someone else's language (a message's recipient) and puts the caller's culture back on dispose: a job or
/// another user's request has no culture of the recipient's own.
/// </summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo _ui;
    private readonly CultureInfo _format;

    private CultureScope(string culture)
    {
        (_ui, _format) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(Supported(culture));
    }

    /// <summary>The portal's language closest to a stored culture: English for en-*, Chinese for anything else.</summary>
    public static string Supported(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en-US" : LocalizationSetup.DefaultCulture;

    public static CultureScope Use(string? culture) => new(culture ?? LocalizationSetup.DefaultCulture);

    public void Dispose() => (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (_ui, _format);
}
