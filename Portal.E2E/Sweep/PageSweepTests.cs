using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Portal.E2E.Journeys;
using Portal.E2E.Pages;

namespace Portal.E2E.Sweep;

/// <summary>
/// Every page of the app (<see cref="PageCatalog"/>, checked against the route table) in both languages, at desktop
/// width and at phone width (390×844): axe-core finds no violation of any impact (minor and moderate ones such as
/// heading-order and empty-table-header included); at phone width the page does not scroll sideways and its touch
/// targets are at least 24×24 CSS px (axe's WCAG 2.2 target-size rule, off by default, switched on there). Each page is
/// loaded once per language: the phone pass resizes the loaded page. Screenshots of both widths go to the gallery.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class PageSweepTests(PortalServer server) : Browsing(server)
{
    public static TheoryData<Visitor> Visitors()
    {
        var data = new TheoryData<Visitor>();
        foreach (var visitor in PageCatalog.All.Select(p => p.Visitor).Distinct()) data.Add(visitor);
        return data;
    }

    [Fact]
    public void The_catalogue_lists_every_page_of_the_route_table_and_nothing_else()
    {
        var routes = RouteTable.PageTemplates(PortalServer.PortalDll);
        Assert.True(routes.Count > 40, $"Only {routes.Count} page routes read from {PortalServer.PortalDll}.");
        var listed = PageCatalog.All.Select(p => p.Template).ToHashSet(StringComparer.Ordinal);
        var missing = routes.Except(listed).Order().ToList();
        var stale = listed.Except(routes).Order().ToList();
        Assert.True(missing.Count == 0, "Pages missing from Portal.E2E/Sweep/PageCatalog.cs (add them with a visitor): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "PageCatalog.cs lists routes the app no longer has: " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(Visitors))]
    public async Task Every_page_is_accessible_and_fits_a_phone_in_both_languages(Visitor visitor)
    {
        var data = await SweepData.ForAsync(Server);
        var pages = PageCatalog.All.Where(p => p.Visitor == visitor).ToList();
        // The two languages walk the pages side by side: most of the time goes to waiting for the server and the browser.
        var results = await Task.WhenAll(new[] { "zh-CN", "en-US" }.Select(culture => SweepAsync(visitor, culture, pages, data)));
        var failures = results.SelectMany(r => r).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} problems on {pages.Count} pages as {visitor}:\n" + string.Join("\n", failures));
    }

    private static bool IsSignInPage(string url) =>
        new Uri(url).AbsolutePath.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase);

    private async Task<List<string>> SweepAsync(Visitor visitor, string culture, List<CatalogPage> pages, SweepData data)
    {
        var baseUrl = pages[0].Internal ? Server.InternalUrl : Server.PublicUrl;
        var page = await NewPageAsync(culture);
        if (visitor != Visitor.Anonymous) await new LoginPage(page).SignInAsync(baseUrl, pages[0].Email);

        var failures = new List<string>();
        var report = new StringBuilder();
        foreach (var entry in pages)
        {
            var path = data.PathFor(entry);
            var where = $"{path} [{culture}]";
            await page.SetViewportSizeAsync(Viewports[0].Width, Viewports[0].Height);
            var response = await page.GotoAsync(baseUrl + path);
            if (visitor != Visitor.Anonymous && IsSignInPage(page.Url) && !IsSignInPage(baseUrl + path))
            {
                // The other language's pass opened the authenticator page, whose new key signs every other session of
                // this user out (as it should): sign in again so this page is swept, not the sign-in form in its place.
                await new LoginPage(page).SignInAsync(baseUrl, pages[0].Email);
                response = await page.GotoAsync(baseUrl + path);
            }
            var status = response?.Status ?? 0;
            if (status >= 400 && entry.Template != "/not-found") failures.Add($"{where}: HTTP {status}");
            await SettleAsync(page);

            var lang = await page.GetAttributeAsync("html", "lang");
            if (lang != culture) failures.Add($"{where}: <html lang=\"{lang}\">, expected {culture}");

            var axe = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
            Record(where, "desktop", axe.Violations.Select(Violation.From), failures, report);
            await ScreenshotAsync(page, $"page-{entry.Slug}-{culture}-desktop");

            await page.SetViewportSizeAsync(Viewports[1].Width, Viewports[1].Height);
            await SettleAsync(page, phone: true);
            // MudBlazor's breakpoint listener re-lays the page out a moment after the resize (the drawer moves): a sideways
            // scroll must still be there once that settled (up to 3 s) to count.
            const string overflowScript = "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth";
            try
            {
                await page.WaitForFunctionAsync("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth", null,
                    new() { Timeout = 3000, PollingInterval = 100 });
            }
            catch (TimeoutException)
            {
                // still overflowing: reported below
            }
            var overflow = await page.EvaluateAsync<int>(overflowScript);
            if (overflow > 0) failures.Add($"{where} (phone): scrolls sideways by {overflow}px; widest: {await WidestElementAsync(page)}");
            // axe is already in the page: the whole rule set again at this width, plus WCAG 2.2's target-size rule.
            var phone = System.Text.Json.JsonSerializer.Deserialize<Violation[]>(await page.EvaluateAsync<string>(PhoneAxeScript), Json)!;
            Record(where, "phone", phone, failures, report);
            await ScreenshotAsync(page, $"page-{entry.Slug}-{culture}-phone");
        }
        await page.Context.CloseAsync();
        await File.WriteAllTextAsync(Path.Combine(PortalServer.ArtifactsFolder, $"axe-{visitor.ToString().ToLowerInvariant()}-{culture}.txt"), report.ToString());
        return failures;
    }

    private const string PhoneAxeScript = """
        async () => JSON.stringify((await axe.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] }))
          .violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
            targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')),
            why: v.nodes.length ? [...v.nodes[0].any, ...v.nodes[0].all, ...v.nodes[0].none].map(c => c.message)[0] ?? null : null,
          })))
        """;

    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public sealed record Violation(string Id, string? Impact, string Help, int Count, string[] Targets, string? Why)
    {
        public static Violation From(AxeResultItem v)
        {
            var node = v.Nodes.FirstOrDefault();
            return new(v.Id, v.Impact, v.Help, v.Nodes.Length, v.Nodes.Take(4).Select(n => n.Target?.ToString() ?? "").ToArray(),
                node is null ? null : node.Any.Concat(node.All).Concat(node.None).FirstOrDefault()?.Message);
        }
    }

    /// <summary>Waits for the circuit (interactive pages) and for loading skeletons to give way to data.</summary>
    internal static async Task SettleAsync(IPage page, bool phone = false)
    {
        if (await page.Locator("[data-interactive]").CountAsync() > 0)
            await new ShellPage(page).WaitForInteractiveAsync();
        // The drawer closes below the Md breakpoint once MudBlazor has seen the resize.
        var ready = phone
            ? "() => !document.querySelector('.mud-skeleton, .mud-progress-indeterminate, .mud-drawer--open.mud-drawer-responsive')"
            : "() => !document.querySelector('.mud-skeleton, .mud-progress-indeterminate')";
        try { await page.WaitForFunctionAsync(ready, null, new() { Timeout = 15_000 }); }
        catch (TimeoutException) { /* a page that never settles still gets scanned; its screenshot shows why */ }
    }

    private static void Record(string where, string viewport, IEnumerable<Violation> violations, List<string> failures, StringBuilder report)
    {
        foreach (var v in violations)
        {
            var line = $"{where} ({viewport}): {v.Id} [{v.Impact}] ×{v.Count} {v.Help} → {string.Join(" | ", v.Targets)}" + (v.Why is null ? "" : $" ({v.Why})");
            report.AppendLine(line);
            failures.Add(line);
        }
    }

    private static Task<string> WidestElementAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const w = document.scrollingElement.clientWidth;
          const over = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1);
          const leaf = over.filter(e => !over.some(o => o !== e && e.contains(o)));
          return leaf.slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].slice(0, 3).join('.') + ' right=' + Math.round(e.getBoundingClientRect().right)).join(', ');
        }
        """);
}
