using Portal.Domain.Campaigns;
using Portal.Domain.Common;

namespace Portal.Tests.Domain.Campaigns;

public class TargetFilterTests
{
    private static readonly string[] Account = ["region=chengbei", "heating=yes", "level=2", "segment=WinterHeater", "type=Residential"];

    [Fact]
    public void An_account_matches_when_it_has_every_item_of_the_filter()
    {
        Assert.True(TargetFilter.Of(["region=chengbei", "heating=yes"]).Matches(Account));
        Assert.False(TargetFilter.Of(["region=chengbei", "heating=no"]).Matches(Account));
        Assert.False(TargetFilter.Of(["tier=A"]).Matches(Account));
    }

    [Fact]
    public void An_empty_filter_matches_every_account()
    {
        Assert.True(TargetFilter.Everyone.Matches(Account));
        Assert.True(TargetFilter.Parse("").Matches([]));
    }

    [Fact]
    public void A_rule_antecedent_is_a_filter_as_it_stands_and_round_trips_in_a_stable_order()
    {
        var filter = TargetFilter.Parse("region=chengbei&heating=yes");
        Assert.Equal("heating=yes&region=chengbei", filter.ToString());
        Assert.Equal(filter, TargetFilter.Parse(filter.ToString()));
    }

    [Theory]
    [InlineData("colour=blue", "Campaign.FilterInvalid")]
    [InlineData("region=", "Campaign.FilterInvalid")]
    [InlineData("region=a&region=b", "Campaign.FilterConflict")]
    public void A_filter_names_known_attributes_once_each(string text, string code)
    {
        Assert.Equal(code, Assert.Throws<DomainException>(() => TargetFilter.Parse(text)).Code);
    }
}
