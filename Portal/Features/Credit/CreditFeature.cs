using Portal.Features.Demo;
using Portal.Infrastructure.Security;

namespace Portal.Features.Credit;

public static class CreditFeature
{
    public static IServiceCollection AddCreditFeature(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<CreditOptions>(config.GetSection(CreditOptions.Section));
        services.AddSingleton<CreditService>();
        services.AddSingleton<HazardService>();
        services.AddSingleton<ViolationService>();
        services.AddSingleton<CreditAdminService>();
        services.AddSingleton<ManagerWorkspaceService>();
        services.AddSingleton<ManagerAssignmentService>();
        services.AddSingleton<CreditReevaluation>();
        services.AddSingleton<ICreditTierLookup, CreditTierLookup>();
        services.AddTransient<CreditReviewJob>();
        services.AddScoped<IDemoSeedStep, DemoCreditStep>();
        return services;
    }

    /// <summary>Hazard photos: the owner on the public endpoint, staff on the internal one (the /backoffice prefix keeps it there).</summary>
    public static IEndpointRouteBuilder MapCreditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/hazards/{hazardId:guid}/photo", async (Guid hazardId, HttpContext http, HazardService hazards, CancellationToken ct) =>
                await hazards.PhotoAsync(http.User, hazardId, staff: false, ct) is { } p ? Results.File(p.Path, p.ContentType) : Results.NotFound())
            .RequireAuthorization(Policies.Customer).RequireRateLimiting(RateLimitPolicies.Download);
        endpoints.MapGet("/backoffice/hazards/{hazardId:guid}/photo", async (Guid hazardId, HttpContext http, HazardService hazards, CancellationToken ct) =>
                await hazards.PhotoAsync(http.User, hazardId, staff: true, ct) is { } p ? Results.File(p.Path, p.ContentType) : Results.NotFound())
            .RequireAuthorization(Policies.Staff).RequireRateLimiting(RateLimitPolicies.Download);
        return endpoints;
    }
}
