namespace Portal.Features.Users;

public static class UsersFeature
{
    public static IServiceCollection AddUsersFeature(this IServiceCollection services) => services.AddSingleton<UsersService>();
}
