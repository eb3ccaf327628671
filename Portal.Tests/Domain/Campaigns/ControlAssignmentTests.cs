using Portal.Domain.Campaigns;

namespace Portal.Tests.Domain.Campaigns;

public class ControlAssignmentTests
{
    private static readonly Guid Campaign = Guid.Parse("11111111-2222-3333-4444-555555555555");

    [Fact]
    public void The_bucket_is_a_known_value_computed_outside_dotnet_so_it_is_the_same_in_every_process()
    {
        // SHA-256 over the two ids' Guid.ToByteArray() bytes, first eight bytes little-endian, mod 10,000 — computed
        // independently with Python's hashlib and uuid.bytes_le.
        Assert.Equal(2897, ControlAssignment.Bucket(Campaign, Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")));
        Assert.Equal(8942, ControlAssignment.Bucket(Campaign, Guid.Parse("00000000-0000-0000-0000-000000000001")));
    }

    [Fact]
    public void Control_group_assignment_never_changes_for_an_account()
    {
        var accounts = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToList();
        var first = accounts.Select(a => ControlAssignment.Assign(Campaign, a, 10)).ToList();
        for (var round = 0; round < 3; round++)
            Assert.Equal(first, accounts.Select(a => ControlAssignment.Assign(Campaign, a, 10)).ToList());
    }

    [Fact]
    public void The_control_share_is_a_threshold_on_the_bucket_tested_on_both_sides()
    {
        var bucket999 = Guid.Parse("00000000-0000-0000-0000-0000000017d4");
        var bucket1000 = Guid.Parse("00000000-0000-0000-0000-000000005b1a");
        Assert.Equal(999, ControlAssignment.Bucket(Campaign, bucket999));
        Assert.Equal(1000, ControlAssignment.Bucket(Campaign, bucket1000));
        Assert.Equal(CampaignGroup.Control, ControlAssignment.Assign(Campaign, bucket999, 10));
        Assert.Equal(CampaignGroup.Treatment, ControlAssignment.Assign(Campaign, bucket1000, 10));
        Assert.Equal(CampaignGroup.Control, ControlAssignment.Assign(Campaign, bucket1000, 11));
    }

    [Fact]
    public void About_ten_percent_of_ten_thousand_accounts_land_in_control()
    {
        // Sequential ids, the least random input there is: the hash must still spread them.
        var control = Enumerable.Range(1, 10_000).Count(i => ControlAssignment.Assign(Campaign, new Guid(i, 0, 0, new byte[8]), 10) == CampaignGroup.Control);
        Assert.InRange(control, 800, 1200);
    }

    [Fact]
    public void The_same_account_can_be_control_in_one_campaign_and_offered_in_another()
    {
        var account = Guid.Parse("00000000-0000-0000-0000-0000000017d4");
        var groups = Enumerable.Range(0, 200).Select(i => ControlAssignment.Assign(new Guid(i, 1, 1, new byte[8]), account, 10)).Distinct().ToList();
        Assert.Equal(2, groups.Count);
    }
}
