using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace Portal.Tests.Components;

/// <summary>
/// A link written into a page by hand is only checked when someone clicks it; a link to a route no page declares is a
/// 404 the customer meets first (the "bind an account" link under "no accounts" once pointed at a page that never existed).
/// </summary>
public partial class InternalLinkTests
{
    /// <summary>Links that are endpoints or static files, not Razor pages.</summary>
    private static readonly string[] NotPages = ["/jobs", "/theme/", "/backoffice/complaints/analytics.csv", "/backoffice/planning/forecast.csv", "/unsubscribe/one-click"];

    [Fact]
    public void Every_literal_link_in_a_page_goes_to_a_route_a_page_declares()
    {
        var routes = typeof(Portal.Components.App).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => TemplatePattern(r.Template))
            .ToList();
        Assert.NotEmpty(routes);

        var links = Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "Portal"), "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => LiteralHref().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Href: m.Groups[1].Value)))
            .Where(l => !NotPages.Any(l.Href.StartsWith))
            .ToList();
        Assert.Contains(links, l => l.Href == "/accounts");

        var broken = links.Where(l => !routes.Any(r => r.IsMatch(l.Href.Split('#', '?')[0]))).Select(l => $"{l.File}: {l.Href}").ToList();
        Assert.Empty(broken);
    }

    [Fact]
    public void The_no_accounts_messages_link_to_the_page_where_an_account_is_bound()
    {
        var bindPage = typeof(Portal.Features.Accounts.AccountsPage).GetCustomAttributes<RouteAttribute>().Select(r => r.Template);
        Assert.Contains("/accounts", bindPage);
        foreach (var page in new[] { "Features/Usage/UsageIndexPage.razor", "Features/Complaints/Customer/NewComplaintPage.razor", "Features/Home/CustomerHome.razor" })
            Assert.Contains("<MudLink Href=\"/accounts\">@L[\"Home.BindAccount\"]</MudLink>", File.ReadAllText(Path.Combine(RepoRoot.Path, "Portal", page)));
    }

    /// <summary>"/usage/{account}" matches "/usage/42"; route constraints and optional parameters match any one segment.</summary>
    private static Regex TemplatePattern(string template) =>
        new("^" + string.Join("/", template.TrimEnd('/').Split('/').Select(s => s.StartsWith('{') ? "[^/]*" : Regex.Escape(s))) + "/?$",
            RegexOptions.IgnoreCase);

    [GeneratedRegex("[Hh]ref=\"(/[^\"@]*)\"")]
    private static partial Regex LiteralHref();
}
