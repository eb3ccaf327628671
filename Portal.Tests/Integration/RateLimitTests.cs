using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Complaints.Customer;
using Portal.Infrastructure.Security;
using Portal.Tests.Features.Complaints;

namespace Portal.Tests.Integration;

/// <summary>
/// Abuse control: HTTP limits answer 429 with Retry-After, partitioned by client IP (forms) and by user and IP
/// (downloads); in-circuit actions have per-user budgets. The loopback test client is a trusted proxy here, so
/// each test speaks for its own client address with X-Forwarded-For and tests do not share budgets.
/// </summary>
[Collection(PortalCollection.Name)]
public class RateLimitTests(RateLimitTests.LimitedHost host) : IClassFixture<RateLimitTests.LimitedHost>
{
    public sealed class LimitedHost() : PortalHost(8, 2, new()
    {
        ["Endpoints:TrustedProxies:0"] = "127.0.0.1",
        ["RateLimits:AuthPostsPerMinute"] = "3",
        ["RateLimits:DownloadsPerMinute"] = "2",
        ["RateLimits:DownloadsPerMinutePerIp"] = "3",
        ["RateLimits:ComplaintsPerHour"] = "1",
        ["RateLimits:AccountPostsPerMinute"] = "2",
    });

    private PortalClient ClientFrom(string ip, bool @internal = false)
    {
        var client = host.Client(@internal);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        return client;
    }

    private static void AssertLimited(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero, "429 without a positive Retry-After");
    }

    private static Task<HttpResponseMessage> RegisterAsync(PortalClient client, int i) =>
        client.PostFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.AccountNumber"] = "0000000000",
            ["Input.BillAmount"] = "1.00",
            ["Input.DisplayName"] = "Guess " + i,
            ["Input.Email"] = $"guess{i}@example.test",
            ["Input.Password"] = "a-long-password",
            ["Input.ConfirmPassword"] = "a-long-password",
        });

    [Fact]
    public async Task Registration_posts_beyond_the_per_ip_limit_get_429_and_another_address_is_not_affected()
    {
        using var guesser = ClientFrom("203.0.113.10");
        for (var i = 0; i < 3; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await RegisterAsync(guesser, i)).StatusCode);
        AssertLimited(await RegisterAsync(guesser, 3));
        // Sign-in shares the budget of this address.
        AssertLimited(await guesser.SignInAsync("neighbour@demo.local", "wrong-password"));

        using var neighbour = ClientFrom("203.0.113.11");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await RegisterAsync(neighbour, 9)).StatusCode);
    }

    private async Task<string> ExportPathAsync(string email) => $"/usage/{await host.FirstAccountOfAsync(email)}/export.csv";

    [Fact]
    public async Task Downloads_beyond_the_per_user_limit_get_429_even_from_another_address()
    {
        var path = await ExportPathAsync("household@demo.local");
        using var home = ClientFrom("203.0.113.20");
        await home.SignInAsync("household@demo.local");
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await home.GetAsync(path)).StatusCode);
        AssertLimited(await home.GetAsync(path));

        using var phone = ClientFrom("203.0.113.21");
        await phone.SignInAsync("household@demo.local");
        AssertLimited(await phone.GetAsync(path));
    }

    [Fact]
    public async Task Downloads_beyond_the_per_ip_limit_get_429_even_for_another_user()
    {
        using var first = ClientFrom("203.0.113.30");
        await first.SignInAsync("business@demo.local");
        var businessPath = await ExportPathAsync("business@demo.local");
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(businessPath)).StatusCode);

        using var second = ClientFrom("203.0.113.30");
        await second.SignInAsync("neighbour@demo.local");
        var neighbourPath = await ExportPathAsync("neighbour@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(neighbourPath)).StatusCode); // the address's third
        AssertLimited(await second.GetAsync(neighbourPath));
    }

    [Fact]
    public async Task A_customer_beyond_the_hourly_complaint_budget_is_refused_with_a_message_and_nothing_is_written()
    {
        var account = await host.FirstAccountOfAsync("household@demo.local");
        var customer = await host.UserAsync("household@demo.local");
        var service = host.Service<CustomerComplaintService>();
        var first = await service.SubmitAsync(customer, ComplaintsTestKit.Form(account), []);
        Assert.NotNull(first.ComplaintId);

        var form = ComplaintsTestKit.Form(account, "The meter cabinet door is broken and open to the street.");
        await using var db = await host.Db.CreateDbContextAsync();
        var before = await db.Complaints.CountAsync();
        var second = await service.SubmitAsync(customer, form, []);
        Assert.Null(second.ComplaintId);
        Assert.Equal("Complaints.TooMany", Assert.Single(second.Errors).Code);
        Assert.Equal(before, await db.Complaints.CountAsync());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "ComplaintSubmitted" && a.Outcome == "RateLimited"));
    }

    [Fact]
    public void In_circuit_budgets_allow_up_to_the_limit_per_user_and_action()
    {
        var limiter = new InteractiveLimiter(Microsoft.Extensions.Options.Options.Create(new RateLimitOptions { BindingAttemptsPer15Minutes = 2, ImportsPerHour = 1 }));
        Assert.True(limiter.TryAcquire(InteractiveAction.AccountBinding, "u1"));
        Assert.True(limiter.TryAcquire(InteractiveAction.AccountBinding, "u1"));
        Assert.False(limiter.TryAcquire(InteractiveAction.AccountBinding, "u1", out var wait));
        Assert.True(wait > TimeSpan.Zero);
        Assert.True(limiter.TryAcquire(InteractiveAction.AccountBinding, "u2"));
        Assert.True(limiter.TryAcquire(InteractiveAction.ReadingsImport, "u1"));
        Assert.False(limiter.TryAcquire(InteractiveAction.ReadingsImport, "u1"));
    }

    [Theory]
    [InlineData("/Account/Manage/ChangePassword", "change-password", "Input.OldPassword")]
    [InlineData("/Account/Manage/DeletePersonalData", "delete-user", "Input.Password")]
    public async Task Wrong_current_passwords_on_the_account_pages_get_429_beyond_the_per_user_limit_even_from_another_address(
        string path, string form, string passwordField)
    {
        var fields = new Dictionary<string, string>
        {
            [passwordField] = "not-the-password",
            ["Input.NewPassword"] = "another-long-password",
            ["Input.ConfirmPassword"] = "another-long-password",
        };
        // One user per page: the two pages share the user's budget.
        var email = path.EndsWith("ChangePassword", StringComparison.Ordinal) ? "business@demo.local" : "manager@demo.local";
        using var first = ClientFrom(path.EndsWith("ChangePassword", StringComparison.Ordinal) ? "203.0.113.70" : "203.0.113.72");
        await first.SignInAsync(email);
        for (var i = 0; i < 2; i++)
        {
            var answer = await first.PostFormAsync(path, form, fields);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("alert-danger", await answer.Content.ReadAsStringAsync());
        }
        AssertLimited(await first.PostFormAsync(path, form, fields));

        using var second = ClientFrom(path.EndsWith("ChangePassword", StringComparison.Ordinal) ? "203.0.113.71" : "203.0.113.73");
        await second.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(path)).StatusCode); // viewing the page is free
        AssertLimited(await second.PostFormAsync(path, form, fields));

        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.Users.AnyAsync(u => u.Email == email)); // nothing was deleted
    }

    [Fact]
    public async Task Forwarded_addresses_from_a_trusted_proxy_decide_who_reaches_the_internal_endpoint()
    {
        // A same-host proxy for the public side forwards an internet client: even on the internal port, /jobs is not there.
        using var outsider = ClientFrom("203.0.113.50", @internal: true);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/backoffice")).StatusCode);
        // A forwarded loopback client is inside; on the public port /jobs does not exist whoever asks.
        using var insider = ClientFrom("127.0.0.1", @internal: true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await insider.GetAsync("/jobs")).StatusCode);
        using var publicSide = ClientFrom("127.0.0.1");
        Assert.Equal(HttpStatusCode.NotFound, (await publicSide.GetAsync("/jobs")).StatusCode);
    }
}

/// <summary>The customer's download of what the portal holds about them: own data only, audited, rate-limited.</summary>
[Collection(PortalCollection.Name)]
public class PersonalDataDownloadTests(RateLimitTests.LimitedHost host) : IClassFixture<RateLimitTests.LimitedHost>
{
    [Fact]
    public async Task A_customer_downloads_their_own_personal_data_as_json_audited_and_rate_limited()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var own = await db.Accounts.Where(a => db.AccountBindings.Any(b => b.AccountId == a.Id && db.Users.Any(u => u.Id == b.UserId && u.Email == "household@demo.local")))
            .Select(a => a.AccountNumber).ToListAsync();
        var other = await db.Accounts.Where(a => db.AccountBindings.Any(b => b.AccountId == a.Id && db.Users.Any(u => u.Id == b.UserId && u.Email == "neighbour@demo.local")))
            .Select(a => a.AccountNumber).FirstAsync();

        using var client = host.Client();
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.60");
        await client.SignInAsync("household@demo.local");
        var response = await PostDownloadAsync(client);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal("household@demo.local", doc.RootElement.GetProperty("Profile").GetProperty("Email").GetString());
        Assert.All(own, n => Assert.Contains(n, json));
        Assert.DoesNotContain(other, json);
        Assert.DoesNotContain("Authenticator", json);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "PersonalDataDownloaded" && a.Target == "user:household@demo.local"));

        // The download budget (2 per user per minute here) applies.
        Assert.Equal(HttpStatusCode.OK, (await PostDownloadAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostDownloadAsync(client)).StatusCode);
    }

    [Fact]
    public async Task The_download_without_an_antiforgery_token_is_refused_with_400_and_nothing_is_sent_or_audited()
    {
        using var client = host.Client();
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.61");
        await client.SignInAsync("neighbour@demo.local");
        await using var db = await host.Db.CreateDbContextAsync();
        var audited = await db.AuditEntries.CountAsync(a => a.Action == "PersonalDataDownloaded" && a.Target == "user:neighbour@demo.local");

        var forged = await client.Http.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("neighbour@demo.local", await forged.Content.ReadAsStringAsync());
        Assert.Equal(audited, await db.AuditEntries.CountAsync(a => a.Action == "PersonalDataDownloaded" && a.Target == "user:neighbour@demo.local"));

        using var withToken = await PostDownloadAsync(client);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Contains("neighbour@demo.local", await withToken.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostDownloadAsync(PortalClient client)
    {
        var page = await client.Http.GetStringAsync("/Account/Manage/PersonalData");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.Http.PostAsync("/Account/Manage/DownloadPersonalData",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
    }
}
