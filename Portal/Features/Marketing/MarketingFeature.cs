using Portal.Features.Demo;

namespace Portal.Features.Marketing;

public static class MarketingFeature
{
    public static IServiceCollection AddMarketingFeature(this IServiceCollection services)
    {
        services.AddTransient<AssociationMiningJob>();
        services.AddScoped<AssociationAnalysisService>();
        services.AddScoped<IDemoSeedStep, DemoAssociationsStep>();
        return services;
    }
}
