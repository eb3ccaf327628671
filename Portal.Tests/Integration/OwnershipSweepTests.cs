using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;

namespace Portal.Tests.Integration;

/// <summary>
/// Enumerates the app's route table and, for every customer-facing route that takes an object id, proves that
/// another customer gets 404 for the household's object while the household itself does not. A new route with an
/// id parameter fails this test until it is added to <see cref="Resolvers"/>, so no route escapes the sweep.
/// </summary>
[Collection(PortalCollection.Name)]
public class OwnershipSweepTests(PortalHost host) : IClassFixture<PortalHost>
{
    private const string Owner = "household@demo.local";
    private const string Intruder = "neighbour@demo.local";

    /// <summary>(first path segment, parameter name) → the owner's object id for that parameter.</summary>
    private static readonly Dictionary<(string Segment, string Parameter), Func<Victim, Task<string?>>> Resolvers = new()
    {
        [("bills", "billid")] = v => v.BillAsync(),
        [("tariffs", "accountid")] = v => Task.FromResult<string?>(v.AccountId.ToString()),
        [("statements", "id")] = v => v.StatementAsync(),
        [("usage", "accountid")] = v => Task.FromResult<string?>(v.AccountId.ToString()),
        [("usage", "id")] = v => Task.FromResult<string?>(v.AccountId.ToString()),
        [("credit", "accountid")] = v => Task.FromResult<string?>(v.AccountId.ToString()),
        [("complaints", "id")] = v => v.ComplaintAsync(),
    };

    /// <summary>Routes whose owner is not the demo household, each covered by its feature's own ownership test.</summary>
    private static readonly Dictionary<string, string> CoveredElsewhere = new(StringComparer.OrdinalIgnoreCase)
    {
        ["manager"] = "staff workspace: CreditServiceTests (another manager gets not-found)",
        ["complaints/{complaintId:guid}/attachments/{attachmentId:guid}"] = "needs an uploaded attachment: ComplaintAttachment tests (another customer and the public port get 404)",
        ["hazards/{hazardId:guid}/photo"] = "needs an uploaded photo: HazardService tests (photo served to the owner only)",
    };

    public static IEnumerable<RouteEndpoint> CustomerRoutesWithParameters(IServiceProvider services) =>
        services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0)
            .Where(e => !IsExcluded(e.RoutePattern.RawText ?? ""))
            .GroupBy(e => e.RoutePattern.RawText).Select(g => g.First());

    private static bool IsExcluded(string template)
    {
        var t = template.TrimStart('/').ToLowerInvariant();
        // Back office (internal endpoint, staff), Identity's own pages, the job dashboard, framework assets.
        return t.StartsWith("backoffice") || t.StartsWith("account/") || t.StartsWith("jobs") || t.StartsWith("_")
            || t.Contains("{**") || t.StartsWith("culture");
    }

    [Fact]
    public async Task Another_customer_gets_404_for_every_route_that_takes_the_owners_object()
    {
        var routes = CustomerRoutesWithParameters(host.Services).ToList();
        Assert.NotEmpty(routes);
        var victim = await Victim.LoadAsync(host, Owner);

        using var owner = host.Client();
        await owner.SignInAsync(Owner);
        using var intruder = host.Client();
        await intruder.SignInAsync(Intruder);

        var unclassified = new List<string>();
        var checkedRoutes = 0;
        foreach (var route in routes)
        {
            var segment = route.RoutePattern.PathSegments[0].Parts.OfType<RoutePatternLiteralPart>().FirstOrDefault()?.Content.ToLowerInvariant() ?? "";
            var path = route.RoutePattern.RawText!;
            if (CoveredElsewhere.ContainsKey(segment) || CoveredElsewhere.ContainsKey(path.TrimStart('/'))) continue;
            var complete = true;
            foreach (var p in route.RoutePattern.Parameters)
            {
                if (!Resolvers.TryGetValue((segment, p.Name.ToLowerInvariant()), out var resolve)) { complete = false; break; }
                var id = await resolve(victim);
                Assert.False(id is null, $"The demo owner has no object for {path} ({p.Name}).");
                path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + p.Name + "(:[^}]*)?\\}", id!, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            }
            if (!complete) { unclassified.Add(route.RoutePattern.RawText!); continue; }

            var asIntruder = await intruder.GetAsync(path);
            Assert.True(asIntruder.StatusCode == HttpStatusCode.NotFound, $"{path}: another customer got {(int)asIntruder.StatusCode}, expected 404.");
            var asOwner = await owner.GetAsync(path);
            Assert.True(asOwner.StatusCode != HttpStatusCode.NotFound, $"{path}: the owner got 404 for their own object (the sweep would prove nothing).");
            checkedRoutes++;
        }

        Assert.True(unclassified.Count == 0, "Routes with ids that the ownership sweep does not cover yet: " + string.Join(", ", unclassified));
        Assert.True(checkedRoutes >= Resolvers.Count, $"Only {checkedRoutes} routes checked.");
    }

    public sealed record Victim(PortalHost Host, string UserId, Guid AccountId)
    {
        public static async Task<Victim> LoadAsync(PortalHost host, string email)
        {
            await using var db = await host.Db.CreateDbContextAsync();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var accountId = await db.AccountBindings.Where(b => b.UserId == userId).Select(b => b.AccountId).FirstAsync();
            return new Victim(host, userId, accountId);
        }

        public async Task<string?> StatementAsync()
        {
            var bill = await BillAsync();
            var issuer = Host.Services.GetRequiredService<global::Portal.Features.Statements.StatementIssuer>();
            return (await issuer.IssueAsync(Guid.Parse(bill!))).StatementId?.ToString();
        }

        public async Task<string?> ComplaintAsync()
        {
            await using var db = await Host.Db.CreateDbContextAsync();
            return (await db.Complaints.Where(c => c.AccountId == AccountId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync())?.ToString();
        }

        public async Task<string?> BillAsync()
        {
            await using var db = await Host.Db.CreateDbContextAsync();
            return (await db.Bills.Where(b => b.AccountId == AccountId).OrderByDescending(b => b.PeriodStart).Select(b => (Guid?)b.Id).FirstOrDefaultAsync())?.ToString();
        }
    }
}
