using System.Text.RegularExpressions;
using Portal.E2E.Journeys;
using Portal.E2E.Pages;

namespace Portal.E2E.Sweep;

/// <summary>
/// Every page of the catalogue rendered in zh-CN shows no Latin-only text (issue 22, item 2): visible text, and the
/// labels a screen reader reads (aria-label, title, placeholder, alt), are Chinese, except what is shown as a code by
/// design (<see cref="ShownAsCodes"/>). The resx completeness test sees the keys; this one sees the rendered page,
/// MudBlazor's own strings and data shown as words (event names, run names, staff names) included. One failure per
/// visitor lists every offender with its page.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class ChineseTextSweepTests(PortalServer server) : Browsing(server)
{
    /// <summary>
    /// What zh-CN pages may show in Latin letters, each because it is a code, a unit or a name in its own right.
    /// A string is allowed when nothing Latin is left once these are taken out.
    /// </summary>
    private static readonly (string Why, Regex Pattern)[] ShownAsCodes =
    [
        ("e-mail addresses (logins, senders)", new(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")),
        ("web addresses and paths", new(@"(https?://|/)[\w./?=&%#:-]+")),
        ("ids and tokens: GUIDs and hex", new(@"\b[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\b|\b[0-9a-f]{16,}\b")),
        ("codes shown as codes: tariff, rule, meter and campaign codes (XJ-RES-TIER, TOU-2)", new(@"\b[A-Z][A-Z0-9]*([-_.][A-Z0-9]+)+\b")),
        ("electrical units", new(@"\b(kWh|MWh|GWh|kW|MW|kVA|kvar|kV|Hz|cos\s?φ|PF)\b")),
        ("the brand, the product and the services named by their own names", new(@"\b(PowerMarketing|State Grid|SGCC|Hangfire|Authenticator|Microsoft|Google|WebAuthn|OpenTelemetry|SQLite|PostgreSQL|SQL Server|CSV|PDF|SMS|ID|SLA|TOTP|QR|URL|API|App)\b")),
        ("single capital letters as ranks and grades (信用等级 A–E, 分组 A/B)", new(@"\b[A-E][+-]?\b")),
        ("sizes and times as numbers with a unit symbol", new(@"\b\d+(\.\d+)?\s?(KB|MB|GB|ms|s|px)\b")),
    ];

    public static TheoryData<Visitor> Visitors() => PageSweepTests.Visitors();

    [Theory]
    [MemberData(nameof(Visitors))]
    public async Task Every_page_in_zh_CN_shows_Chinese_text_apart_from_codes_shown_as_codes(Visitor visitor)
    {
        var data = await SweepData.ForAsync(Server);
        var pages = PageCatalog.All.Where(p => p.Visitor == visitor).ToList();
        var baseUrl = pages[0].Internal ? Server.InternalUrl : Server.PublicUrl;
        var page = await NewPageAsync("zh-CN");
        if (visitor != Visitor.Anonymous) await new LoginPage(page).SignInAsync(baseUrl, pages[0].Email);

        var offenders = new List<string>();
        foreach (var entry in pages)
        {
            var path = data.PathFor(entry);
            await page.GotoAsync(baseUrl + path);
            await PageSweepTests.SettleAsync(page);
            var texts = await page.EvaluateAsync<string[]>(VisibleTextScript);
            foreach (var text in texts.Distinct().Where(IsLatinOnly))
                offenders.Add($"{path}: \"{text}\"");
        }
        await page.Context.CloseAsync();
        Assert.True(offenders.Count == 0,
            $"{offenders.Count} Latin-only texts on {pages.Count} zh-CN pages as {visitor} (localize them, or list a code shown as a code in {nameof(ShownAsCodes)}):\n"
            + string.Join("\n", offenders));
    }

    /// <summary>True when the text has Latin letters, no Chinese, and Latin letters are still left once codes are taken out.</summary>
    public static bool IsLatinOnly(string text)
    {
        if (!Regex.IsMatch(text, "[A-Za-z]") || Regex.IsMatch(text, @"\p{IsCJKUnifiedIdeographs}")) return false;
        var rest = ShownAsCodes.Aggregate(text, (t, c) => c.Pattern.Replace(t, " "));
        return Regex.IsMatch(rest, "[A-Za-z]");
    }

    /// <summary>
    /// The page's words: text nodes of rendered elements (screen-reader-only text included, hidden ones not) and the
    /// aria-label, title, placeholder and alt of rendered elements. Text inside another language on purpose (lang="en-US",
    /// the language switch) and inside code/kbd/samp (recovery codes, keys) is left out.
    /// </summary>
    private const string VisibleTextScript = """
        () => {
          const out = [];
          const skip = e => e.closest('script, style, noscript, template, code, kbd, samp, pre, svg')
            || (e.closest('[lang]') && !e.closest('[lang]').getAttribute('lang').startsWith('zh'))
            || !e.checkVisibility({ visibilityProperty: true });
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const t = n.nodeValue.replace(/\s+/g, ' ').trim();
            if (t && n.parentElement && !skip(n.parentElement)) out.push(t);
          }
          for (const e of document.body.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
            if (skip(e)) continue;
            for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
              const v = (e.getAttribute(a) || '').replace(/\s+/g, ' ').trim();
              if (v) out.push(v);
            }
          }
          return out;
        }
        """;
}
