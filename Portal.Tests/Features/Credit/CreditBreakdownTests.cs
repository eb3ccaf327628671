using Bunit;
using Portal.Domain.Credit;
using Portal.Features.Credit;

namespace Portal.Tests.Features.Credit;

public class CreditBreakdownTests : PortalBunitContext
{
    private static readonly IReadOnlyList<CreditBreakdownRow> Rows =
    [
        new(CreditIndicator.PaymentTimeliness, 92.5m, 40m, 37m, []),
        new(CreditIndicator.UsageSafetyRisk, 100m, 25m, 25m, []),
        new(CreditIndicator.Contribution, 85m, 10m, 8.5m, []),
        new(CreditIndicator.VoltageAndCapacity, 80m, 10m, 8m, []),
        new(CreditIndicator.HazardRectification, 70m, 15m, 10.5m, []),
    ];

    [Fact]
    public void Shows_a_chart_first_and_the_same_numbers_as_a_table_on_request()
    {
        var cut = Render<CreditBreakdown>(p => p.Add(c => c.Rows, Rows));
        Assert.Empty(cut.FindAll("table"));
        Assert.NotEmpty(cut.FindAll(".pm-chart"));

        cut.Find("input[type=checkbox]").Change(true);

        var rows = cut.FindAll("tr[data-indicator]");
        Assert.Equal(5, rows.Count);
        Assert.Contains("37", cut.Find("tr[data-indicator=PaymentTimeliness]").TextContent);
        Assert.Contains("10.5", cut.Find("tr[data-indicator=HazardRectification]").TextContent);
        Assert.Contains("89", cut.FindAll("tr").Last().TextContent); // 37 + 25 + 8.5 + 8 + 10.5
    }

    [Fact]
    public void Says_what_to_expect_when_there_is_no_score_yet()
    {
        var cut = Render<CreditBreakdown>(p => p.Add(c => c.Rows, []));
        Assert.Empty(cut.FindAll(".pm-chart"));
        Assert.Contains(L["Credit.BreakdownEmpty"].Value, cut.Markup);
        Assert.NotEqual("Credit.BreakdownEmpty", L["Credit.BreakdownEmpty"].Value);
    }
}
