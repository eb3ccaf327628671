using System.Net;
using Portal.Infrastructure.Security;

namespace Portal.Tests.Integration;

/// <summary>
/// Return addresses that would leave the site (another host, '/\host', '//host', a scheme, tab or CR/LF tricks)
/// are local-redirect failures: the answer is a redirect home, never a 500, and a sign-in is kept.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class LocalRedirectTests(LinkSafetyHost host) : IClassFixture<LinkSafetyHost>
{
    public static readonly TheoryData<string> Foreign =
    [
        "/%5Cevil.example", "/%09/evil.example", "/%0d%0a/evil.example", "/%0a/evil.example", "%2F%2Fevil.example",
        "//evil.example", "https://evil.example", "https%3A%2F%2Fevil.example", "/%5C%5Cevil.example", "javascript:alert(1)",
    ];

    private static Task<HttpResponseMessage> SignInAsync(PortalClient client, string returnUrl) =>
        client.PostFormAsync($"/Account/Login?ReturnUrl={returnUrl}", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "household@demo.local",
            ["Input.Password"] = global::Portal.Features.Demo.DemoSeeder.DemoPassword,
        });

    private static string PathOf(HttpResponseMessage response, Uri baseUri) =>
        new Uri(baseUri, Assert.IsType<Uri>(response.Headers.Location)).PathAndQuery;

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task The_culture_switch_sends_a_foreign_return_address_home_and_keeps_the_culture(string r)
    {
        using var client = host.Client();
        var response = await client.GetAsync($"/culture?c=en-US&r={r}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_culture_switch_goes_back_to_a_local_page()
    {
        using var client = host.Client();
        var response = await client.GetAsync("/culture?c=en-US&r=%2Fusage%3Fx%3D1");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/usage?x=1", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task Signing_in_with_a_foreign_return_url_goes_home_signed_in(string returnUrl)
    {
        using var client = host.Client();
        var response = await SignInAsync(client, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", PathOf(response, host.PublicUri));
        Assert.Equal(host.PublicUri.Authority, new Uri(host.PublicUri, Assert.IsType<Uri>(response.Headers.Location)).Authority);
        // The sign-in survived: the account area answers instead of sending to the login page.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Manage")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_with_a_local_return_url_goes_there()
    {
        using var client = host.Client();
        var response = await SignInAsync(client, "%2Faccounts");
        Assert.Equal("/accounts", PathOf(response, host.PublicUri));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("/usage", true)]
    [InlineData("~/usage", true)]
    [InlineData("Account/Login?x=a:b", true)]
    [InlineData("/\\evil.example", false)]
    [InlineData("\\\\evil.example", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/\t/evil.example", false)]
    [InlineData("/\r\n/evil.example", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("~//evil.example", false)]
    public void Only_paths_on_this_site_are_local(string url, bool local) => Assert.Equal(local, LocalRedirects.IsLocal(url));
}
