namespace Portal.Features.Services;

/// <summary>Service requests (and, as it grows, the service catalogue and the personalised service menu).</summary>
public static class ServicesFeature
{
    public static IServiceCollection AddServicesFeature(this IServiceCollection services)
    {
        services.AddScoped<ServiceRequestService>();
        return services;
    }
}
