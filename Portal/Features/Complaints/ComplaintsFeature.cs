using Portal.Features.Complaints.Admin;
using Portal.Features.Complaints.BackOffice;
using Portal.Features.Complaints.Customer;
using Portal.Features.Complaints.Jobs;
using Portal.Features.Demo;
using Portal.Infrastructure.Security;

namespace Portal.Features.Complaints;

public static class ComplaintsFeature
{
    public static IServiceCollection AddComplaintsFeature(this IServiceCollection services)
    {
        services.AddSingleton<ComplaintClock>();
        services.AddScoped<IDemoSeedStep, DemoComplaintsStep>();
        services.AddSingleton<RoutingRulesStore>();
        // The credit feature replaces this one registration with real tiers.
        services.AddSingleton<IComplaintCreditTiers, AccountTypeCreditTiers>();
        services.AddSingleton<ComplaintAttachmentStorage>();
        services.AddScoped<ComplaintNotifier>();
        services.AddScoped<CustomerComplaintService>();
        services.AddScoped<RatingService>();
        services.AddScoped<ComplaintWorkService>();
        services.AddScoped<ComplaintAnalyticsService>();
        services.AddSingleton<ComplaintKeywords>();
        services.AddScoped<RouteComplaintJob>();
        services.AddScoped<ComplaintSweepJob>();
        services.AddScoped<ComplaintSlaWatchJob>();
        return services;
    }

    /// <summary>Operator verb: run the complaint sweeper or the SLA watcher once (e.g. after an outage of the job server).</summary>
    public static async Task<int> CliAsync(WebApplication app, string[] args)
    {
        var what = args.Length > 1 ? args[1] : "";
        using var scope = app.Services.CreateScope();
        switch (what)
        {
            case "sweep":
                var routed = await scope.ServiceProvider.GetRequiredService<ComplaintSweepJob>().RunAsync(CancellationToken.None);
                Console.WriteLine($"Routed {routed} complaint(s) whose routing job was lost; closed expired reopen windows.");
                return 0;
            case "sla-watch":
                var escalated = await scope.ServiceProvider.GetRequiredService<ComplaintSlaWatchJob>().RunAsync(CancellationToken.None);
                Console.WriteLine($"Escalated {escalated} overdue complaint(s) to the supervisor queue.");
                return 0;
            default:
                Console.Error.WriteLine("Usage: complaints sweep|sla-watch");
                return 2;
        }
    }

    public static IEndpointRouteBuilder MapComplaintEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Customers on the public endpoint, staff on the internal one; the same URL answers 404 to anyone else.
        endpoints.MapGet("/complaints/{complaintId:guid}/attachments/{attachmentId:guid}", async (Guid complaintId, Guid attachmentId,
                HttpContext http, CustomerComplaintService complaints, CancellationToken ct) =>
            {
                var staff = http.GetEndpointKind() == EndpointKind.Internal
                    && (http.User.IsInRole(Data.Roles.ComplaintHandler) || http.User.IsInRole(Data.Roles.Admin));
                var file = await complaints.OpenAttachmentAsync(http.User, complaintId, attachmentId, staff, ct);
                if (file is null) return Results.NotFound();
                return Results.File(file.Value.Content, file.Value.Item.ContentType, file.Value.Item.FileName);
            })
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Download);
        endpoints.MapGet("/backoffice/complaints/analytics.csv", async (ComplaintAnalyticsService analytics, CancellationToken ct) =>
                Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(await analytics.CsvAsync(ct))).ToArray(),
                    "text/csv; charset=utf-8", "complaint-analytics.csv"))
            .RequireAuthorization(Policies.Admin)
            .RequireRateLimiting(RateLimitPolicies.Download)
            .WithMetadata(new BackOfficeAttribute());
        return endpoints;
    }
}
