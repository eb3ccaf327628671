using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Tests.TestSupport;

/// <summary>A cookie-keeping client that signs in through the real static-SSR login form (antiforgery included).</summary>
public sealed partial class PortalClient : IDisposable
{
    private readonly HttpClientHandler _handler = new() { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true };

    public PortalClient(Uri baseAddress) => Http = new HttpClient(_handler) { BaseAddress = baseAddress };

    public HttpClient Http { get; }

    /// <summary>The cookies this client holds (the sign-in cookie after <see cref="SignInAsync"/>).</summary>
    public CookieContainer Cookies => _handler.CookieContainer;

    public async Task<HttpResponseMessage> GetAsync(string path) => await Http.GetAsync(path);

    /// <summary>Posts a static SSR form: fetches the page for its antiforgery token, then posts the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, IDictionary<string, string> fields) =>
        await Http.PostAsync(path, await FormAsync(path, formName, fields));

    /// <summary>The body of a static SSR form post, its antiforgery token fetched from the page (for posts with custom headers).</summary>
    public async Task<FormUrlEncodedContent> FormAsync(string path, string formName, IDictionary<string, string> fields)
    {
        var page = await Http.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success) throw new InvalidOperationException($"No antiforgery token on {path}.");
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = formName,
        };
        return new FormUrlEncodedContent(form);
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password = global::Portal.Features.Demo.DemoSeeder.DemoPassword) =>
        await PostFormAsync("/Account/Login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
