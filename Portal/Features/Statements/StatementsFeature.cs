using Hangfire;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Cli;
using Portal.Infrastructure.Security;

namespace Portal.Features.Statements;

public static class StatementsFeature
{
    public static IServiceCollection AddStatementsFeature(this IServiceCollection services)
    {
        services.AddSingleton<StatementPdfRenderer>();
        services.AddSingleton<StatementIssuer>();
        services.AddSingleton<StatementService>();
        services.AddSingleton<StatementAdminService>();
        services.AddSingleton<StatementNotifier>();
        services.AddSingleton<IStatementCreditInfo, NoStatementCreditInfo>();
        services.AddTransient<IssueStatementsJob>();
        return services;
    }

    /// <summary>
    /// GET /statements/{id}/pdf: the stored bytes as an attachment, never cached, audited, rate-limited. 404 for
    /// anyone but the account's own users (public endpoint) or staff who may see it (internal endpoint).
    /// </summary>
    public static IEndpointRouteBuilder MapStatementEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/statements/{id:guid}/pdf", async (Guid id, HttpContext http, StatementService statements, AuditService audit, CancellationToken ct) =>
            {
                var file = await statements.GetPdfAsync(http.User, id, http.GetEndpointKind(), ct);
                if (file is null)
                {
                    await audit.RecordAsync(new AuditEvent("StatementDownloaded", $"statement:{id}", "NotFound"), ct);
                    return Results.NotFound();
                }
                if (!file.Intact)
                {
                    // Stored bytes changed after issue: never hand them out; the audit trail and the log raise it.
                    await audit.RecordAsync(new AuditEvent("StatementDownloaded", $"statement:{id}", "IntegrityFailure", $"account:{file.AccountNumber}"), ct);
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StatementsFeature))
                        .LogError("Statement {Id} no longer matches its SHA-256; download refused", id);
                    return Results.Problem(statusCode: StatusCodes.Status500InternalServerError);
                }
                http.Response.Headers.CacheControl = "no-store";
                await audit.RecordAsync(new AuditEvent("StatementDownloaded", $"statement:{id}", Detail: $"account:{file.AccountNumber} sha256:{file.Sha256}"), ct);
                return Results.File(file.Pdf, "application/pdf", file.FileName);
            })
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Download);
        return endpoints;
    }

    public static void RegisterSchedules(IRecurringJobManager jobs, RecurringJobOptions cst) =>
        // Bills are issued on the 3rd (MonthlyBillRunJob); statements follow on the 4th at 06:00 China time.
        jobs.AddOrUpdate<IssueStatementsJob>(IssueStatementsJob.Id, j => j.RunAsync(CancellationToken.None), "0 6 4 * *", cst);

    /// <summary>`statements issue [--period yyyy-MM]`: issues the period's missing statements (default: last month).</summary>
    public static async Task<int> CliAsync(WebApplication app, string[] args)
    {
        if (args.Length < 2 || args[1] != "issue")
        {
            Console.Error.WriteLine("Usage: statements issue [--period yyyy-MM]");
            return 2;
        }
        using var scope = app.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<IssueStatementsJob>();
        var text = PortalCli.StringOption(args, "--period");
        IssueRunSummary summary;
        if (text is null) summary = await job.RunAsync(CancellationToken.None);
        else if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var p))
            summary = await job.RunForPeriodAsync(p.Year, p.Month, CancellationToken.None);
        else
        {
            Console.Error.WriteLine($"--period takes yyyy-MM, got '{text}'.");
            return 2;
        }
        Console.WriteLine($"Statements {summary.Period:yyyy-MM}: {summary.Bills} bills, {summary.Issued} issued, {summary.Skipped} already issued, {summary.Failed} failed.");
        return summary.Failed == 0 ? 0 : 1;
    }
}
