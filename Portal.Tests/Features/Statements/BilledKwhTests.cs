using System.Globalization;
using Portal.Components.Shared;
using Portal.Domain.Common;
using Portal.Domain.Statements;
using Portal.Domain.Tariffs;
using Portal.Features.Statements;
using Portal.Features.Tariffs;

namespace Portal.Tests.Features.Statements;

/// <summary>
/// The bill page once printed 1,722.529 kWh where the statement PDF printed 1,722.53 for the same energy; a customer
/// comparing the two sees two readings. Both now go through one rule.
/// </summary>
public class BilledKwhTests : PortalBunitContext
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public void Billed_energy_is_shown_to_two_decimals_in_both_languages(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            Assert.Equal("1,722.53", Format.BilledKwh(1722.529m));
            Assert.Equal("240.00", Format.BilledKwh(240m));
        }
        finally { CultureInfo.CurrentCulture = previous; }
    }

    [Fact]
    public void A_statements_energy_line_prints_its_quantity_as_the_bill_page_does()
    {
        var line = new StatementLine("energy", StatementLineKind.Energy, null, null, null, null, 1722.529m, "kWh", 0.568m, 978.40m);
        Assert.Equal(Format.BilledKwh(line.Quantity), StatementText.Quantity(line));
    }

    [Fact]
    public void The_bill_pages_daily_use_follows_the_same_rule()
    {
        var reason = new BillChangeReason(BillChangeReasonKind.Usage, Money.Of(148m), 39.643m, 57.418m);
        Assert.Equal("Daily use: 39.64 → 57.42 kWh a day", TariffText.Reason(L, reason));
    }
}
