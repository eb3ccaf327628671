using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Tests.Integration;

public sealed class RegisterConfirmationHost() : PortalHost(12, 3, new() { ["RateLimits:AuthPostsPerMinute"] = "4" });

/// <summary>The page shown after registering must not tell whether an address has an account, and is rate limited.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class RegisterConfirmationTests(RegisterConfirmationHost host) : IClassFixture<RegisterConfirmationHost>
{
    [Fact]
    public async Task A_known_and_an_unknown_address_get_the_same_answer_and_lookups_are_rate_limited()
    {
        using var client = host.Client();
        var known = await client.GetAsync("/Account/RegisterConfirmation?email=household%40demo.local");
        var unknown = await client.GetAsync("/Account/RegisterConfirmation?email=nobody-at-all%40example.com");
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(Card(await known.Content.ReadAsStringAsync()), Card(await unknown.Content.ReadAsStringAsync()));

        // The budget (4 per minute per IP here) also covers these GETs.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await client.GetAsync($"/Account/RegisterConfirmation?email=guess{i}%40example.com")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private static string Card(string html)
    {
        var card = CardSection().Match(html);
        Assert.True(card.Success, "the page has its card");
        return card.Value;
    }

    [GeneratedRegex("<section class=\"pm-card\">.*?</section>", RegexOptions.Singleline)]
    private static partial Regex CardSection();
}
