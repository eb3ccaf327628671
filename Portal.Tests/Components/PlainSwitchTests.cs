using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Portal.Components.Shared;

namespace Portal.Tests.Components;

/// <summary>Issue 20: MudSwitch's markup without MudSwitch keeps the label, the switch role, the state and the keys.</summary>
public class PlainSwitchTests : PortalBunitContext
{
    private bool _value;

    private IRenderedComponent<PlainSwitch> RenderSwitch(bool value)
    {
        _value = value;
        return Render<PlainSwitch>(p => p.Add(x => x.Value, value).Add(x => x.Label, "Table").Add(x => x.TestId, "table-toggle")
            .Add(x => x.ValueChanged, v => _value = v));
    }

    [Fact]
    public void An_off_switch_is_a_labelled_unchecked_checkbox_with_the_switch_role_and_mud_switch_look()
    {
        var cut = RenderSwitch(false);

        var input = cut.Find("label.mud-switch input[type=checkbox][role=switch]");
        Assert.Equal("false", input.GetAttribute("aria-checked"));
        Assert.False(input.HasAttribute("checked"));
        Assert.Equal("table-toggle", input.GetAttribute("data-testid"));
        Assert.Equal("Table", cut.Find("label.mud-switch").TextContent.Trim());   // the label wraps the input: its accessible name
        Assert.Contains("mud-default-text", cut.Find(".mud-switch-base").ClassName);
        Assert.Contains("mud-default", cut.Find(".mud-switch-track").ClassName);
    }

    [Fact]
    public void An_on_switch_is_checked_and_drawn_in_the_primary_colour()
    {
        var cut = RenderSwitch(true);

        var input = cut.Find("input[role=switch]");
        Assert.Equal("true", input.GetAttribute("aria-checked"));
        Assert.True(input.HasAttribute("checked"));
        Assert.Contains("mud-checked", cut.Find(".mud-switch-base").ClassName);
        Assert.Contains("mud-primary", cut.Find(".mud-switch-track").ClassName);
    }

    [Fact]
    public void Changing_the_checkbox_reports_the_new_value_and_redraws_the_switch()
    {
        var cut = RenderSwitch(false);

        cut.Find("input[role=switch]").Change(true);

        Assert.True(_value);
        Assert.Equal("true", cut.Find("input[role=switch]").GetAttribute("aria-checked"));
    }

    [Fact]
    public void Enter_turns_the_switch_on_and_Delete_turns_it_off_as_with_MudSwitch()
    {
        var cut = RenderSwitch(false);

        cut.Find("label.mud-switch").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        Assert.True(_value);
        cut.Find("label.mud-switch").KeyDown(new KeyboardEventArgs { Key = "Delete" });
        Assert.False(_value);
    }
}
