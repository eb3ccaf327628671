namespace Portal.Features.Services;

/// <summary>Service requests, the service-menu catalogue and the personalised service menu.</summary>
public static class ServicesFeature
{
    public static IServiceCollection AddServicesFeature(this IServiceCollection services)
    {
        services.AddScoped<ServiceRequestService>();
        services.AddScoped<ServiceMenuService>();
        services.AddScoped<ServiceCatalogAdminService>();
        return services;
    }
}
