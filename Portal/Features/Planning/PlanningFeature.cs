using Portal.Features.Demo;
using Portal.Infrastructure.Security;

namespace Portal.Features.Planning;

/// <summary>Demand forecasts for planners (admins): the nightly job, the page's data and the CSV export.</summary>
public static class PlanningFeature
{
    public static IServiceCollection AddPlanningFeature(this IServiceCollection services)
    {
        services.AddTransient<PlanningForecastJob>();
        services.AddScoped<PlanningService>();
        services.AddScoped<IDemoSeedStep, DemoPlanningStep>();
        return services;
    }

    public static IEndpointRouteBuilder MapPlanningEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/backoffice/planning/forecast.csv", async (PlanningService planning, CancellationToken ct) =>
                Results.File(await planning.CsvAsync(ct), "text/csv; charset=utf-8", "planning-forecast.csv"))
            .RequireAuthorization(Policies.Admin)
            .RequireRateLimiting(RateLimitPolicies.Download)
            .WithMetadata(new BackOfficeAttribute());
        return endpoints;
    }
}
