using Bunit;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Portal.Features.Tariffs;

namespace Portal.Tests.Features.Tariffs;

public class RecommendationCardTests : PortalBunitContext
{
    private static PackageOption Option(decimal annual, decimal saving, params CostDriver[] drivers) =>
        new(new PackageCost("XJ-RES-TOU", 3, new Money(annual), []), new Money(saving), drivers);

    private static CostDriver Driver(TouPeriod period, decimal current, decimal candidate) =>
        new(CostComponent.Energy, period, null, 100m, new Money(current), new Money(candidate));

    [Fact]
    public void A_cheaper_package_shows_its_annual_cost_and_the_yearly_saving()
    {
        var cut = Render<RecommendationCard>(p => p.Add(c => c.Option, Option(1234.5m, 210m)).Add(c => c.Name, "Residential TOU").Add(c => c.IsBest, true));
        Assert.Contains("Residential TOU", cut.Markup);
        Assert.Equal("¥1,234.50", cut.Find("[data-testid=annual-cost]").TextContent.Trim());
        Assert.Equal("Saves ¥210.00 a year", cut.Find("[data-testid=saving]").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid=best-chip]"));
    }

    [Fact]
    public void A_dearer_package_says_how_much_more_it_costs_and_is_never_marked_best()
    {
        var cut = Render<RecommendationCard>(p => p.Add(c => c.Option, Option(1500m, -0.01m)).Add(c => c.Name, "Green").Add(c => c.IsBest, true));
        Assert.Equal("Costs ¥0.01 more a year", cut.Find("[data-testid=saving]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=best-chip]"));
    }

    [Fact]
    public void A_package_at_the_same_cost_says_so()
    {
        var cut = Render<RecommendationCard>(p => p.Add(c => c.Option, Option(1500m, 0m)).Add(c => c.Name, "Same"));
        Assert.Equal("Costs the same as your current package", cut.Find("[data-testid=saving]").TextContent.Trim());
    }

    [Fact]
    public void The_three_largest_non_zero_drivers_explain_the_difference()
    {
        var option = Option(1000m, 100m,
            Driver(TouPeriod.Valley, 100m, 40m), Driver(TouPeriod.Peak, 300m, 280m), Driver(TouPeriod.Flat, 200m, 195m),
            Driver(TouPeriod.CriticalPeak, 50m, 49m), Driver(TouPeriod.DeepValley, 10m, 10m));
        var cut = Render<RecommendationCard>(p => p.Add(c => c.Option, option).Add(c => c.Name, "TOU"));
        var items = cut.FindAll("[data-testid=drivers] li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, items.Count);
        Assert.StartsWith("Valley energy: ¥100.00 → ¥40.00", items[0]);
        Assert.Contains("(−¥60.00)", items[0]);
        Assert.StartsWith("Peak energy", items[1]);
        Assert.StartsWith("Flat energy", items[2]);
    }

    [Fact]
    public void Apply_passes_the_package_code_and_is_hidden_when_switching_is_not_allowed()
    {
        string? applied = null;
        var cut = Render<RecommendationCard>(p => p.Add(c => c.Option, Option(1000m, 10m)).Add(c => c.Name, "TOU")
            .Add(c => c.CanApply, true).Add(c => c.OnApply, (string code) => applied = code));
        cut.Find("button").Click();
        Assert.Equal("XJ-RES-TOU", applied);

        var blocked = Render<RecommendationCard>(p => p.Add(c => c.Option, Option(1000m, 10m)).Add(c => c.Name, "TOU").Add(c => c.CanApply, false));
        Assert.Empty(blocked.FindAll("button"));
    }
}

public class BillStatusChipTests : PortalBunitContext
{
    private static BillRow Bill(BillStatus status, DateOnly due) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "1000001", new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), due, "XJ-RES-TIER", 100m, 50m, 0m, status);

    [Theory]
    [InlineData(0, "Unpaid")]    // due today: not overdue yet
    [InlineData(-1, "Overdue")]  // due yesterday
    public void An_unpaid_bill_is_overdue_only_after_its_due_date(int dueOffsetDays, string expected)
    {
        var today = new DateOnly(2026, 10, 18);
        var cut = Render<BillStatusChip>(p => p.Add(c => c.Bill, Bill(BillStatus.Issued, today.AddDays(dueOffsetDays))).Add(c => c.Today, today));
        Assert.Equal(expected, cut.Find("[data-testid=bill-status]").TextContent.Trim());
    }

    [Fact]
    public void A_paid_bill_is_paid_whatever_the_date()
    {
        var today = new DateOnly(2026, 10, 18);
        var cut = Render<BillStatusChip>(p => p.Add(c => c.Bill, Bill(BillStatus.Paid, today.AddDays(-30))).Add(c => c.Today, today));
        Assert.Equal("Paid", cut.Find("[data-testid=bill-status]").TextContent.Trim());
    }

    [Theory]
    [InlineData(BillStatus.Paid, -30, "mud-chip-color-success")]
    [InlineData(BillStatus.Issued, 0, "mud-chip-color-warning")]
    [InlineData(BillStatus.Issued, -1, "mud-chip-color-error")]
    public void The_chip_keeps_its_colour_in_plain_markup(BillStatus status, int dueOffsetDays, string colour)
    {
        var today = new DateOnly(2026, 10, 18);
        var cut = Render<BillStatusChip>(p => p.Add(c => c.Bill, Bill(status, today.AddDays(dueOffsetDays))).Add(c => c.Today, today));
        var chip = cut.Find("[data-testid=bill-status]");
        Assert.Contains("mud-chip", chip.ClassList);
        Assert.Contains(colour, chip.ClassList);
    }
}
