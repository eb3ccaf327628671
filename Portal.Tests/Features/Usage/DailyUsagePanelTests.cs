using Bunit;
using Portal.Domain.Usage;
using Portal.Features.Usage;

namespace Portal.Tests.Features.Usage;

/// <summary>The daily chart shows gaps honestly: missing days are counted and listed, never drawn as real zeros.</summary>
public class DailyUsagePanelTests : PortalBunitContext
{
    private static readonly DateOnly Last = new(2026, 3, 31);

    private static List<DailyTotal> TenDays(params int[] absent) =>
        Enumerable.Range(0, 10).Select(i => Last.AddDays(-9 + i)).Where(d => !absent.Contains(d.Day))
            .Select(d => d.Day switch
            {
                25 => new DailyTotal(d, 4m, 8, 0),   // incomplete
                26 => new DailyTotal(d, 9m, 0, 96),  // estimated
                _ => new DailyTotal(d, 10m, 0, 0),
            }).ToList();

    [Fact]
    public void Missing_and_incomplete_days_are_counted_under_the_chart()
    {
        var cut = Render<DailyUsagePanel>(p => p.Add(x => x.Daily, TenDays(absent: [23, 24])).Add(x => x.Days, 10));
        Assert.NotNull(cut.Find("[data-testid=chart-daily] svg"));
        Assert.Equal(L["Usage.DailyGaps", 2, 2].Value, cut.Find("[data-testid=daily-gaps]").TextContent.Trim());
    }

    [Fact]
    public void The_table_lists_every_calendar_day_with_its_status_and_no_kwh_for_a_missing_day()
    {
        var cut = Render<DailyUsagePanel>(p => p.Add(x => x.Daily, TenDays(absent: [23])).Add(x => x.Days, 10));
        cut.Find("[data-testid=chart-daily] input[type=checkbox]").Change(true);

        var rows = cut.FindAll("[data-testid=chart-table] tbody tr");
        Assert.Equal(10, rows.Count);
        var missing = rows.Single(r => r.GetAttribute("data-status") == nameof(DayDataStatus.Missing));
        Assert.Contains(Portal.Components.Shared.Format.Date(new DateOnly(2026, 3, 23)), missing.TextContent);
        Assert.Contains("—", missing.TextContent);
        Assert.Contains(L["DayDataStatus.Missing"].Value, missing.TextContent);
        Assert.Single(rows, r => r.GetAttribute("data-status") == nameof(DayDataStatus.Partial));
        Assert.Single(rows, r => r.GetAttribute("data-status") == nameof(DayDataStatus.Estimated));
    }

    [Fact]
    public void A_period_without_gaps_says_nothing_about_gaps()
    {
        var complete = Enumerable.Range(0, 10).Select(i => new DailyTotal(Last.AddDays(-9 + i), 10m, 0, 0)).ToList();
        var cut = Render<DailyUsagePanel>(p => p.Add(x => x.Daily, complete).Add(x => x.Days, 10));
        Assert.Empty(cut.FindAll("[data-testid=daily-gaps]"));
    }
}
