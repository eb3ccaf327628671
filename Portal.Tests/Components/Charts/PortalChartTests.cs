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
