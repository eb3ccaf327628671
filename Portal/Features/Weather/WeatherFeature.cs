namespace Portal.Features.Weather;

public static class WeatherFeature
{
    public static IServiceCollection AddWeatherFeature(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<WeatherFeedOptions>(config.GetSection(WeatherFeedOptions.Section));
        services.AddHttpClient(WeatherFeedJob.Client, c => c.Timeout = TimeSpan.FromMinutes(2));
        services.AddTransient<WeatherFeedJob>();
        services.AddSingleton<RegionClimateCache>();
        services.AddScoped<WeatherImportService>();
        services.AddScoped<Demo.IDemoSeedStep, DemoWeatherStep>();
        return services;
    }
}
