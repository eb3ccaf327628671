using Portal.Domain.Campaigns;
using Portal.Domain.Common;

namespace Portal.Tests.Domain.Campaigns;

public class CampaignTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);

    private static (Campaign, IReadOnlyList<CampaignTarget>) Launch(int control = 10, int days = 30, string name = "Winter audit", int accounts = 200) =>
        Campaign.Launch(Guid.Parse("11111111-2222-3333-4444-555555555555"), name, CampaignOfferKind.Service, "energy-audit",
            TargetFilter.Parse("heating=yes"), 7, control, days, "admin-1", "admin@demo.local", null, Now,
            Enumerable.Range(1, accounts).Select(i => new CandidateAccount(new Guid(i, 0, 0, new byte[8]), "WinterHeater", null)));

    [Fact]
    public void Launch_freezes_every_account_with_the_group_the_hash_gives_it()
    {
        var (campaign, targets) = Launch();
        Assert.Equal(200, targets.Count);
        Assert.All(targets, t => Assert.Equal(ControlAssignment.Assign(campaign.Id, t.AccountId, 10), t.Group));
        Assert.Equal(targets.Count(t => t.Group == CampaignGroup.Control), campaign.ControlCount);
        Assert.Equal(200 - campaign.ControlCount, campaign.TreatmentCount);
        Assert.Equal(Now.AddDays(30), campaign.EndsAtUtc);
        Assert.Equal("heating=yes", campaign.Filter);
    }

    [Theory]
    [InlineData(4, 30, "Campaign.ControlShare")]
    [InlineData(51, 30, "Campaign.ControlShare")]
    [InlineData(10, 6, "Campaign.DaysInvalid")]
    [InlineData(10, 181, "Campaign.DaysInvalid")]
    public void The_control_share_and_the_length_have_limits(int control, int days, string code)
    {
        Assert.Equal(code, Assert.Throws<DomainException>(() => Launch(control, days)).Code);
    }

    [Theory]
    [InlineData(5, 7)]
    [InlineData(50, 180)]
    public void The_limits_themselves_are_allowed(int control, int days)
    {
        var (campaign, _) = Launch(control, days);
        Assert.Equal(control, campaign.ControlPercent);
    }

    [Fact]
    public void A_campaign_needs_a_name_and_at_least_one_account()
    {
        Assert.Equal("Campaign.NameRequired", Assert.Throws<DomainException>(() => Launch(name: "  ")).Code);
        Assert.Equal("Campaign.NoTargets", Assert.Throws<DomainException>(() => Launch(accounts: 0)).Code);
    }

    [Fact]
    public void An_answer_is_final_and_control_cannot_answer()
    {
        var (_, targets) = Launch();
        var offered = targets.First(t => t.Group == CampaignGroup.Treatment);
        offered.Accept("u1", Now, Guid.NewGuid());
        Assert.Equal(TargetResponse.Accepted, offered.Response);
        Assert.Equal("Campaign.AlreadyAnswered", Assert.Throws<DomainException>(() => offered.Dismiss("u1", Now)).Code);
        var control = targets.First(t => t.Group == CampaignGroup.Control);
        Assert.Equal("Campaign.NotOffered", Assert.Throws<DomainException>(() => control.Accept("u2", Now, null)).Code);
        Assert.False(control.MarkViewed(Now));
    }

    [Fact]
    public void Only_the_first_view_is_recorded()
    {
        var (_, targets) = Launch();
        var offered = targets.First(t => t.Group == CampaignGroup.Treatment);
        Assert.True(offered.MarkViewed(Now));
        Assert.False(offered.MarkViewed(Now.AddHours(1)));
        Assert.Equal(Now, offered.FirstViewedAtUtc);
    }
}
