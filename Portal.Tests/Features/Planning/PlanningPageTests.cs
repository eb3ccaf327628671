using Bunit;
using Portal.Features.Planning;

namespace Portal.Tests.Features.Planning;

/// <summary>The planners' page over the stored figures of a seeded portal.</summary>
[Collection(PortalCollection.Name)]
public class PlanningPageTests(PlanningHost host) : Portal.Tests.Features.Usage.UsageBunitContext(s =>
    s.AddSingleton(host.Planning)), IClassFixture<PlanningHost>
{
    private IRenderedComponent<PlanningPage> RenderPage()
    {
        Authorization.SetAuthorized("admin@demo.local");
        Authorization.SetRoles(Portal.Data.Roles.Admin);
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<PlanningPage>();
        cut.WaitForElement("[data-testid=planning-totals]", TimeSpan.FromSeconds(10));
        return cut;
    }

    [Fact]
    public async Task Totals_show_the_county_and_drilling_down_reaches_the_segment_mix_of_a_cell()
    {
        var view = (await host.Planning.LoadAsync())!;
        var cut = RenderPage();
        Assert.Contains(Portal.Components.Shared.Format.Kwh((decimal)Math.Round(view.County.Next1Kwh.Value), 0), cut.Find("[data-testid=planning-totals]").TextContent);
        Assert.Equal(4, cut.FindAll("[data-testid=backtest-row]").Count);

        // County → region → level → customer type: each click opens the first part (the largest next month).
        for (var depth = 1; depth <= 3; depth++)
        {
            cut.FindAll("[data-testid=planning-drill] button")[0].Click();
            Assert.Equal(depth + 1, cut.FindAll("[data-testid=planning-path] button").Count + 1);
        }
        cut.WaitForElement("[data-testid=planning-mix]");
        Assert.Empty(cut.FindAll("[data-testid=planning-drill]"));

        // The mix's table twin lists every archetype and the unclassified row.
        cut.Find("[data-testid=planning-mix] input[type=checkbox]").Change(true);
        Assert.Equal(7, cut.FindAll("[data-testid=planning-mix] [data-testid=chart-table] tbody tr").Count);

        // Back to the county from the path.
        cut.FindAll("[data-testid=planning-path] button")[0].Click();
        Assert.Empty(cut.FindAll("[data-testid=planning-path] button"));
        Assert.NotEmpty(cut.FindAll("[data-testid=planning-drill] button"));
    }

    [Fact]
    public void The_region_table_twin_shows_every_region_with_its_range()
    {
        var cut = RenderPage();
        cut.Find("[data-testid=planning-chart] input[type=checkbox]").Change(true);
        var rows = cut.FindAll("[data-testid=planning-chart] [data-testid=chart-table] tbody tr");
        Assert.Equal(cut.FindAll("[data-testid=planning-drill] button").Count, rows.Count);
        Assert.All(rows, r => Assert.Contains("80% range", r.TextContent));
        Assert.Equal("/backoffice/planning/forecast.csv", cut.Find("[data-testid=planning-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_backtest_error_from_fewer_than_nine_months_is_marked_and_the_table_says_why()
    {
        var view = (await host.Planning.LoadAsync())!;
        var county = view.Backtest.Where(b => b.Key == view.County.Key).ToList();
        var cut = RenderPage();
        var rows = cut.FindAll("[data-testid=backtest-row]");
        var methods = Enum.GetValues<Portal.Domain.Planning.PlanningMethod>();
        for (var i = 0; i < methods.Length; i++)
        {
            var cells = rows[i].QuerySelectorAll("td");
            foreach (var (horizon, cell) in new[] { (1, cells[0]), (3, cells[1]) })
            {
                var b = county.FirstOrDefault(x => x.Method == methods[i] && x.Horizon == horizon);
                Assert.Equal(b is not null && b.Windows < 9, cell.QuerySelector("[data-testid=backtest-few-mark]") is not null);
            }
        }
        // The seeded county has both: the model over its whole history, the same month last year over a few months.
        Assert.Contains(county, b => b.Windows >= 9);
        Assert.Contains(county, b => b.Windows < 9);
        Assert.Equal("* From fewer than 9 past months: too few to tell which forecast is more accurate.", cut.Find("[data-testid=backtest-few]").TextContent);
        Assert.True(PlanningPage.FewWindows(county[0] with { Windows = 8 }));
        Assert.False(PlanningPage.FewWindows(county[0] with { Windows = 9 }));
    }

    [Fact]
    public async Task The_band_note_says_whether_ranges_are_the_levels_own_pooled_over_its_level_or_fixed()
    {
        var county = (await host.Planning.LoadAsync())!.County;
        var page = RenderPage().Instance;
        Assert.Contains("own past forecast errors (9 backtest months)", page.BandSourceNote(county with { BandFromBacktest = true, BacktestWindows = 9 }));
        Assert.StartsWith("Only 8 backtest months here (a range read from its own errors needs 9)", page.BandSourceNote(county with { BandFromBacktest = false, BacktestWindows = 8 }));
        Assert.StartsWith("Only 1 backtest month here", page.BandSourceNote(county with { BandFromBacktest = false, BacktestWindows = 1 }));
        Assert.Contains("a fixed ±15%", page.BandSourceNote(county with { BandFromBacktest = false, BacktestWindows = 0 }));
    }
}

[Collection(PortalCollection.Name)]
public class PlanningPageChineseTests(PlanningHost host) : Portal.Tests.Features.Usage.UsageBunitContext(s =>
    s.AddSingleton(host.Planning), "zh-CN"), IClassFixture<PlanningHost>
{
    [Fact]
    public async Task The_page_reads_in_Chinese()
    {
        Authorization.SetAuthorized("admin@demo.local");
        Authorization.SetRoles(Portal.Data.Roles.Admin);
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<PlanningPage>();
        cut.WaitForElement("[data-testid=planning-totals]", TimeSpan.FromSeconds(10));
        Assert.Contains("需求预测", cut.Markup);
        Assert.Contains("全县", cut.Find("[data-testid=planning-path]").TextContent);
        Assert.Contains("去年同月", cut.Find("[data-testid=planning-backtest]").TextContent);
        Assert.DoesNotContain("Planning.", cut.Markup);
        Assert.StartsWith("此处回测仅 3 个月", cut.Instance.BandSourceNote((await host.Planning.LoadAsync())!.County with { BandFromBacktest = false, BacktestWindows = 3 }));
    }
}
