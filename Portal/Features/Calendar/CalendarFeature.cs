namespace Portal.Features.Calendar;

public static class CalendarFeature
{
    public static IServiceCollection AddCalendarFeature(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<CalendarOptions>(config.GetSection(CalendarOptions.Section));
        services.AddSingleton<WorkingCalendarCache>();
        services.AddScoped<CalendarAdminService>();
        return services;
    }
}
