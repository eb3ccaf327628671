using Portal.Features.Demo;

namespace Portal.Features.Safety;

public static class SafetyFeature
{
    public static IServiceCollection AddSafetyFeature(this IServiceCollection services)
    {
        services.AddScoped<IDemoSeedStep, DemoSafetyStep>();
        return services;
    }
}
