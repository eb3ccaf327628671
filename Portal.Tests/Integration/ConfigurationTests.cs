using System.Net;
using Portal.Infrastructure.Database;

namespace Portal.Tests.Integration;

/// <summary>A malformed configuration stops the portal with the key that is wrong.</summary>
public class ConfigurationTests
{
    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_key()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Builder(new() { ["Database:Provider"] = "Oracle" }).AddPortal());
        Assert.Contains("Database:Provider", ex.Message);
        Assert.Contains("Oracle", ex.Message);
    }

    [Fact]
    public void Sql_server_without_a_connection_string_is_refused_naming_the_key()
    {
        var ex = Assert.Throws<ConfigurationException>(() => Builder(new() { ["Database:Provider"] = "SqlServer" }).AddPortal());
        Assert.Contains("ConnectionStrings:SqlServer", ex.Message);
    }

    [Fact]
    public void An_invalid_internal_network_is_refused_naming_the_key()
    {
        var options = new Portal.Infrastructure.Security.EndpointOptions { InternalAllowedNetworks = ["10.0.0.0/33"] };
        var ex = Assert.Throws<ConfigurationException>(() => options.ParseAllowedNetworks());
        Assert.Contains("Endpoints:InternalAllowedNetworks", ex.Message);
    }

    [Theory]
    [InlineData("Endpoints:Public", "http://0.0.0.0:5080", "Endpoints:PublicBaseUrl")]
    [InlineData("Endpoints:Internal", "http://[::]:5081", "Endpoints:InternalBaseUrl")]
    [InlineData("Endpoints:PublicBaseUrl", "portal.example.com", "Endpoints:PublicBaseUrl")]
    [InlineData("Endpoints:PublicBaseUrl", "https://portal.example.com/app", "Endpoints:PublicBaseUrl")]
    [InlineData("Endpoints:InternalBaseUrl", "ftp://staff.example.com", "Endpoints:InternalBaseUrl")]
    [InlineData("Endpoints:AllowedHosts:0", "*", "Endpoints:AllowedHosts")]
    [InlineData("Endpoints:AllowedHosts:0", "https://proxy.example.com", "Endpoints:AllowedHosts")]
    [InlineData("AllowedHosts", "*", "Endpoints:AllowedHosts")]
    public void Unusable_addresses_and_host_lists_are_refused_naming_the_key(string key, string value, string named)
    {
        var ex = Assert.Throws<ConfigurationException>(() => Builder(new() { [key] = value }).AddPortal());
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void A_listener_on_every_address_is_fine_once_the_base_url_names_the_public_address()
    {
        var urls = Portal.Infrastructure.Security.PortalUrls.From(new() { Public = "http://0.0.0.0:5080", PublicBaseUrl = "https://portal.example.com/" });
        Assert.Equal("https://portal.example.com/", urls.PublicBase.AbsoluteUri);
        Assert.Contains("portal.example.com", urls.AllowedHosts);
        Assert.DoesNotContain("0.0.0.0", urls.AllowedHosts);
        Assert.Contains("https://portal.example.com", urls.AllowedOrigins);
    }

    [Fact]
    public async Task An_unreachable_sql_server_fails_fast_with_a_clear_message()
    {
        var builder = Builder(new()
        {
            ["Database:Provider"] = "SqlServer",
            ["Database:ConnectTimeoutSeconds"] = "2",
            // Port 1 on loopback: nothing listens, the connection is refused at once.
            ["ConnectionStrings:SqlServer"] = "Server=127.0.0.1,1;Database=pm;User Id=sa;Password=x;Connect Timeout=1;TrustServerCertificate=True",
            ["Jobs:RunServer"] = "false",
            ["Jobs:RegisterRecurring"] = "false",
        });
        builder.AddPortal();
        await using var app = builder.Build();
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<ConfigurationException>(() => app.PrepareDatabaseAsync());
        Assert.Contains("Cannot reach the SQL Server", ex.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "start-up must fail fast, not hang");
    }
}

/// <summary>Staff must pass a second factor when the policy requires it.</summary>
[Collection(PortalCollection.Name)]
public class StaffTwoFactorTests(StaffTwoFactorTests.StrictHost host) : IClassFixture<StaffTwoFactorTests.StrictHost>
{
    public sealed class StrictHost() : PortalHost(8, 2, new() { ["Security:RequireStaffTwoFactor"] = "true" });

    [Fact]
    public async Task A_handler_signed_in_with_a_password_only_is_kept_out_of_the_back_office()
    {
        using var client = host.Client(@internal: true);
        await client.SignInAsync("handler@demo.local");
        var response = await client.GetAsync("/backoffice");
        // Static render of a page whose policy fails: redirected to access denied (or challenged), never 200 with data.
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Customers_are_not_asked_for_a_second_factor()
    {
        using var client = host.Client();
        await client.SignInAsync("household@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts")).StatusCode);
    }
}
