using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Portal.Components.Shared;

namespace Portal.Tests.Components;

/// <summary>
/// Issue 20: the usage page's day picker starts as MudDatePicker's field markup (no picker components in the first render)
/// and becomes the real MudDatePicker, opened, when the user clicks it or presses an opening key.
/// </summary>
public class DeferredDatePickerTests : PortalBunitContext
{
    internal static readonly DateTime Day = new(2026, 12, 5);

    private IRenderedComponent<MudPopoverProvider> _popovers = default!;

    private IRenderedComponent<DeferredDatePicker> RenderPicker(Action<DateTime?>? changed = null)
    {
        _popovers = Render<MudPopoverProvider>();
        return Render<DeferredDatePicker>(p => p.Add(x => x.Label, "Day").Add(x => x.Date, Day).Add(x => x.Class, "pm-usage-datepicker")
            .Add(x => x.MinDate, new DateTime(2025, 1, 1)).Add(x => x.MaxDate, new DateTime(2026, 12, 6)).Add(x => x.DateChanged, changed ?? (_ => { })));
    }

    [Fact]
    public void Before_it_is_used_the_picker_is_its_labelled_field_with_the_date_as_mud_date_picker_shows_it_and_no_picker_component()
    {
        var cut = RenderPicker();

        var input = cut.Find("input[readonly]");
        Assert.Equal("Day", cut.Find($"label[for='{input.Id}']").TextContent);
        var real = Render<MudDatePicker>(p => p.Add(x => x.Label, "Day").Add(x => x.Date, Day).Add(x => x.Editable, false));
        Assert.Equal(real.Find("input").GetAttribute("value"), input.GetAttribute("value"));
        Assert.Equal(real.Find(".mud-picker").ClassName!.Replace(" pm-usage-datepicker", ""), cut.Find(".mud-picker").ClassName!.Replace(" pm-usage-datepicker", ""));
        Assert.Equal("Open", cut.Find(".mud-input-adornment button").GetAttribute("aria-label"));
        Assert.Empty(cut.FindComponents<MudDatePicker>());
    }

    [Fact]
    public void A_click_turns_it_into_the_real_date_picker_opened()
    {
        var cut = RenderPicker();

        cut.Find("input").Click();

        Assert.Single(cut.FindComponents<MudDatePicker>());
        _popovers.WaitForAssertion(() => Assert.NotEmpty(_popovers.FindAll(".mud-popover-open .mud-picker-calendar-content")));
    }

    [Theory]
    [InlineData("Enter")]
    [InlineData(" ")]
    [InlineData("ArrowDown")]
    public void An_opening_key_turns_it_into_the_real_date_picker_opened(string key)
    {
        var cut = RenderPicker();

        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = key });

        Assert.Single(cut.FindComponents<MudDatePicker>());
        _popovers.WaitForAssertion(() => Assert.NotEmpty(_popovers.FindAll(".mud-popover-open .mud-picker-calendar-content")));
    }

    [Fact]
    public void Tab_leaves_it_as_it_is()
    {
        var cut = RenderPicker();

        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Tab" });

        Assert.Empty(cut.FindComponents<MudDatePicker>());
    }

    [Fact]
    public void A_day_picked_in_the_real_picker_reaches_the_page()
    {
        DateTime? picked = null;
        var cut = RenderPicker(d => picked = d);
        cut.Find(".mud-input-adornment button").Click();

        _popovers.WaitForElement(".mud-popover-open .mud-picker-calendar-content");
        _popovers.FindAll(".mud-picker-calendar-day:not(.mud-hidden):not([disabled])").First(b => b.TextContent.Trim() == "3").Click();

        Assert.Equal(new DateTime(2026, 12, 3), picked);
    }
}

/// <summary>The field's text in Chinese is the one MudDatePicker shows in Chinese.</summary>
public class DeferredDatePickerChineseTests() : PortalBunitContext("zh-CN")
{
    [Fact]
    public void The_date_reads_as_mud_date_picker_writes_it_in_chinese()
    {
        var cut = Render<DeferredDatePicker>(p => p.Add(x => x.Label, "日期").Add(x => x.Date, DeferredDatePickerTests.Day));
        var real = Render<MudDatePicker>(p => p.Add(x => x.Label, "日期").Add(x => x.Date, DeferredDatePickerTests.Day).Add(x => x.Editable, false));

        Assert.Equal(real.Find("input").GetAttribute("value"), cut.Find("input").GetAttribute("value"));
        Assert.Equal("打开日历", cut.Find(".mud-input-adornment button").GetAttribute("aria-label"));
    }
}
