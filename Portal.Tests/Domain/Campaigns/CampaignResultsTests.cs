using Portal.Domain.Campaigns;

namespace Portal.Tests.Domain.Campaigns;

public class CampaignResultsTests
{
    private static IEnumerable<TargetOutcome> Many(int n, CampaignGroup g, string? segment, bool viewed, TargetResponse r, bool organic) =>
        Enumerable.Repeat(new TargetOutcome(g, segment, viewed, r, organic), n);

    [Fact]
    public void Uptake_counts_acceptances_and_organic_follow_ups_in_both_arms_alike()
    {
        // Treatment 70: 50 accepted, 6 took it up on their own after dismissing, 14 nothing; control 80: 48 organic.
        var targets = Many(50, CampaignGroup.Treatment, "A", true, TargetResponse.Accepted, true)
            .Concat(Many(6, CampaignGroup.Treatment, "A", true, TargetResponse.Dismissed, true))
            .Concat(Many(14, CampaignGroup.Treatment, "B", false, TargetResponse.None, false))
            .Concat(Many(48, CampaignGroup.Control, "A", false, TargetResponse.None, true))
            .Concat(Many(32, CampaignGroup.Control, "B", false, TargetResponse.None, false)).ToList();

        var total = CampaignResults.Summarize(targets).Total;

        Assert.Equal((70, 80, 56, 50, 6), (total.Treatment, total.Control, total.Views, total.Acceptances, total.Dismissals));
        Assert.Equal((56, 70), (total.TreatmentUptake.Successes, total.TreatmentUptake.Total));
        Assert.Equal((48, 80), (total.ControlUptake.Successes, total.ControlUptake.Total));
        // Newcombe's first example: 56/70 against 48/80.
        Assert.Equal(0.0524, total.Lift!.Value.Low, 4);
        Assert.Equal(0.3339, total.Lift!.Value.High, 4);
    }

    [Fact]
    public void Results_are_split_by_segment_largest_first()
    {
        var targets = Many(3, CampaignGroup.Treatment, "A", true, TargetResponse.Accepted, true)
            .Concat(Many(5, CampaignGroup.Treatment, null, false, TargetResponse.None, false))
            .Concat(Many(1, CampaignGroup.Control, "A", false, TargetResponse.None, false)).ToList();

        var segments = CampaignResults.Summarize(targets).BySegment;

        Assert.Equal([null, "A"], segments.Select(s => s.Segment));
        Assert.Equal(3, segments[1].Acceptances);
        Assert.Null(segments[0].Lift);
        Assert.NotNull(segments[1].Lift);
    }

    [Fact]
    public void Expected_acceptances_apply_the_previous_uptake_to_the_new_size_or_say_none()
    {
        Assert.Equal(25, CampaignResults.ExpectedAcceptances(100, UptakeStatistics.Wilson(1, 4)));
        Assert.Null(CampaignResults.ExpectedAcceptances(100, null));
        Assert.Null(CampaignResults.ExpectedAcceptances(100, UptakeStatistics.Wilson(0, 0)));
    }
}
