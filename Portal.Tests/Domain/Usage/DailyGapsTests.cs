using Portal.Domain.Usage;
using Xunit;

namespace Portal.Tests.Domain.Usage;

public class DailyGapsTests
{
    private static readonly DateOnly Mon = new(2026, 3, 2);

    [Fact]
    public void Every_calendar_day_of_the_range_appears_once_and_a_day_without_a_row_is_missing_not_zero()
    {
        var points = DailyGaps.Fill([new DailyTotal(Mon, 10m, 0, 0), new DailyTotal(Mon.AddDays(2), 12m, 0, 0)], Mon, Mon.AddDays(2));

        Assert.Equal([Mon, Mon.AddDays(1), Mon.AddDays(2)], points.Select(p => p.Date));
        Assert.Equal(DayDataStatus.Missing, points[1].Status);
        Assert.Null(points[1].Kwh);
        Assert.Equal([DayDataStatus.Complete, DayDataStatus.Missing, DayDataStatus.Complete], points.Select(p => p.Status));
    }

    [Theory]
    [InlineData(0, 0, 5.0, DayDataStatus.Complete)]
    [InlineData(0, 1, 5.0, DayDataStatus.Estimated)]   // one estimated interval is enough to say so
    [InlineData(1, 0, 5.0, DayDataStatus.Partial)]     // one missing interval: the total is too low
    [InlineData(1, 3, 5.0, DayDataStatus.Partial)]     // missing wins over estimated
    [InlineData(96, 0, 0.0, DayDataStatus.Missing)]    // a stored day with nothing measured is no data
    [InlineData(0, 0, 0.0, DayDataStatus.Complete)]    // a measured zero is a real zero
    public void A_stored_day_is_marked_by_its_missing_and_estimated_intervals(int missing, int estimated, double kwh, DayDataStatus expected)
    {
        var point = DailyGaps.Fill([new DailyTotal(Mon, (decimal)kwh, missing, estimated)], Mon, Mon).Single();
        Assert.Equal(expected, point.Status);
        Assert.Equal(expected == DayDataStatus.Missing ? null : (decimal)kwh, point.Kwh);
    }

    [Fact]
    public void Days_outside_the_range_are_left_out()
    {
        var points = DailyGaps.Fill([new DailyTotal(Mon.AddDays(-1), 1m, 0, 0), new DailyTotal(Mon, 2m, 0, 0), new DailyTotal(Mon.AddDays(1), 3m, 0, 0)], Mon, Mon);
        Assert.Equal(2m, Assert.Single(points).Kwh);
    }
}
