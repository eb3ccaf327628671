using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Portal.Theme;

/// <summary>
/// The theme's CSS (MudBlazor's palette, typography and layout variables, its scrollbar and chart-hover rules) as a
/// cached style sheet instead of ≈ 12 KB of <c>&lt;style&gt;</c> in every page (issue 20: a slow phone's cold visit
/// downloads it once, compressed, and a warm visit not at all). The CSS is what <see cref="MudThemeProvider"/> renders
/// for <see cref="PortalTheme.Value"/>, rendered once at start; its URL carries a hash of its content, so it is served
/// immutable and a changed theme gets a new URL.
/// </summary>
public sealed partial class ThemeStylesheet
{
    public const string ContentType = "text/css; charset=utf-8";

    public ThemeStylesheet(IServiceProvider services, ILoggerFactory loggers)
    {
        Css = Render(services, loggers);
        Bytes = Encoding.UTF8.GetBytes(Css);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Bytes))[..10];
        Url = $"/theme/mud-theme.{hash}.css";
        Brotli = Compress(Bytes, s => new BrotliStream(s, CompressionLevel.SmallestSize));
        Gzip = Compress(Bytes, s => new GZipStream(s, CompressionLevel.SmallestSize));
    }

    /// <summary>The style sheet's URL (root-relative, with the content hash).</summary>
    public string Url { get; }

    public string Css { get; }
    public byte[] Bytes { get; }
    public byte[] Brotli { get; }
    public byte[] Gzip { get; }

    private static string Render(IServiceProvider services, ILoggerFactory loggers)
    {
        using var scope = services.CreateScope();
        using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MudThemeProvider.Theme)] = PortalTheme.Value }));
            return output.ToHtmlString();
        }).GetAwaiter().GetResult();
        var css = string.Join("\n", StyleElement().Matches(html).Select(m => m.Groups[1].Value.Trim()));
        if (!css.Contains("--mud-palette-primary:", StringComparison.Ordinal))
            throw new InvalidOperationException("MudThemeProvider rendered no palette variables; the theme style sheet would be empty.");
        return css + "\n";
    }

    private static byte[] Compress(byte[] bytes, Func<Stream, Stream> compressor)
    {
        using var buffer = new MemoryStream();
        using (var stream = compressor(buffer)) stream.Write(bytes);
        return buffer.ToArray();
    }

    [GeneratedRegex(@"<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}

/// <summary>Serves <see cref="ThemeStylesheet"/> at its URL: Brotli or gzip when the client accepts it, immutable.</summary>
public static class ThemeStylesheetEndpoint
{
    public static IApplicationBuilder UseThemeStylesheet(this IApplicationBuilder app)
    {
        var sheet = app.ApplicationServices.GetRequiredService<ThemeStylesheet>();
        return app.Use((context, next) =>
        {
            if ((!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                || !string.Equals(context.Request.Path.Value, sheet.Url, StringComparison.Ordinal))
                return next(context);
            var accepts = context.Request.Headers.AcceptEncoding.ToString();
            var (body, encoding) = Accepts(accepts, "br") ? (sheet.Brotli, "br")
                : Accepts(accepts, "gzip") ? (sheet.Gzip, "gzip")
                : (sheet.Bytes, null);
            var response = context.Response;
            response.ContentType = ThemeStylesheet.ContentType;
            response.Headers.CacheControl = "public, max-age=31536000, immutable";
            response.Headers.Vary = "Accept-Encoding";
            if (encoding is not null) response.Headers.ContentEncoding = encoding;
            response.ContentLength = body.Length;
            return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
        });
    }

    // "br" or "gzip" listed without q=0 (the browsers' Accept-Encoding never weighs them otherwise).
    private static bool Accepts(string header, string coding) =>
        header.Split(',').Select(part => part.Split(';')).Any(part =>
            string.Equals(part[0].Trim(), coding, StringComparison.OrdinalIgnoreCase)
            && !part.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"));
}
