using System.Net;
using Microsoft.AspNetCore.Identity;
using Portal.Data;

namespace Portal.Tests.Integration;

/// <summary>Opening the authenticator set-up in two tabs at once must not fail: both race to create the key.</summary>
[Collection(PortalCollection.Name)]
public class AuthenticatorSetupTests(PortalHost host) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task Two_tabs_opening_the_authenticator_set_up_at_once_both_get_the_page_or_a_retry()
    {
        for (var round = 0; round < 5; round++)
        {
            var email = $"two.tabs.{round}@example.com";
            using (var scope = host.Services.CreateScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Two tabs" };
                Assert.True((await users.CreateAsync(user, "a long passphrase")).Succeeded);
                await users.AddToRoleAsync(user, Roles.Customer);
            }
            using var first = host.Client();
            using var second = host.Client();
            await first.SignInAsync(email, "a long passphrase");
            await second.SignInAsync(email, "a long passphrase");

            var responses = await Task.WhenAll(first.GetAsync("/Account/Manage/EnableAuthenticator"), second.GetAsync("/Account/Manage/EnableAuthenticator"));

            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found,
                $"round {round}: {(int)r.StatusCode}"));
        }
    }
}
