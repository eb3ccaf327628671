using Portal.Domain.Campaigns;

namespace Portal.Tests.Domain.Campaigns;

/// <summary>Hand-checked against the published tables: Newcombe (1998), Statistics in Medicine 17, 873–890, table II, method 10.</summary>
public class UptakeStatisticsTests
{
    [Fact]
    public void The_Wilson_interval_of_81_out_of_263_is_the_textbook_one()
    {
        var w = UptakeStatistics.Wilson(81, 263);
        Assert.Equal(0.3080, w.Rate, 4);
        Assert.Equal(0.2553, w.Low, 4);
        Assert.Equal(0.3662, w.High, 4);
    }

    [Fact]
    public void The_Wilson_interval_stays_inside_zero_to_one_at_the_extremes()
    {
        var none = UptakeStatistics.Wilson(0, 10);
        Assert.Equal(0, none.Low);
        Assert.Equal(0.2775, none.High, 4);
        var all = UptakeStatistics.Wilson(10, 10);
        Assert.Equal(1, all.High);
        Assert.Equal(0.7225, all.Low, 4);
    }

    [Theory]
    [InlineData(56, 70, 48, 80, 0.2000, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.6000, 0.1705, 0.8090)]
    [InlineData(6, 7, 2, 7, 0.5714, 0.0582, 0.8062)]
    [InlineData(5, 56, 0, 29, 0.0893, -0.0381, 0.1926)]
    public void Newcombes_interval_for_the_difference_matches_his_published_examples(int x1, int n1, int x2, int n2, double d, double low, double high)
    {
        var e = UptakeStatistics.Difference(x1, n1, x2, n2)!.Value;
        Assert.Equal(d, e.Difference, 4);
        Assert.Equal(low, e.Low, 4);
        Assert.Equal(high, e.High, 4);
    }

    [Fact]
    public void A_difference_is_significant_only_when_the_whole_interval_lies_above_zero()
    {
        Assert.True(UptakeStatistics.Difference(56, 70, 48, 80)!.Value.Significant);
        Assert.False(UptakeStatistics.Difference(5, 56, 0, 29)!.Value.Significant);
    }

    [Fact]
    public void Without_a_control_group_there_is_no_difference_to_state()
    {
        Assert.Null(UptakeStatistics.Difference(3, 10, 0, 0));
    }
}
