namespace Portal.Features.BackOffice;

public static class BackOfficeFeature
{
    public static IServiceCollection AddBackOfficeFeature(this IServiceCollection services)
    {
        services.AddSingleton<BackOfficeService>();
        services.AddSingleton<PersonalDataRevealService>();
        return services;
    }
}
