using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Tests.Integration;

/// <summary>
/// Issue 20: the theme's CSS variables (≈ 12 KB that MudThemeProvider wrote into every page) come from a cached,
/// compressed style sheet whose URL changes with its content; the brand style sheet under /theme is compressed too.
/// </summary>
[Collection(PortalCollection.Name)]
public partial class ThemeStylesheetTests(PortalHost host) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task A_page_links_the_theme_style_sheet_after_the_others_and_no_longer_inlines_the_variables()
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };
        var html = await http.GetStringAsync("/Account/Login");

        Assert.DoesNotContain("--mud-palette-primary", html);
        Assert.DoesNotContain("mud-theme-provider", html);
        var links = StyleSheetLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Matches(@"^/theme/mud-theme\.[0-9a-f]{10}\.css$", links[^1]);   // where the provider's <style> was: the cascade is unchanged
        Assert.Contains(links, l => l.Contains("MudBlazor.min", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_theme_style_sheet_is_sent_compressed_and_immutable_and_holds_the_palette(string encoding)
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };
        var url = await ThemeUrlAsync(http);
        var plain = await http.GetAsync(url);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        Assert.True(body.Length * 3 < plainBytes.Length, $"{body.Length:N0} bytes {encoding}, {plainBytes.Length:N0} plain");
        Assert.Equal(plainBytes, Decompress(body, encoding));
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains(response.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var css = Encoding.UTF8.GetString(plainBytes);
        Assert.Contains("--mud-palette-primary: rgba(11,110,79,1);", css);   // PortalTheme's grid green
        Assert.Contains("--mud-palette-appbar-background: rgba(11,110,79,1);", css);
        Assert.Contains("::-webkit-scrollbar", css);
    }

    [Fact]
    public async Task A_client_that_accepts_no_compression_gets_the_theme_style_sheet_plain()
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };
        var response = await http.GetAsync(await ThemeUrlAsync(http));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("--mud-palette-primary", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_theme_style_sheet_url_with_another_hash_is_not_found()
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };
        var response = await http.GetAsync("/theme/mud-theme.0000000000.css");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_brand_style_sheet_is_sent_compressed_to_a_browser_that_accepts_it()
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };
        var plain = await (await http.GetAsync("/theme/theme.css")).Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/theme/theme.css");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");

        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var encoding = response.Content.Headers.ContentEncoding.Single();
        Assert.True(body.Length * 2 < plain.Length, $"{body.Length:N0} bytes {encoding}, {plain.Length:N0} plain");
        Assert.Equal(plain, Decompress(body, encoding));
    }

    private static async Task<string> ThemeUrlAsync(HttpClient http)
    {
        var html = await http.GetStringAsync("/Account/Login");
        var match = ThemeLink().Match(html);
        Assert.True(match.Success, "The sign-in page links to no theme style sheet.");
        return match.Groups[1].Value;
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream stream = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex("""<link rel="stylesheet" href="([^"]+)" """)]
    private static partial Regex StyleSheetLink();

    [GeneratedRegex("""href="(/theme/mud-theme\.[0-9a-f]+\.css)" """)]
    private static partial Regex ThemeLink();
}
