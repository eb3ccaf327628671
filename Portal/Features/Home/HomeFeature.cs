using Portal.Features.Notifications;

namespace Portal.Features.Home;

public static class HomeFeature
{
    public static IServiceCollection AddHomeFeature(this IServiceCollection services)
    {
        services.AddSingleton<HomeService>();
        services.AddSingleton<NotificationService>();
        return services;
    }
}
