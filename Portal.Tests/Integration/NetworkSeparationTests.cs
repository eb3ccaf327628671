using System.Net;

namespace Portal.Tests.Integration;

/// <summary>The internal endpoint answers only configured networks; sign-in posts are rate-limited per IP.</summary>
[Collection(PortalCollection.Name)]
public class NetworkSeparationTests(NetworkSeparationTests.LockedDownHost host) : IClassFixture<NetworkSeparationTests.LockedDownHost>
{
    public sealed class LockedDownHost() : PortalHost(8, 2, new()
    {
        // Loopback is not in the list: the test client stands for a machine outside the intranet.
        ["Endpoints:InternalAllowedNetworks:0"] = "10.0.0.0/8",
        ["Endpoints:InternalAllowedNetworks:1"] = "::1/128",
        ["RateLimits:AuthPostsPerMinute"] = "3",
    });

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/backoffice")]
    [InlineData("/jobs")]
    public async Task The_internal_endpoint_answers_404_outside_the_allowed_networks(string path)
    {
        using var client = host.Client(@internal: true);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_peer_are_ignored()
    {
        // No trusted proxies here: claiming an intranet address does not open the internal endpoint.
        using var client = host.Client(@internal: true);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "10.1.2.3");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/backoffice")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task The_public_endpoint_is_open_to_everyone()
    {
        using var client = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_with_retry_after()
    {
        using var client = host.Client();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
            last = await client.SignInAsync("neighbour@demo.local", "wrong-password-" + i);
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(last.Headers.RetryAfter is not null || last.Headers.Contains("Retry-After"));
    }
}
