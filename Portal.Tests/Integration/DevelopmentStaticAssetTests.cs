using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Portal.Tests.Integration;

/// <summary>
/// The portal as <c>./run.sh</c> and the E2E tests run it, with <c>Portal/appsettings.Development.json</c>: the build
/// output carries Brotli variants (<c>BuildCompressionFormats</c> in Portal.csproj), and an asset labelled <c>br</c> must
/// really be Brotli. ASP.NET Core's runtime static-asset reload (<c>ReloadStaticAssetsAtRuntime</c>) gzips the file
/// on the fly but keeps the build's <c>Content-Encoding: br</c>, so a browser could decode neither the style sheets nor
/// blazor.web.js, and no page became interactive (what the E2E run showed in session 9).
/// </summary>
[Collection(PortalCollection.Name)]
public class DevelopmentStaticAssetTests(DevelopmentStaticAssetTests.DevelopmentSettingsHost host) : IClassFixture<DevelopmentStaticAssetTests.DevelopmentSettingsHost>
{
    public sealed class DevelopmentSettingsHost() : PortalHost(4, 1, DevelopmentSettings())
    {
        private static Dictionary<string, string?> DevelopmentSettings() =>
            new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoRoot.Path, "Portal", "appsettings.Development.json")).Build()
                .AsEnumerable().Where(kv => kv.Value is not null && !kv.Key.StartsWith("Database", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    [Theory]
    [InlineData("MudBlazor.min.css")]
    [InlineData("app.css")]
    [InlineData("blazor-start.js")]
    [InlineData("blazor.web.js")]
    public async Task An_asset_sent_as_brotli_decodes_to_the_asset_itself(string asset)
    {
        using var http = new HttpClient { BaseAddress = host.PublicUri };   // no automatic decompression: the wire as it is
        var html = await http.GetStringAsync("/Account/Login");
        var stem = Regex.Escape(Path.GetFileNameWithoutExtension(asset));
        var extension = Regex.Escape(Path.GetExtension(asset));
        var match = Regex.Match(html, $"""(?:href|src)="/?([^"]*{stem}\.[a-z0-9]+{extension})" """.TrimEnd());
        Assert.True(match.Success, $"The sign-in page links to no fingerprinted {asset}.");
        var url = "/" + match.Groups[1].Value;

        var plain = await http.GetByteArrayAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await http.SendAsync(request);

        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        await using var brotli = new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await brotli.CopyToAsync(decoded);   // throws on a body that is not Brotli (the gzip the reload handler sent)
        Assert.Equal(plain, decoded.ToArray());
    }
}
