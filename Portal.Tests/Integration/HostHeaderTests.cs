using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Portal.Tests.Integration;

/// <summary>A portal whose sign-in budget does not get in the way of a sweep that posts every form several times.</summary>
public sealed class LinkSafetyHost() : PortalHost(12, 3, new() { ["RateLimits:AuthPostsPerMinute"] = "1000" });

/// <summary>
/// The Host header is the client's to choose, so it must never decide where an emailed, exported or redirected
/// link points. A hostile Host gets 400 on every route that can send email or redirect; with an allowed Host and a
/// hostile X-Forwarded-Host, every absolute URL the portal emits (Location headers, the stored emails, exports)
/// starts with the configured base URL.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class HostHeaderTests(LinkSafetyHost host) : IClassFixture<LinkSafetyHost>
{
    private const string Customer = "household@demo.local";
    private const string Hostile = "evil.example";

    public static readonly TheoryData<string> HostileHosts = [Hostile, "evil.example:80", "127.0.0.1.evil.example", "localhost.evil.example", "127.0.0.2"];

    private sealed record Route(string Path, string? Form = null, Dictionary<string, string>? Fields = null, bool SignedIn = false, bool Post = false);

    /// <summary>Every route that sends email or answers with a redirect, anonymous and signed in.</summary>
    private async Task<IReadOnlyList<Route>> RoutesAsync()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == Customer);
        var account = await db.AccountBindings.Where(b => b.UserId == user.Id).Select(b => b.AccountId).FirstAsync();
        return
        [
            new("/"),
            new("/Account/Login?ReturnUrl=%2Faccounts"),
            new("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = Customer }),
            new("/Account/ResendEmailConfirmation", "resend-email-confirmation", new() { ["Input.Email"] = Customer }),
            new("/Account/Register", "register", new()
            {
                ["Input.AccountNumber"] = "999999999", ["Input.BillAmount"] = "1.00", ["Input.DisplayName"] = "x",
                ["Input.Email"] = "sweep@example.com", ["Input.Password"] = "correct horse battery", ["Input.ConfirmPassword"] = "correct horse battery",
            }),
            new("/Account/RegisterConfirmation?email=household%40demo.local"),
            new("/Account/ConfirmEmail?userId=nobody&code=x"),
            new("/Account/LoginWith2fa?returnUrl=%2F"),
            new("/Account/LoginWithRecoveryCode?returnUrl=%2F"),
            new("/Account/ExternalLogin?Action=LoginCallback"),
            new("/Account/Manage"),
            new("/culture?c=en-US&r=%2Fusage"),
            // Signs the anonymous client in, so it comes after the anonymous pages.
            new("/Account/Login?ReturnUrl=%2Faccounts", "login", new() { ["Input.Email"] = Customer, ["Input.Password"] = global::Portal.Features.Demo.DemoSeeder.DemoPassword }),
            new($"/usage/{account}/greenbutton.xml", SignedIn: true),
            new($"/usage/{account}/export.csv", SignedIn: true),
            new("/Account/Manage/Email", SignedIn: true),
            new("/Account/Logout", "logout", new() { ["returnUrl"] = "" }, SignedIn: true, Post: true),
        ];
    }

    private async Task<HttpResponseMessage> SendAsync(PortalClient client, Route route, Action<HttpRequestMessage> tamper)
    {
        var request = new HttpRequestMessage(route.Form is null ? HttpMethod.Get : HttpMethod.Post, route.Path);
        // A form is fetched with an honest Host (for its antiforgery token); only the post is tampered with.
        if (route.Form is not null)
            request.Content = await client.FormAsync(route.Post ? "/Account/Manage" : route.Path, route.Form, route.Fields!);
        tamper(request);
        return await client.Http.SendAsync(request);
    }

    private async Task<long> LastEmailIdAsync()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.EmailMessages.MaxAsync(m => (long?)m.Id) ?? 0;
    }

    private async Task<List<string>> EmailsAfterAsync(long id)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.EmailMessages.Where(m => m.Id > id).Select(m => m.HtmlBody).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(HostileHosts))]
    public async Task A_foreign_host_gets_400_on_every_route_that_emails_or_redirects_and_nothing_is_sent(string hostile)
    {
        var before = await LastEmailIdAsync();
        using var anonymous = host.Client();
        using var signedIn = host.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.SignInAsync(Customer)).StatusCode);

        foreach (var route in await RoutesAsync())
        {
            using var response = await SendAsync(route.SignedIn ? signedIn : anonymous, route, r => r.Headers.Host = hostile);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route.Path} with Host {hostile} answered {(int)response.StatusCode}");
        }
        Assert.Empty(await EmailsAfterAsync(before));
    }

    [Fact]
    public async Task With_a_hostile_forwarded_host_every_absolute_url_emitted_starts_with_the_configured_base()
    {
        var baseUrl = host.PublicUri.AbsoluteUri; // http://127.0.0.1:port/ — the listener, as no base URL is configured
        var before = await LastEmailIdAsync();
        using var anonymous = host.Client();
        using var signedIn = host.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.SignInAsync(Customer)).StatusCode);
        var emitted = new List<(string Where, string Url)>();

        foreach (var route in await RoutesAsync())
        {
            using var response = await SendAsync(route.SignedIn ? signedIn : anonymous, route, r =>
            {
                r.Headers.Add("X-Forwarded-Host", Hostile);
                r.Headers.Add("X-Forwarded-Proto", "https");
                r.Headers.Add("Forwarded", $"host={Hostile};proto=https");
            });
            Assert.True((int)response.StatusCode < 500, $"{route.Path} answered {(int)response.StatusCode}");
            if (response.Headers.Location is { IsAbsoluteUri: true } location)
                emitted.Add((route.Path + " Location", location.AbsoluteUri));
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Hostile, body);
            if (route.Path.EndsWith("greenbutton.xml", StringComparison.Ordinal))
            {
                var links = Href().Matches(body).Select(m => m.Groups[1].Value).ToList();
                Assert.NotEmpty(links);
                emitted.AddRange(links.Select(l => (route.Path, l)));
            }
        }

        var emails = await EmailsAfterAsync(before);
        Assert.True(emails.Count >= 2, "the forgot-password and resend-confirmation posts each store an email");
        emitted.AddRange(emails.SelectMany(e => Href().Matches(e)).Select(m => ("email", WebUtility.HtmlDecode(m.Groups[1].Value))));

        Assert.Contains(emitted, e => e.Where == "email" && e.Url.Contains("/Account/ResetPassword?code=", StringComparison.Ordinal));
        Assert.All(emitted, e => Assert.True(e.Url.StartsWith(baseUrl, StringComparison.Ordinal), $"{e.Where}: {e.Url}"));
    }

    [Fact]
    public async Task The_reset_email_link_uses_the_configured_base_not_the_allowed_host_the_request_named()
    {
        var before = await LastEmailIdAsync();
        using var client = host.Client();
        var request = new HttpRequestMessage(HttpMethod.Post, "/Account/ForgotPassword")
        {
            Content = await client.FormAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = Customer }),
        };
        // localhost is an allowed name for a loopback base URL, but the configured base says 127.0.0.1.
        request.Headers.Host = $"localhost:{host.PublicPort}";
        request.Headers.Add("X-Forwarded-Host", Hostile);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.SendAsync(request)).StatusCode);

        var link = WebUtility.HtmlDecode(Href().Match(Assert.Single(await EmailsAfterAsync(before))).Groups[1].Value);
        Assert.StartsWith($"http://127.0.0.1:{host.PublicPort}/Account/ResetPassword?code=", link);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public async Task Every_loopback_name_is_served_when_the_base_url_is_on_loopback(string name)
    {
        using var client = host.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Host = $"{name}:{host.PublicPort}";
        Assert.Equal(HttpStatusCode.OK, (await client.Http.SendAsync(request)).StatusCode);
    }

    [GeneratedRegex("href=\"(https?://[^\"]+)\"")]
    private static partial Regex Href();
}
