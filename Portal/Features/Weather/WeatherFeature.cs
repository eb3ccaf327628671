namespace Portal.Features.Weather;

public static class WeatherFeature
{
    public static IServiceCollection AddWeatherFeature(this IServiceCollection services)
    {
        services.AddSingleton<RegionClimateCache>();
        services.AddScoped<WeatherImportService>();
        services.AddScoped<Demo.IDemoSeedStep, DemoWeatherStep>();
        return services;
    }
}
