using Portal.Features.Demo;

namespace Portal.Features.Credit;

public static class CreditFeature
{
    public static IServiceCollection AddCreditFeature(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<CreditOptions>(config.GetSection(CreditOptions.Section));
        services.AddSingleton<CreditService>();
        services.AddSingleton<AccountPrivileges>();
        services.AddSingleton<ViolationService>();
        services.AddSingleton<CreditAdminService>();
        services.AddSingleton<ManagerWorkspaceService>();
        services.AddSingleton<ManagerAssignmentService>();
        services.AddSingleton<CreditReevaluation>();
        services.AddSingleton<ICreditTierLookup, CreditTierLookup>();
        services.AddTransient<CreditReviewJob>();
        services.AddScoped<IDemoSeedStep, DemoCreditStep>();
        return services;
    }
}
