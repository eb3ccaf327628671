using System.Text.Json;
using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// Issue 22 item 1: every chart of the app, in both languages on a desktop and a phone, has round ticks with a unit, text
/// at 12 px or more, category labels and value ticks that do not overlap, and plain names rather than internal codes (XJ-RES-TIER).
/// </summary>
[Collection(PortalServerCollection.Name)]
public class ChartReadabilityTests(PortalServer server) : Browsing(server)
{
    private sealed record ChartCheck(int Ticks, string Unit, double SmallestFontPx, int Overlaps, string Text);

    // Reads every chart on the page: tick count, the unit (caption, or ¥/% on the ticks), the smallest visible text and overlapping x labels.
    private const string Inspect = """
        () => [...document.querySelectorAll('.pm-chart')].map(c => {
          const visible = [...c.querySelectorAll('.pm-chart-tick, .pm-chart-xaxis > span, .pm-chart-hlabel, .pm-chart-legend li, .pm-chart-unit, .pm-chart-hunit, .pm-chart-hval')]
            .filter(e => e.textContent.trim() && getComputedStyle(e).visibility !== 'hidden' && e.getBoundingClientRect().width > 0);
          const ticks = [...c.querySelectorAll('.pm-chart-tick')].map(t => t.textContent);
          const caption = [...c.querySelectorAll('.pm-chart-unit, .pm-chart-hunit')].map(u => u.textContent).join('').trim();
          const unit = caption || (ticks.some(t => /[¥%]/.test(t)) ? ticks.find(t => /[¥%]/.test(t)) : '');
          const labels = [...c.querySelectorAll('.pm-chart-xaxis > span')].filter(e => e.textContent && getComputedStyle(e).visibility !== 'hidden')
            .map(e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect(); });
          let overlaps = 0;
          for (let i = 1; i < labels.length; i++) if (labels[i].left < labels[i - 1].right - 0.5) overlaps++;
          const hticks = [...c.querySelectorAll('.pm-chart-haxis .pm-chart-tick')].filter(e => getComputedStyle(e).visibility !== 'hidden')
            .map(e => e.getBoundingClientRect());
          for (let i = 1; i < hticks.length; i++) if (hticks[i].left < hticks[i - 1].right - 0.5) overlaps++;
          return { Ticks: ticks.length, Unit: unit, SmallestFontPx: Math.min(...visible.map(e => parseFloat(getComputedStyle(e).fontSize))),
                   Overlaps: overlaps, Text: c.innerText };
        })
        """;

    [Theory]
    [InlineData("zh-CN", 1366, 900, "desktop")]
    [InlineData("en-US", 1366, 900, "desktop")]
    [InlineData("zh-CN", 390, 844, "phone")]
    [InlineData("en-US", 390, 844, "phone")]
    public async Task Every_chart_has_ticks_with_units_readable_text_and_plain_names(string culture, int width, int height, string viewport)
    {
        var page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "business@demo.local");
        await page.GotoAsync(Server.PublicUrl + "/usage");
        await new ShellPage(page).WaitForInteractiveAsync();
        if (!page.Url.Contains("/usage/")) await page.Locator("a[href^='/usage/']").First.ClickAsync();
        await CheckAsync(page, "usage-business", culture, viewport, minCharts: 5);
        await page.Context.CloseAsync();

        page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "household@demo.local");
        await page.GotoAsync(Server.PublicUrl + "/usage");
        await new ShellPage(page).WaitForInteractiveAsync();
        if (!page.Url.Contains("/usage/")) await page.Locator("a[href^='/usage/']").First.ClickAsync();
        await CheckAsync(page, "usage", culture, viewport, minCharts: 4);

        await new BillExplanationPage(page).OpenLatestAsync(Server.PublicUrl);
        await CheckAsync(page, "bill-detail", culture, viewport, minCharts: 1);

        await page.GotoAsync(Server.PublicUrl + "/tariffs");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByTestId("tariff-account").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("recommendation-card").First).ToBeVisibleAsync();
        await CheckAsync(page, "tariffs", culture, viewport, minCharts: 1);

        await page.GotoAsync(Server.PublicUrl + "/statements");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.Locator("[data-testid=issue-statement], a[href^='/statements/']").First.WaitForAsync();
        var view = page.Locator("a[href^='/statements/']").Filter(new() { Visible = true });
        if (await view.CountAsync() == 0) await page.GetByTestId("issue-statement").First.ClickAsync();
        else await view.First.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/statements/"));
        await CheckAsync(page, "statement", culture, viewport, minCharts: 1);

        await page.GotoAsync(Server.PublicUrl + "/credit");
        await new ShellPage(page).WaitForInteractiveAsync();
        if (!System.Text.RegularExpressions.Regex.IsMatch(page.Url, "/credit/[0-9a-f-]{36}$"))
            await page.Locator("a[href^='/credit/']").First.ClickAsync();
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/credit/[0-9a-f-]{36}$"));
        await CheckAsync(page, "credit", culture, viewport, minCharts: 1);
        await page.Context.CloseAsync();

        page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.InternalUrl, "admin@demo.local");
        await page.GotoAsync(Server.InternalUrl + "/backoffice/complaints/analytics");
        await new ShellPage(page).WaitForInteractiveAsync();
        await CheckAsync(page, "complaints-analytics", culture, viewport, minCharts: 1);
        await page.GotoAsync(Server.InternalUrl + "/backoffice/planning");
        await new ShellPage(page).WaitForInteractiveAsync();
        await CheckAsync(page, "planning", culture, viewport, minCharts: 1);
        await page.Context.CloseAsync();
    }

    private static async Task CheckAsync(IPage page, string name, string culture, string viewport, int minCharts)
    {
        await page.Locator(".pm-chart").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await ScreenshotAsync(page, $"charts-{name}-{culture}-{viewport}");
        var charts = JsonSerializer.Deserialize<List<ChartCheck>>(await page.EvaluateAsync<JsonElement>(Inspect))!;
        Assert.True(charts.Count >= minCharts, $"{name}: {charts.Count} charts");
        foreach (var c in charts)
        {
            var where = $"{name} ({culture}, {viewport}): {c.Text.ReplaceLineEndings(" ")}";
            Assert.InRange(c.Ticks, 2, 7);
            Assert.False(string.IsNullOrWhiteSpace(c.Unit), $"no unit on {where}");
            Assert.True(c.SmallestFontPx >= 12, $"{c.SmallestFontPx}px text on {where}");
            Assert.Equal(0, c.Overlaps);
            Assert.DoesNotMatch(@"\b[A-Z]{2,}(-[A-Z0-9]+)+\b", c.Text);   // tariff codes such as XJ-RES-TIER
            Assert.DoesNotContain("NaN", c.Text);
        }
        if (viewport == "phone") await AssertNoHorizontalScrollAsync(page);
    }
}
