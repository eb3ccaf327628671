using Ganss.Xss;

namespace Portal.Features.BackOffice;

/// <summary>
/// What the admin mail sink may render of a stored email body. A body holds names and links the portal wrote,
/// and a name is user input, so a regex clean-up is not enough: the body is parsed as HTML and everything outside
/// a small allow-list (text formatting and http/https/mailto links) is dropped.
/// </summary>
public static class MailBodySanitizer
{
    private static readonly HtmlSanitizer Sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "a", "p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "code", "span", "div" },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
    });

    public static string Sanitize(string? html) => string.IsNullOrEmpty(html) ? "" : Sanitizer.Sanitize(html);
}
