using Portal.Features.Demo;
using Portal.Infrastructure.Security;

namespace Portal.Features.Safety;

/// <summary>Safety inspections and the hazard tracker: customers report fixes, staff verify them on the internal endpoint.</summary>
public static class SafetyFeature
{
    public static IServiceCollection AddSafetyFeature(this IServiceCollection services)
    {
        services.AddSingleton<HazardService>();
        services.AddSingleton<InspectionIntakeService>();
        services.AddScoped<IDemoSeedStep, DemoSafetyStep>();
        return services;
    }

    /// <summary>Hazard photos: the owner on the public endpoint, staff on the internal one (the /backoffice prefix keeps it there).</summary>
    public static IEndpointRouteBuilder MapSafetyEndpoints(this IEndpointRouteBuilder endpoints)
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
