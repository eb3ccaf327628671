using System.IO.Compression;
using System.Net;

namespace Portal.Tests.Integration;

/// <summary>
/// Pages travel compressed to the portal's own and user-initiated requests only (issue 20, slow phones), never to a
/// request another site started: that is the request a BREACH attacker needs (<see cref="Portal.Infrastructure.Security.SameOriginCompression"/>).
/// </summary>
[Collection(PortalCollection.Name)]
public class SameOriginCompressionTests(PortalHost host) : IClassFixture<PortalHost>
{
    [Theory]
    [InlineData("none")]          // typed, bookmarked, opened from a mail client
    [InlineData("same-origin")]   // the portal's own links, forms and enhanced navigation
    public async Task A_page_goes_compressed_to_a_same_origin_or_user_initiated_request(string fetchSite)
    {
        using var response = await GetAsync("/Account/Login", fetchSite);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        await using var brotli = new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var html = await new StreamReader(brotli).ReadToEndAsync();
        Assert.Contains("<html", html);
        Assert.Contains("Sec-Fetch-Site", response.Headers.Vary);
    }

    [Theory]
    [InlineData("cross-site")]   // another site's link, form, image or script: the BREACH attacker's request
    [InlineData("same-site")]    // a sibling host of the same site, which may be hostile
    [InlineData(null)]           // no header: an old browser or another client
    public async Task A_page_goes_uncompressed_to_any_other_request(string? fetchSite)
    {
        using var response = await GetAsync("/Account/Login", fetchSite);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync());
        Assert.Contains("Sec-Fetch-Site", response.Headers.Vary);
    }

    [Fact]
    public async Task A_page_is_not_compressed_for_a_client_that_accepts_no_compression()
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await http.SendAsync(request);

        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? fetchSite)
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };   // no automatic decompression: the wire as it is
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return await http.SendAsync(request);
    }
}

/// <summary>With <c>Security:CompressSameOriginPages</c> off the portal compresses no page at all.</summary>
[Collection(PortalCollection.Name)]
public class SameOriginCompressionOffTests(SameOriginCompressionOffTests.Host host) : IClassFixture<SameOriginCompressionOffTests.Host>
{
    public sealed class Host() : PortalHost(4, 1, new() { ["Security:CompressSameOriginPages"] = "false" });

    [Fact]
    public async Task No_page_is_compressed_even_to_a_same_origin_request()
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }
}
