using System.Globalization;
using AngleSharp.Html.Parser;
using Portal.Components.Charts;

namespace Portal.Tests.Components.Charts;

/// <summary>
/// A chart is one markup string: ticks with units, a unit caption, tooltips with value and unit, gaps for missing values,
/// partial periods marked and named, encoded text, and never NaN in an attribute.
/// </summary>
public class PlotMarkupTests
{
    private static readonly HtmlParser Parser = new();

    private static AngleSharp.Dom.IDocument Render(PlotSpec spec)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("en-US");
        try { return Parser.ParseDocument(PlotMarkup.Render(spec)); }
        finally { CultureInfo.CurrentCulture = previous; }
    }

    private static PlotSpec Monthly(params double?[] kwh) => new()
    {
        Kind = PlotKind.Bar,
        Labels = kwh.Select((_, i) => $"M{i + 1}").ToArray(),
        Series = [new("This year", kwh)],
        Unit = "kWh",
    };

    [Fact]
    public void The_value_axis_has_round_ticks_and_the_unit_is_named()
    {
        var doc = Render(Monthly(3_000, 10_240, 6_100));
        Assert.Equal(["0", "2,500", "5,000", "7,500", "10,000", "12,500"], doc.QuerySelectorAll(".pm-chart-yaxis .pm-chart-tick").Select(t => t.TextContent));
        Assert.Equal("kWh", doc.QuerySelector(".pm-chart-unit")!.TextContent);
    }

    [Fact]
    public void Every_bar_has_a_tooltip_with_its_label_series_value_and_unit()
    {
        var doc = Render(Monthly(3_000, 10_240.4));
        Assert.Equal(["M1 · This year: 3,000 kWh", "M2 · This year: 10,240 kWh"], doc.QuerySelectorAll(".pm-chart-bars > rect > title").Select(t => t.TextContent));
    }

    [Fact]
    public void Yuan_is_written_before_the_number_on_ticks_and_tooltips()
    {
        var doc = Render(new PlotSpec { Kind = PlotKind.HorizontalBar, Labels = ["Flat", "Time of use"], Series = [new("Annual cost", [4_321.5, 3_980])], Unit = "¥" });
        Assert.Contains("¥5,000", doc.QuerySelectorAll(".pm-chart-tick").Select(t => t.TextContent));
        Assert.Equal(["¥4,322", "¥3,980"], doc.QuerySelectorAll(".pm-chart-hval").Select(v => v.TextContent));
        Assert.Equal("Flat · Annual cost: ¥4,322", doc.QuerySelector(".pm-chart-hbar")!.GetAttribute("title"));
    }

    [Fact]
    public void A_missing_month_is_a_gap_never_a_bar_of_zero_while_a_true_zero_is_a_hairline()
    {
        var doc = Render(Monthly(120, null, 0, double.NaN, 80));
        var titles = doc.QuerySelectorAll(".pm-chart-bars > rect > title").Select(t => t.TextContent).ToList();
        Assert.Equal(["M1 · This year: 120 kWh", "M3 · This year: 0 kWh", "M5 · This year: 80 kWh"], titles);
    }

    [Fact]
    public void A_month_still_under_way_is_drawn_lighter_and_named_in_the_legend()
    {
        var doc = Render(Monthly(300, 310, 40) with { Partial = new HashSet<int> { 2 }, PartialNote = "Month to date" });
        var bars = doc.QuerySelectorAll(".pm-chart-bars > rect");
        Assert.Equal([false, false, true], bars.Select(b => b.ClassList.Contains("pm-chart-partial")));
        Assert.Contains("(Month to date)", bars[2].TextContent);
        Assert.Contains("Month to date", doc.QuerySelectorAll(".pm-chart-legend li").Select(l => l.TextContent));
    }

    [Fact]
    public void A_year_earlier_month_beside_the_month_to_date_stays_a_full_bar()
    {
        var doc = Render(new PlotSpec
        {
            Labels = ["Dec"],
            Series = [new("A year earlier", [400]), new("This year", [90])],
            Unit = "kWh",
            Partial = new HashSet<int> { 0 },
            PartialSeries = new HashSet<int> { 1 },
            PartialNote = "Month to date",
        });
        var bars = doc.QuerySelectorAll(".pm-chart-bars > rect");
        Assert.Equal([false, true], bars.Select(b => b.ClassList.Contains("pm-chart-partial")));
        Assert.Equal("Dec · A year earlier: 400 kWh", bars[0].TextContent);
    }

    [Fact]
    public void A_line_breaks_at_a_gap_and_dashes_the_segment_into_a_partial_period()
    {
        var doc = Render(new PlotSpec
        {
            Kind = PlotKind.Line,
            Labels = ["a", "b", "c", "d", "e"],
            Series = [new("kW", [1, 2, null, 3, 4])],
            Unit = "kW",
            Partial = new HashSet<int> { 4 },
            PartialNote = "so far",
        });
        var solid = doc.QuerySelector("path.pm-chart-line:not(.pm-chart-partial)")!.GetAttribute("d")!;
        var dashed = doc.QuerySelector("path.pm-chart-line.pm-chart-partial")!.GetAttribute("d")!;
        Assert.Equal(1, solid.Count(c => c == 'M'));   // a→b only; nothing bridges the gap at c
        Assert.Equal(1, dashed.Count(c => c == 'M'));  // d→e, into the period still under way
        Assert.Equal(["a · kW: 1 kW", "b · kW: 2 kW", "d · kW: 3 kW", "e · kW: 4 kW (so far)"], doc.QuerySelectorAll(".pm-chart-hits > rect > title").Select(t => t.TextContent));
    }

    [Fact]
    public void A_run_of_consecutive_values_is_one_continuous_line_that_starts_again_after_a_gap_and_where_it_turns_dashed()
    {
        var doc = Render(new PlotSpec
        {
            Kind = PlotKind.Line,
            Labels = ["a", "b", "c", "d", "e", "f", "g"],
            Series = [new("kW", [1, 2, 3, null, 4, 5, 6])],
            Unit = "kW",
            Partial = new HashSet<int> { 6 },
            PartialNote = "so far",
        });
        var solid = doc.QuerySelector("path.pm-chart-line:not(.pm-chart-partial)")!.GetAttribute("d")!;
        var dashed = doc.QuerySelector("path.pm-chart-line.pm-chart-partial")!.GetAttribute("d")!;
        // a→b→c is one run (one M, two L), the gap at d starts a new one (e→f); f→g into the period under way is dashed.
        Assert.Equal(2, solid.Count(c => c == 'M'));
        Assert.Equal(3, solid.Count(c => c == 'L'));
        Assert.Matches(@"^M0\.5 [\d.]+L1\.5 [\d.]+L2\.5 [\d.]+M4\.5 [\d.]+L5\.5 [\d.]+$", solid);
        Assert.Equal(1, dashed.Count(c => c == 'M'));
        Assert.Equal(1, dashed.Count(c => c == 'L'));
    }

    [Fact]
    public void A_single_point_is_still_visible_as_a_marker()
    {
        var doc = Render(new PlotSpec { Kind = PlotKind.Line, Labels = ["only"], Series = [new("s", [5])], Unit = "kW" });
        Assert.NotNull(doc.QuerySelector("path.pm-chart-dot"));
        Assert.Null(doc.QuerySelector("path.pm-chart-line"));
    }

    [Fact]
    public void Stacked_bars_sit_on_each_other_up_to_the_total()
    {
        var doc = Render(new PlotSpec { Kind = PlotKind.StackedBar, Labels = ["Jan"], Series = [new("Peak", [60]), new("Valley", [40])], Unit = "kWh" });
        var rects = doc.QuerySelectorAll(".pm-chart-bars > rect").Select(r => (Y: double.Parse(r.GetAttribute("y")!, CultureInfo.InvariantCulture), H: double.Parse(r.GetAttribute("height")!, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(2, rects.Count);
        Assert.Equal(rects[0].Y, rects[1].Y + rects[1].H, 3);   // the second segment ends where the first begins
        Assert.Equal(["0", "20", "40", "60", "80", "100"], doc.QuerySelectorAll(".pm-chart-tick").Select(t => t.TextContent));
    }

    [Fact]
    public void No_NaN_or_infinity_ever_reaches_the_markup()
    {
        foreach (var spec in new[]
        {
            Monthly(double.NaN, double.PositiveInfinity, double.NegativeInfinity),
            Monthly(0, 0, 0),
            Monthly(-5, 0, 5),
            Monthly(1e-12),
            Monthly(1e15, 1),
            new PlotSpec { Kind = PlotKind.Line, Labels = ["a", "b"], Series = [new("x", [double.NaN, 1])] },
            new PlotSpec { Kind = PlotKind.HorizontalBar, Labels = ["a"], Series = [new("x", [double.NaN])] },
            new PlotSpec { Kind = PlotKind.StackedBar, Labels = ["a", "b"], Series = [new("x", [])] },
        })
        {
            var markup = PlotMarkup.Render(spec);
            Assert.DoesNotContain("NaN", markup);
            Assert.DoesNotContain("Infinity", markup);
            Assert.DoesNotContain("∞", markup);
        }
    }

    [Fact]
    public void Labels_names_and_units_are_html_encoded_and_colours_are_only_taken_from_a_safe_form()
    {
        var markup = PlotMarkup.Render(new PlotSpec
        {
            Labels = ["<script>alert(1)</script>"],
            Series = [new("\"><img src=x>", [1], "red;background:url(x)")],
            Unit = "<b>",
        });
        Assert.DoesNotContain("<script", markup);
        Assert.DoesNotContain("<img", markup);
        Assert.DoesNotContain("<b>", markup);
        Assert.DoesNotContain("url(x)", markup);
        Assert.Contains(PlotMarkup.Palette[0], markup);
    }

    [Fact]
    public void The_chart_is_one_image_for_assistive_technology_with_a_summary()
    {
        var doc = Render(Monthly(100, 300, 200));
        var root = doc.QuerySelector(".pm-chart")!;
        Assert.Equal("img", root.GetAttribute("role"));
        Assert.Equal("This year: 300 kWh (M2) … 100 kWh (M1)", root.GetAttribute("aria-label"));
        Assert.Equal("true", doc.QuerySelector("svg")!.GetAttribute("aria-hidden"));
    }

    [Fact]
    public void Horizontal_bars_start_at_zero_and_end_in_proportion_to_the_axis()
    {
        var doc = Render(new PlotSpec { Kind = PlotKind.HorizontalBar, Labels = ["a", "b"], Series = [new("x", [50, 100])], Unit = "kWh" });
        var styles = doc.QuerySelectorAll(".pm-chart-hbar").Select(b => b.GetAttribute("style")!).ToList();
        Assert.StartsWith("margin-left:0%;width:50%", styles[0]);
        Assert.StartsWith("margin-left:0%;width:100%", styles[1]);
    }

    [Fact]
    public void An_empty_spec_has_no_data_to_draw() =>
        Assert.False(PlotMarkup.HasData(new PlotSpec { Labels = ["a"], Series = [new("x", [null, double.NaN])] }));
    [Fact]
    public void Bars_of_a_series_share_one_group_that_carries_their_colour_and_each_bar_only_its_geometry_and_tooltip()
    {
        var doc = Render(new PlotSpec { Labels = ["Jan", "Feb"], Series = [new("A year earlier", [400, 380], "#8fa9bf"), new("This year", [300, 310])], Unit = "kWh" });
        var groups = doc.QuerySelectorAll("g.pm-chart-bars");
        Assert.Equal(["#8fa9bf", PlotMarkup.Palette[1]], groups.Select(g => g.GetAttribute("fill")));
        Assert.Equal(["Jan · This year: 300 kWh", "Feb · This year: 310 kWh"], groups[1].QuerySelectorAll("rect > title").Select(t => t.TextContent));
        Assert.All(doc.QuerySelectorAll(".pm-chart-bars > rect"), r =>
            Assert.Equal(["height", "width", "x", "y"], r.Attributes.Select(a => a.Name).Order()));
    }

    [Fact]
    public void A_line_has_one_hover_column_per_point_that_holds_only_its_position_and_tooltip()
    {
        var doc = Render(new PlotSpec { Kind = PlotKind.Line, Labels = ["00:00", "00:15", "00:30"], Series = [new("Average kW", [1.234, null, 2.5])], Unit = "kW", Decimals = 2 });
        var hits = doc.QuerySelectorAll("g.pm-chart-hits > rect");
        Assert.Equal(["0", "2"], hits.Select(r => r.GetAttribute("x")));   // no column where there is no value
        Assert.All(hits, r => Assert.Equal(["height", "width", "x"], r.Attributes.Select(a => a.Name).Order()));
        Assert.Equal(["00:00 · Average kW: 1.23 kW", "00:30 · Average kW: 2.50 kW"], hits.Select(r => r.TextContent));
    }

    [Fact]
    public void Tooltip_text_keeps_the_middle_dot_and_yuan_as_characters_but_still_escapes_markup()
    {
        var markup = PlotMarkup.Render(new PlotSpec { Labels = ["a<b>&c"], Series = [new("Cost", [12])], Unit = "¥" });
        Assert.Equal("<title>a&lt;b&gt;&amp;c · Cost: ¥12</title>", System.Text.RegularExpressions.Regex.Match(markup, "<title>.*?</title>").Value);
    }
}
