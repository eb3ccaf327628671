using Bunit;
using Portal.Components.Charts;

namespace Portal.Tests.Components.Charts;

/// <summary>Issue 20: a chart costs the circuit one component and one markup frame, whatever the number of points.</summary>
public class PortalChartTests : PortalBunitContext
{
    private static PlotSpec Days(int n) => new()
    {
        Kind = PlotKind.StackedBar,
        Labels = Enumerable.Range(0, n).Select(i => i % 7 == 0 ? $"d{i}" : "").ToArray(),
        Series = [new("Complete", Enumerable.Range(0, n).Select(i => (double?)(10 + i % 5)).ToArray()), new("Incomplete", new double?[n])],
        Unit = "kWh",
    };

    [Fact]
    public void Sixty_days_of_bars_are_one_component_with_no_event_handlers()
    {
        var cut = Render<PortalChart>(p => p.Add(c => c.Spec, Days(60)));

        Assert.Empty(cut.FindComponents<Microsoft.AspNetCore.Components.IComponent>());   // nothing below the chart itself
        Assert.Equal(60, cut.FindAll(".pm-chart-bars > rect").Count);
        Assert.DoesNotContain("blazor:on", cut.Markup);
        Assert.Contains("kWh", cut.Find(".pm-chart-unit").TextContent);
    }

    [Fact]
    public void A_spec_without_any_value_says_there_is_nothing_to_chart()
    {
        var cut = Render<PortalChart>(p => p.Add(c => c.Spec, new PlotSpec { Labels = ["a"], Series = [new("x", [null])] }));
        Assert.Empty(cut.FindAll(".pm-chart"));
        Assert.Equal(L["Chart.NoData"].Value, cut.Find("[data-testid=chart-empty]").TextContent);
    }

    [Fact]
    public void A_new_spec_redraws_the_chart()
    {
        var cut = Render<PortalChart>(p => p.Add(c => c.Spec, Days(10)));
        cut.Render(p => p.Add(c => c.Spec, Days(20)));
        Assert.Equal(20, cut.FindAll(".pm-chart-bars > rect").Count);
    }
}

/// <summary>
/// Issue 20: the circuit's first render does not send again a chart the prerendered page already holds (the prerender
/// persists the markup's hash; the circuit sends an empty slot that js/blazor-start.js fills with the prerendered chart).
/// </summary>
public class PortalChartPrerenderTests : BunitContext
{
    private readonly Bunit.TestDoubles.BunitPersistentComponentState state;

    public PortalChartPrerenderTests()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLocalization();
        state = AddBunitPersistentComponentState();
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private static PlotSpec Days(int n) => new()
    {
        Kind = PlotKind.StackedBar,
        Labels = Enumerable.Range(0, n).Select(i => i % 7 == 0 ? $"d{i}" : "").ToArray(),
        Series = [new("Complete", Enumerable.Range(0, n).Select(i => (double?)(10 + i % 5)).ToArray())],
        Unit = "kWh",
    };

    private Microsoft.Extensions.Localization.IStringLocalizer<Portal.Resources.SharedResource> L =>
        Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Portal.Resources.SharedResource>>();

    private string KeyOf(PlotSpec spec) => "pm-chart-" + PortalChart.Hash(PlotMarkup.Render(spec, L["Chart.Summary"]));

    [Fact]
    public void The_prerender_persists_the_hash_of_the_chart_it_drew_and_wraps_the_markup_in_a_slot_named_by_it()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        var spec = Days(30);

        var cut = Render<PortalChart>(p => p.Add(c => c.Spec, spec));
        state.TriggerOnPersisting();

        Assert.True(state.TryTake<bool>(KeyOf(spec), out var persisted) && persisted);
        var slot = cut.Find(".pm-chart-slot");
        Assert.Equal(KeyOf(spec)["pm-chart-".Length..], slot.GetAttribute("data-pm-chart"));
        Assert.Equal(30, slot.QuerySelectorAll(".pm-chart-bars > rect").Length);
    }

    [Fact]
    public void A_chart_the_prerender_sent_goes_to_the_circuit_as_an_empty_slot_when_the_page_script_fills_it()
    {
        var spec = Days(30);
        state.Persist(KeyOf(spec), true);
        JSInterop.Setup<bool>("portalChartFilled", _ => true).SetResult(true);

        var cut = Render<PortalChart>(p => p.Add(c => c.Spec, spec));

        var slot = cut.Find(".pm-chart-slot");
        Assert.Equal(KeyOf(spec)["pm-chart-".Length..], slot.GetAttribute("data-pm-chart"));
        Assert.Empty(slot.Children);
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "portalChartFilled");
    }

    [Fact]
    public void A_slot_the_page_script_left_empty_gets_its_markup_from_the_server()
    {
        var spec = Days(30);
        state.Persist(KeyOf(spec), true);
        JSInterop.Setup<bool>("portalChartFilled", _ => true).SetResult(false);

        var cut = Render<PortalChart>(p => p.Add(c => c.Spec, spec));

        cut.WaitForAssertion(() => Assert.Equal(30, cut.FindAll(".pm-chart-slot .pm-chart-bars > rect").Count));
    }

    [Fact]
    public void A_chart_whose_markup_differs_from_the_prerendered_one_is_sent_in_full()
    {
        state.Persist(KeyOf(Days(29)), true);   // the prerender drew other data (a reading arrived in between)

        var cut = Render<PortalChart>(p => p.Add(c => c.Spec, Days(30)));

        Assert.Equal(30, cut.FindAll(".pm-chart-slot .pm-chart-bars > rect").Count);
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "portalChartFilled");
    }

    [Fact]
    public void A_new_spec_after_an_adopted_chart_is_sent_in_full()
    {
        var spec = Days(30);
        state.Persist(KeyOf(spec), true);
        JSInterop.Setup<bool>("portalChartFilled", _ => true).SetResult(true);
        var cut = Render<PortalChart>(p => p.Add(c => c.Spec, spec));

        cut.Render(p => p.Add(c => c.Spec, Days(20)));

        Assert.Equal(20, cut.FindAll(".pm-chart-slot .pm-chart-bars > rect").Count);
    }
}
