namespace Portal.Features.Campaigns;

public static class CampaignsFeature
{
    public static IServiceCollection AddCampaignsFeature(this IServiceCollection services)
    {
        services.AddScoped<CampaignService>();
        return services;
    }
}
