using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Users;
using Portal.Infrastructure.Security;

namespace Portal.Tests.Integration;

/// <summary>
/// Sessions end when the user signs out everywhere, changes their password or is disabled. Revalidation runs on
/// every request here (Security:RevalidationSeconds = 0) so no test has to wait for the one-minute production interval.
/// </summary>
[Collection(PortalCollection.Name)]
public class SessionSecurityTests(SessionSecurityTests.RevalidatingHost host) : IClassFixture<SessionSecurityTests.RevalidatingHost>
{
    public sealed class RevalidatingHost() : PortalHost(8, 2, new() { ["Security:RevalidationSeconds"] = "0" });

    private async Task<PortalClient> SignedInAsync(string email, bool @internal = false)
    {
        var client = host.Client(@internal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(@internal ? "/backoffice" : "/statements")).StatusCode);
        return client;
    }

    private static async Task AssertSignedOutAsync(PortalClient client, string path = "/statements")
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_other_session_keeps_this_one_and_is_audited()
    {
        using var here = await SignedInAsync("household@demo.local");
        using var elsewhere = await SignedInAsync("household@demo.local");

        var response = await here.PostFormAsync("/Account/Manage/SignOutEverywhere", "sign-out-everywhere", new Dictionary<string, string> { ["Confirm"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await AssertSignedOutAsync(elsewhere);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/statements")).StatusCode);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "SignedOutEverywhere" && a.Target == "user:household@demo.local"));
    }

    [Fact]
    public async Task Staff_can_sign_out_everywhere_on_the_internal_endpoint()
    {
        using var here = await SignedInAsync("handler@demo.local", @internal: true);
        using var elsewhere = await SignedInAsync("handler@demo.local", @internal: true);
        await here.PostFormAsync("/Account/Manage/SignOutEverywhere", "sign-out-everywhere", new Dictionary<string, string> { ["Confirm"] = "yes" });
        await AssertSignedOutAsync(elsewhere, "/backoffice");
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/backoffice")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_other_sessions_and_is_audited()
    {
        using var here = await SignedInAsync("business@demo.local");
        using var elsewhere = await SignedInAsync("business@demo.local");
        const string newPassword = "PowerDemo2026-changed";
        var response = await here.PostFormAsync("/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = global::Portal.Features.Demo.DemoSeeder.DemoPassword,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await AssertSignedOutAsync(elsewhere);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/statements")).StatusCode);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "PasswordChanged" && a.Target == "user:business@demo.local" && a.Outcome == "Success"));
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_sessions()
    {
        using var victim = await SignedInAsync("neighbour@demo.local");
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var admin = await db.Users.Where(u => u.Email == "admin@demo.local").Select(u => u.Id).SingleAsync();
            var user = await db.Users.Where(u => u.Email == "neighbour@demo.local").Select(u => u.Id).SingleAsync();
            Assert.Equal(UserChangeOutcome.Done, await host.Services.GetRequiredService<UsersService>().SetDisabledAsync(admin, user, true));
        }
        await AssertSignedOutAsync(victim);
    }
}

/// <summary>The per-user circuit cap, on both sides of the limit.</summary>
public class CircuitRegistryTests
{
    private static CircuitRegistry Registry(int limit) =>
        new(Microsoft.Extensions.Options.Options.Create(new SecurityOptions { MaxCircuitsPerUser = limit }));

    [Fact]
    public void A_user_may_open_circuits_up_to_the_cap_and_the_next_is_refused()
    {
        var registry = Registry(2);
        Assert.True(registry.TryOpen("u1", "c1"));
        Assert.True(registry.TryOpen("u1", "c2"));
        Assert.False(registry.TryOpen("u1", "c3"));
        Assert.Equal(2, registry.OpenCount("u1"));
    }

    [Fact]
    public void Closing_a_circuit_frees_a_slot_and_other_users_are_counted_apart()
    {
        var registry = Registry(1);
        Assert.True(registry.TryOpen("u1", "c1"));
        Assert.True(registry.TryOpen("u2", "c2"));
        Assert.False(registry.TryOpen("u1", "c3"));
        registry.Close("u1", "c1");
        Assert.Equal(0, registry.OpenCount("u1"));
        Assert.True(registry.TryOpen("u1", "c3"));
    }

    [Fact]
    public void Revalidation_and_circuit_cap_settings_outside_their_range_are_refused_naming_the_key()
    {
        foreach (var (key, value) in new[] { ("Security:RevalidationSeconds", "61"), ("Security:RevalidationSeconds", "-1"), ("Security:MaxCircuitsPerUser", "0") })
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
            var ex = Assert.Throws<Portal.Infrastructure.Database.ConfigurationException>(() => builder.AddPortal());
            Assert.Contains(key, ex.Message);
        }
        var ok = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        ok.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Security:RevalidationSeconds"] = "60", ["Security:MaxCircuitsPerUser"] = "1", ["Audit:RetentionDays"] = "180" });
        ok.AddPortal();
    }

    [Fact]
    public void An_audit_retention_below_180_days_is_refused_naming_the_key()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:RetentionDays"] = "179" });
        var ex = Assert.Throws<Portal.Infrastructure.Database.ConfigurationException>(() => builder.AddPortal());
        Assert.Contains("Audit:RetentionDays", ex.Message);
    }
}
