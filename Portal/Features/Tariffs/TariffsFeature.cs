using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Demo;
using Portal.Infrastructure.Security;

namespace Portal.Features.Tariffs;

public static class TariffsFeature
{
    public static IServiceCollection AddTariffsFeature(this IServiceCollection services)
    {
        services.AddOptions<TariffsOptions>().BindConfiguration(TariffsOptions.Section)
            .Validate(o => o.SwitchLimitMonths is >= 0 and <= 60, "Tariffs:SwitchLimitMonths must be 0–60.");
        services.AddSingleton(sp => new TariffCatalog(sp.GetRequiredService<IDbContextFactory<AppDbContext>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BillsService>();
        services.AddSingleton<BillTermsService>();
        services.AddSingleton<RecommendationService>();
        services.AddSingleton<SwitchService>();
        services.AddSingleton<CatalogueService>();
        services.AddTransient<TariffSwitchJob>();
        services.AddTransient<RecommendationRefreshJob>();
        services.AddTransient<MonthlyBillRunJob>();
        // One billing step per seeding scope: the bill-run step applies the payments it planned.
        services.AddScoped<DemoBillingStep>();
        services.AddScoped<IDemoSeedStep>(sp => sp.GetRequiredService<DemoBillingStep>());
        services.AddScoped<IDemoSeedStep, DemoBillRunStep>();
        return services;
    }

    /// <summary>Catalogue export: the stored JSON of one version as a download (admins, internal endpoint).</summary>
    public static IEndpointRouteBuilder MapTariffs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/backoffice/tariffs/versions/{id:guid}/export", async (Guid id, CatalogueService catalogue, CancellationToken ct) =>
                await catalogue.GetAsync(id, ct) is { } v
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(v.Json), "application/json", $"{v.Row.Code}-v{v.Row.Version}.json")
                    : Results.NotFound())
            .RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimitPolicies.Download); // /backoffice: internal endpoint only (EndpointSeparationMiddleware)
        return endpoints;
    }
}
