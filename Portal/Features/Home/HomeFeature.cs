namespace Portal.Features.Home;

public static class HomeFeature
{
    public static IServiceCollection AddHomeFeature(this IServiceCollection services)
    {
        services.AddSingleton<HomeService>();
        return services;
    }
}
