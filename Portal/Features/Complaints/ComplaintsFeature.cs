using Portal.Features.Demo;

namespace Portal.Features.Complaints;

public static class ComplaintsFeature
{
    public static IServiceCollection AddComplaintsFeature(this IServiceCollection services)
    {
        services.AddSingleton<ComplaintClock>();
        services.AddScoped<IDemoSeedStep, DemoComplaintsStep>();
        return services;
    }
}
