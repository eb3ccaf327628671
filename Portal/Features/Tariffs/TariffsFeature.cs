using Portal.Features.Demo;

namespace Portal.Features.Tariffs;

public static class TariffsFeature
{
    public static IServiceCollection AddTariffsFeature(this IServiceCollection services)
    {
        services.AddSingleton<TariffCatalog>();
        services.AddScoped<IDemoSeedStep, DemoBillingStep>();
        return services;
    }
}
