using Portal.Infrastructure.Localization;
using Portal.Tests.TestSupport;

namespace Portal.Tests.Components;

public class PluralTextTests : PortalBunitContext
{
    [Theory]
    [InlineData(0, "0 requests")]
    [InlineData(1, "1 request")]
    [InlineData(2, "2 requests")]
    [InlineData(21, "21 requests")]
    public void English_uses_the_singular_for_exactly_one(long count, string expected) =>
        Assert.Equal(expected, L.Plural("ServiceQueue.Count", count).Value);

    [Fact]
    public void The_count_picks_the_form_while_other_values_fill_the_text() =>
        Assert.Equal("Inspection XJ-7 recorded with 1 hazard", L.Plural("FieldOps.InspectionRecorded", 1, "XJ-7", 1).Value);

    [Fact]
    public void A_text_without_a_singular_twin_is_used_for_one_too() =>
        Assert.Equal("Repeat complaint (1 earlier within 30 days): Normal → High",
            L.Plural("Routing.Overlay.RepeatComplaint", 1, "1", "30", "Normal", "High").Value);

    [Fact]
    public void A_missing_key_stays_reported_as_missing() =>
        Assert.True(L.Plural("No.Such.Key", 1).ResourceNotFound);
}

public class PluralTextChineseTests() : PortalBunitContext("zh-CN")
{
    [Theory]
    [InlineData(1, "共 1 条申请")]
    [InlineData(2, "共 2 条申请")]
    public void Chinese_has_one_form(long count, string expected) =>
        Assert.Equal(expected, L.Plural("ServiceQueue.Count", count).Value);
}
