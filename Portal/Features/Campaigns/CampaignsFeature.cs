using Portal.Features.Demo;

namespace Portal.Features.Campaigns;

public static class CampaignsFeature
{
    public static IServiceCollection AddCampaignsFeature(this IServiceCollection services)
    {
        services.AddScoped<CampaignService>();
        services.AddScoped<IDemoSeedStep, DemoCampaignsStep>();
        return services;
    }
}
