using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Users;

namespace Portal.Tests.Features.Users;

[Collection(PortalCollection.Name)]
public class UsersServiceTests(PortalHost host) : IClassFixture<PortalHost>
{
    private async Task<(string AdminId, string UserId, string Email)> NewCustomerAsync(string email)
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Temp" };
        Assert.True((await users.CreateAsync(user, "a long passphrase")).Succeeded);
        await users.AddToRoleAsync(user, Roles.Customer);
        var admin = await users.FindByEmailAsync("admin@demo.local");
        return (admin!.Id, user.Id, email);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_the_change_is_audited()
    {
        var (adminId, userId, email) = await NewCustomerAsync("to.disable@example.com");
        var service = host.Services.GetRequiredService<UsersService>();
        Assert.Equal(UserChangeOutcome.Done, await service.SetDisabledAsync(adminId, userId, disabled: true));

        using var client = host.Client();
        var response = await client.SignInAsync(email, "a long passphrase");
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode); // stays on the form: not signed in

        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "UserDisabled" && a.Target == $"user:{email}"));
    }

    [Fact]
    public async Task An_enabled_user_signs_in_again()
    {
        var (adminId, userId, email) = await NewCustomerAsync("to.enable@example.com");
        var service = host.Services.GetRequiredService<UsersService>();
        await service.SetDisabledAsync(adminId, userId, disabled: true);
        await service.SetDisabledAsync(adminId, userId, disabled: false);
        using var client = host.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, "a long passphrase")).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves()
    {
        var (adminId, _, _) = await NewCustomerAsync("bystander@example.com");
        var service = host.Services.GetRequiredService<UsersService>();
        Assert.Equal(UserChangeOutcome.CannotChangeSelf, await service.SetDisabledAsync(adminId, adminId, disabled: true));
    }

    [Fact]
    public async Task Search_masks_email_addresses()
    {
        var service = host.Services.GetRequiredService<UsersService>();
        var (rows, total) = await service.SearchAsync("household", null, 0, 10);
        Assert.Equal(1, total);
        Assert.Equal("h***@demo.local", rows[0].Email);
    }
}
