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
        ("e-mail addresses, masked ones too (logins, senders: h***@demo.local)", new(@"[\w.+*-]+@[\w-]+(\.[\w-]+)+")),
        ("web addresses and paths", new(@"(https?://|/)[\w./?=&%#:-]+")),
        ("ids and tokens: GUIDs and hex", new(@"\b[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\b|\b[0-9a-f]{16,}\b")),
        ("codes shown as codes: tariff, rule, complaint and campaign codes (XJ-RES-TIER, TS-20261207-000001)", new(@"\b[A-Z][A-Z0-9]*([-_.][A-Z0-9]+)+\b")),
        ("configuration codes in the back office: service and queue codes, system actors (tou-switch, demo-seeder)", new(@"\b[a-z0-9]+(-[a-z0-9]+)+\b")),
        ("meter numbers (M14452267)", new(@"\b[A-Z]\d{5,}\b")),
        ("version numbers (v3)", new(@"\bv\d+(\.\d+)*\b")),
        ("electrical units", new(@"\b(kWh|MWh|GWh|kW|MW|kVA|kvar|kV|Hz|PF)\b")),
        ("the brand, standards and formats by their own names", new(@"\b(PowerMarketing|Green Button|XML|JSON|CSV|PDF|SMS|IP|ID|SLA|TOTP|QR|URL|API|App|Authenticator|WebAuthn)\b")),
        ("single capital letters as ranks and grades (信用等级 A–E, 分组 A/B)", new(@"\b[A-E][+-]?\b")),
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

    [Theory]
    [InlineData("Rows per page:", true)]
    [InlineData("1-12 of 24", true)]
    [InlineData("Sort", true)]
    [InlineData("Ma Jun", true)]
    [InlineData("XJ-RES-TIER", false)]
    [InlineData("1,848 kWh", false)]
    [InlineData("h***@demo.local", false)]
    [InlineData("v3", false)]
    [InlineData("户号: 3301000000", false)]
    public void The_allow_list_passes_codes_and_catches_English_words(string text, bool offends) =>
        Assert.Equal(offends, IsLatinOnly(text));

    /// <summary>True when the text has Latin letters, no Chinese, and Latin letters are still left once codes are taken out.</summary>
    public static bool IsLatinOnly(string text)
    {
        if (!Regex.IsMatch(text, "[A-Za-z]") || Regex.IsMatch(text, @"\p{IsCJKUnifiedIdeographs}")) return false;
        var rest = ShownAsCodes.Aggregate(text, (t, c) => c.Pattern.Replace(t, " "));
        return Regex.IsMatch(rest, "[A-Za-z]");
    }

    /// <summary>
    /// The page's words: text nodes of rendered elements (screen-reader-only text included, hidden ones not) and the
    /// aria-label, title, placeholder and alt of rendered elements. Left out: text in another language on purpose
    /// (lang="en-US": the language switch), code/kbd/samp (recovery codes, keys), and what the markup marks translate="no"
    /// (names, identifiers as recorded, mail as it was sent, customers' own words, configuration documents).
    /// </summary>
    private const string VisibleTextScript = """
        () => {
          const out = [];
          const skip = e => e.closest('script, style, noscript, template, code, kbd, samp, pre, svg, [translate="no"]')
            || (e.closest('[lang]') && !e.closest('[lang]').getAttribute('lang').startsWith('zh'))
            || !e.checkVisibility({ visibilityProperty: true });
          const add = t => { t = t.replace(/\s+/g, ' ').trim(); if (t) out.push(t); };
          // Adjacent text nodes of one element read as one text ("v" + "3" is "v3").
          for (const e of [document.body, ...document.body.querySelectorAll('*')]) {
            if (skip(e)) continue;
            let run = '';
            for (const n of e.childNodes) {
              if (n.nodeType === Node.TEXT_NODE) run += n.nodeValue;
              else { add(run); run = ''; }
            }
            add(run);
          }
          for (const e of document.body.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
            if (skip(e)) continue;
            for (const a of ['aria-label', 'title', 'placeholder', 'alt']) add(e.getAttribute(a) || '');
          }
          return out;
        }
        """;
}
