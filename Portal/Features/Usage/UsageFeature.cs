namespace Portal.Features.Usage;

public static class UsageFeature
{
    public static IServiceCollection AddUsageFeature(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<ReadingStore>();
        services.AddTransient<UsageRollupJob>();
        services.AddSingleton<UsageService>();
        services.AddSingleton<UsageImportService>();
        services.AddSingleton<UsageAdminService>();
        services.AddTransient<RefreshPredictionsJob>();
        services.AddScoped<Demo.IDemoSeedStep, DemoUsageRefreshStep>();
        return services;
    }
}
