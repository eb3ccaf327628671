using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Portal.Tests.Integration;

/// <summary>
/// The style sheets and scripts a page links to travel compressed and are cached for good (issue 20: MudBlazor's
/// 627 KB style sheet went out uncompressed, ≈ 3 s on a slow phone before the first paint).
/// </summary>
[Collection(PortalCollection.Name)]
public class StaticAssetCompressionTests(PortalHost host) : IClassFixture<PortalHost>
{
    [Theory]
    [InlineData("MudBlazor.min.css")]
    [InlineData("MudBlazor.min.js")]
    [InlineData("app.css")]
    [InlineData("blazor.web.js")]
    public async Task An_asset_the_page_links_to_is_sent_compressed_and_immutable_to_a_browser_that_accepts_compression(string asset)
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };   // no automatic decompression: the wire as it is
        var url = await LinkedAssetAsync(http, asset);

        var plain = await http.GetAsync(url);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");
        var compressed = await http.SendAsync(request);
        var compressedBytes = await compressed.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        // Brotli, the smallest a browser accepts: the build output has it too (BuildCompressionFormats in Portal.csproj),
        // so a portal run from bin/ sends what a published one sends.
        Assert.Equal("br", compressed.Content.Headers.ContentEncoding.Single());
        // Really compressed, not an uncompressed body labelled gzip (what the runtime re-encoding of a build output sent).
        Assert.True(compressedBytes.Length * 2 < plainBytes.Length, $"{url}: {compressedBytes.Length:N0} bytes compressed, {plainBytes.Length:N0} plain");
        AssertImmutable(compressed);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
    }

    [Theory]
    [InlineData("MudBlazor.min.css")]
    [InlineData("MudBlazor.min.js")]
    public async Task A_client_that_accepts_no_compression_gets_the_same_asset_plain_and_immutable(string asset)
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };
        var url = await LinkedAssetAsync(http, asset);

        var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 10_000);
        AssertImmutable(response);
    }

    [Fact]
    public async Task The_plain_route_of_a_package_asset_is_still_revalidated_not_cached_for_good()
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_content/MudBlazor/MudBlazor.min.css");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.True(response.Headers.CacheControl?.NoCache);   // its URL does not change with its content
    }

    private static void AssertImmutable(HttpResponseMessage response)
    {
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains(response.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
        Assert.False(response.Headers.CacheControl.NoCache);
    }

    /// <summary>The URL the sign-in page links to for an asset (fingerprinted by <c>@Assets[...]</c>).</summary>
    private static async Task<string> LinkedAssetAsync(HttpClient http, string asset)
    {
        var html = await http.GetStringAsync("/Account/Login");
        var stem = Regex.Escape(Path.GetFileNameWithoutExtension(asset));
        var extension = Regex.Escape(Path.GetExtension(asset));
        var match = Regex.Match(html, $"""(?:href|src)="/?([^"]*{stem}\.[a-z0-9]+{extension})" """.TrimEnd());
        Assert.True(match.Success, $"The sign-in page links to no fingerprinted {asset}.");
        return "/" + match.Groups[1].Value;
    }
}
