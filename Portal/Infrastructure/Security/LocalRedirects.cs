using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.Infrastructure.Security;

/// <summary>
/// Return addresses come from the query or a form, so they are the attacker's to choose. One rule for every
/// redirect that follows them: a path on this site is followed, anything else (another host, a scheme,
/// '/\host', '//host', control characters such as tab or CR/LF) goes to the home page. A failure here must
/// never throw: an exception after sign-in would answer 500 and drop the new sign-in cookie.
/// </summary>
public static partial class LocalRedirects
{
    /// <summary>True for "", "/path", "~/path" and base-relative "path" that cannot leave the site.</summary>
    public static bool IsLocal(string? url)
    {
        if (url is null) return false;
        if (url.Length == 0) return true;
        if (url[0] is '/' or '~') return RedirectHttpResult.IsLocalUrl(url);
        // Base-relative ("Account/Login"): local unless it names a scheme ("https:", "javascript:").
        return !Scheme().IsMatch(url) && RedirectHttpResult.IsLocalUrl("/" + url);
    }

    /// <summary>The url when it is local, otherwise "/".</summary>
    public static string OrRoot(string? url) => !string.IsNullOrEmpty(url) && IsLocal(url) ? url : "/";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();
}
