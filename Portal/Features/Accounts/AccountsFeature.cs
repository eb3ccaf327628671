namespace Portal.Features.Accounts;

public static class AccountsFeature
{
    public static IServiceCollection AddAccountsFeature(this IServiceCollection services)
    {
        services.AddSingleton<AccountAccessService>();
        services.AddSingleton<AccountBindingService>();
        services.AddSingleton<AccountSharingService>();
        services.AddSingleton<AccountNotifier>();
        services.AddSingleton<AccountsService>();
        services.AddSingleton<PersonalDataExport>();
        return services;
    }
}
