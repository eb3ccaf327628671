using System.Security.Claims;
using System.Text;
using Portal.Domain.Usage;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Security;

namespace Portal.Features.Usage;

/// <summary>
/// Downloads: the signed-in customer's own usage as CSV or Green Button XML (404 for anyone else's account), and the
/// rejects report of an import for admins on the internal endpoint. Rate-limited, audited, never cached.
/// </summary>
public static class UsageEndpoints
{
    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var customer = endpoints.MapGroup("/usage").RequireAuthorization(Policies.Customer).RequireRateLimiting(RateLimitPolicies.Download);
        customer.MapGet("/{id:guid}/export.csv", ExportCsvAsync);
        customer.MapGet("/{id:guid}/greenbutton.xml", GreenButtonAsync);
        endpoints.MapGet("/backoffice/usage/imports/{id:long}/rejects.csv", RejectsAsync)
            .RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimitPolicies.Download);
        return endpoints;
    }

    private static async Task<IResult> ExportCsvAsync(Guid id, string? resolution, ClaimsPrincipal user, UsageService usage, AuditService audit, HttpContext http, CancellationToken ct)
    {
        var daily = resolution switch { null or "" or "15m" => false, "daily" => true, _ => (bool?)null };
        if (daily is null) return Results.BadRequest("resolution must be 15m or daily");
        var data = await usage.ExportDataAsync(user, id, ct);
        if (data is null)
        {
            await audit.RecordAsync(new AuditEvent("Usage.Export", id.ToString(), "NotFound", "csv"), ct);
            return Results.NotFound();
        }
        var writer = new StringWriter();
        if (daily.Value) UsageCsvExporter.WriteDaily(writer, data.Days, data.Classify);
        else UsageCsvExporter.WriteIntervals(writer, data.Days, data.Classify);
        await audit.RecordAsync(new AuditEvent("Usage.Export", data.AccountNumber, "Success", daily.Value ? "csv daily" : "csv 15m"), ct);
        NoStore(http);
        return Results.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8",
            $"usage-{data.AccountNumber}-{(daily.Value ? "daily" : "15m")}.csv");
    }

    private static async Task<IResult> GreenButtonAsync(Guid id, ClaimsPrincipal user, UsageService usage, AuditService audit, HttpContext http, TimeProvider clock, PortalUrls urls, CancellationToken ct)
    {
        var data = await usage.ExportDataAsync(user, id, ct);
        if (data is null)
        {
            await audit.RecordAsync(new AuditEvent("Usage.Export", id.ToString(), "NotFound", "greenbutton"), ct);
            return Results.NotFound();
        }
        var baseUri = urls.Link(http, "espi/1_1/resource");
        var info = new GreenButtonFeedInfo(id, Mask(data.AccountNumber), clock.GetUtcNow(), baseUri);
        var xml = GreenButtonExporter.Export(info, data.Days);
        await audit.RecordAsync(new AuditEvent("Usage.Export", data.AccountNumber, "Success", "greenbutton"), ct);
        NoStore(http);
        return Results.File(Encoding.UTF8.GetBytes(xml.Declaration + Environment.NewLine + xml.ToString()), "application/atom+xml; charset=utf-8",
            $"greenbutton-{data.AccountNumber}.xml");
    }

    private static async Task<IResult> RejectsAsync(long id, UsageImportService imports, HttpContext http, CancellationToken ct)
    {
        var report = await imports.RejectsReportAsync(id, ct);
        if (report is null) return Results.NotFound();
        NoStore(http);
        return Results.File(Encoding.UTF8.GetBytes(report.Value.Csv), "text/csv; charset=utf-8", report.Value.FileName);
    }

    /// <summary>Account numbers in titles that other apps show: only the last four digits.</summary>
    public static string Mask(string accountNumber) =>
        accountNumber.Length <= 4 ? accountNumber : new string('*', accountNumber.Length - 4) + accountNumber[^4..];

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}
