using Microsoft.Extensions.Localization;
using Portal.Resources;

namespace Portal.Features.BackOffice;

/// <summary>
/// Plain names for the audit log's codes (action, outcome, endpoint). The codes stay in the database and in the filter;
/// the page shows a localized name, and a code without a name yet shows as itself rather than disappearing.
/// </summary>
public static class AuditText
{
    public static string Action(IStringLocalizer<SharedResource> l, string? code) => Named(l, "AuditAction.", code);

    public static string Outcome(IStringLocalizer<SharedResource> l, string? code) => Named(l, "AuditOutcome.", code);

    public static string Endpoint(IStringLocalizer<SharedResource> l, string? code) => Named(l, "AuditEndpoint.", code);

    private static string Named(IStringLocalizer<SharedResource> l, string prefix, string? code)
    {
        if (string.IsNullOrEmpty(code)) return "";
        var text = l[prefix + code];
        return text.ResourceNotFound ? code : text.Value;
    }
}
