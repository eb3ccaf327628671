using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Portal.Components.Shared;

namespace Portal.Tests.Components;

/// <summary>
/// Issue 20: the usage page's alert thresholds are MudNumericField's markup without MudNumericField. It keeps the label,
/// the look, parsing in the reader's culture, the minimum, the "not a valid number" message, the spin buttons and clearing.
/// </summary>
public class PlainNumericFieldTests : PortalBunitContext
{
    private readonly List<decimal?> _reported = [];

    internal IRenderedComponent<PlainNumericField> RenderField(decimal? value, bool start = false) =>
        Render<PlainNumericField>(p => p.Add(x => x.Value, value).Add(x => x.Label, "Monthly kWh").Add(x => x.Min, 0m)
            .Add(x => x.AdornmentText, start ? "¥" : "kWh").Add(x => x.AdornmentStart, start)
            .Add(x => x.ValueChanged, v => _reported.Add(v)));

    [Fact]
    public void The_field_is_a_text_input_labelled_by_its_label_with_numeric_field_look_and_its_value()
    {
        var cut = RenderField(350m);

        var input = cut.Find("input");
        Assert.Equal("text", input.GetAttribute("type"));
        Assert.Equal("decimal", input.GetAttribute("inputmode"));
        Assert.Equal("350", input.GetAttribute("value"));
        Assert.Equal("Monthly kWh", cut.Find($"label[for='{input.Id}']").TextContent);
        Assert.Contains("mud-input-number-control", cut.Find(".mud-input-control").ClassName);
        Assert.Contains("mud-shrink", cut.Find(".mud-input").ClassName);   // a value keeps the label small above it
        Assert.Equal("kWh", cut.Find(".mud-input-adornment-end .mud-input-adornment-text").TextContent);
        Assert.Equal(["Clear", "Increment", "Decrement"], cut.FindAll("button").Select(b => b.GetAttribute("aria-label")));
    }

    [Fact]
    public void An_empty_field_has_no_clear_button_and_its_label_sits_in_the_field()
    {
        var cut = RenderField(null);

        Assert.Equal("", cut.Find("input").GetAttribute("value") ?? "");
        Assert.DoesNotContain("mud-shrink", cut.Find(".mud-input").ClassName);
        Assert.Empty(cut.FindAll(".mud-input-clear-button"));
    }

    [Fact]
    public void An_empty_field_with_the_unit_in_front_keeps_its_label_above_as_mud_input_does()
    {
        var cut = RenderField(null, start: true);

        Assert.Contains("mud-shrink", cut.Find(".mud-input").ClassName);
        Assert.Equal("¥", cut.Find(".mud-input-adornment-start .mud-input-adornment-text").TextContent);
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData(null, true, null)]
    [InlineData(350, true, null)]
    [InlineData(350, false, "abc")]
    public void Its_classes_are_mud_numeric_fields_in_the_same_state(int? value, bool start, string? typed)
    {
        var ours = RenderField(value, start);
        var mud = Render<MudBlazor.MudNumericField<decimal?>>(p => p.Add(x => x.Value, value).Add(x => x.Label, "Monthly kWh").Add(x => x.Min, 0m)
            .Add(x => x.Adornment, start ? MudBlazor.Adornment.Start : MudBlazor.Adornment.End).Add(x => x.AdornmentText, start ? "¥" : "kWh")
            .Add(x => x.Clearable, true));
        if (typed is not null)
        {
            ours.Find("input").Change(typed);
            mud.Find("input").Change(typed);
        }

        foreach (var selector in new[] { ".mud-input-control", ".mud-input", "input", "label", ".mud-input-adornment", ".mud-input-numeric-spin button" })
            Assert.Equal(mud.Find(selector).ClassName, ours.Find(selector).ClassName);
        Assert.Equal(mud.FindAll("button").Select(b => b.GetAttribute("aria-label")), ours.FindAll("button").Select(b => b.GetAttribute("aria-label")));
        Assert.Equal(mud.FindAll(".mud-input-helper-text").Select(e => e.TextContent), ours.FindAll(".mud-input-helper-text").Select(e => e.TextContent));
    }

    [Fact]
    public void A_number_with_a_group_separator_and_decimals_is_read_in_english()
    {
        var cut = RenderField(null);

        cut.Find("input").Change("1,234.5");

        Assert.Equal(new decimal?[] { 1234.5m }, _reported);
        Assert.Equal("1234.5", cut.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void Text_that_is_no_number_shows_why_and_keeps_the_last_value()
    {
        var cut = RenderField(350m);

        cut.Find("input").Change("abc");

        Assert.Empty(_reported);
        Assert.Equal("Not a valid number", cut.Find(".mud-input-helper-text.mud-input-error").TextContent);
        Assert.Equal("true", cut.Find("input").GetAttribute("aria-invalid"));
        Assert.Equal(cut.Find(".mud-input-helper-text div").Id, cut.Find("input").GetAttribute("aria-describedby"));

        cut.Find("input").Change("20");
        Assert.Equal(new decimal?[] { 20m }, _reported);
        Assert.Empty(cut.FindAll(".mud-input-error"));
    }

    [Theory]
    [InlineData("-3", 0)]
    [InlineData("-0.01", 0)]
    [InlineData("0", 0)]
    [InlineData("0.01", 0.01)]
    public void A_value_below_the_minimum_becomes_the_minimum_and_one_at_or_above_it_stays(string typed, double expected)
    {
        var cut = RenderField(350m);

        cut.Find("input").Change(typed);

        Assert.Equal(new decimal?[] { (decimal)expected }, _reported);
        Assert.Equal(((decimal)expected).ToString(CultureInfo.InvariantCulture), cut.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void The_spin_buttons_and_arrow_keys_step_by_one_and_never_below_the_minimum()
    {
        var cut = RenderField(null);

        cut.Find("button[aria-label=Increment]").Click();
        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });
        Assert.Equal(new decimal?[] { 1m, 2m }, _reported);
        Assert.Equal("2", cut.Find("input").GetAttribute("value"));

        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        cut.Find("button[aria-label=Decrement]").Click();
        cut.Find("button[aria-label=Decrement]").Click();
        Assert.Equal(new decimal?[] { 1m, 2m, 1m, 0m }, _reported);   // the second step down from 0 stays at 0: nothing to report
        Assert.Equal("0", cut.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void The_clear_button_empties_the_field()
    {
        var cut = RenderField(350m);

        cut.Find(".mud-input-clear-button").Click();

        Assert.Equal(new decimal?[] { null }, _reported);
        Assert.Equal("", cut.Find("input").GetAttribute("value") ?? "");
        Assert.Empty(cut.FindAll(".mud-input-clear-button"));
    }

    [Fact]
    public void A_new_value_from_the_page_replaces_the_text()
    {
        var cut = RenderField(350m);

        cut.Render(p => p.Add(x => x.Value, 120m));

        Assert.Equal("120", cut.Find("input").GetAttribute("value"));
    }
}

/// <summary>The same field for a reader in Chinese: MudBlazor's message in Chinese, a full-width number read as a number.</summary>
public class PlainNumericFieldChineseTests() : PortalBunitContext("zh-CN")
{
    private readonly List<decimal?> _reported = [];

    private IRenderedComponent<PlainNumericField> RenderField() =>
        Render<PlainNumericField>(p => p.Add(x => x.Value, (decimal?)null).Add(x => x.Label, "每月用电量").Add(x => x.Min, 0m)
            .Add(x => x.AdornmentText, "kWh").Add(x => x.ValueChanged, v => _reported.Add(v)));

    [Theory]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("１２３．５", 123.5)]
    [InlineData(" 80 ", 80)]
    public void A_number_is_read_in_chinese_including_full_width_digits(string typed, double expected)
    {
        var cut = RenderField();

        cut.Find("input").Change(typed);

        Assert.Equal(new decimal?[] { (decimal)expected }, _reported);
    }

    [Fact]
    public void Text_that_is_no_number_is_explained_in_chinese_and_the_buttons_are_named_in_chinese()
    {
        var cut = RenderField();

        cut.Find("input").Change("十二");

        Assert.Empty(_reported);
        Assert.Equal("不是有效的数字", cut.Find(".mud-input-helper-text.mud-input-error").TextContent);
        Assert.Equal(["增加", "减少"], cut.FindAll(".mud-input-numeric-spin button").Select(b => b.GetAttribute("aria-label")));
    }
}
