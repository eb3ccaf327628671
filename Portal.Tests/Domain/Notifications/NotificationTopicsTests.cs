using System.Xml.Linq;
using Portal.Domain.Notifications;

namespace Portal.Tests.Domain.Notifications;

public class NotificationTopicsTests
{
    [Fact]
    public void Every_kind_the_bell_can_show_belongs_to_a_topic_on_purpose()
    {
        var kinds = XDocument.Load(Path.Combine(RepoRoot.Path, "Portal", "Resources", "SharedResource.resx")).Root!.Elements("data")
            .Select(e => (string)e.Attribute("name")!)
            .Where(k => k.StartsWith("Notify.", StringComparison.Ordinal) && k.Count(c => c == '.') == 1 && k != "Notify.None")
            .Select(k => k["Notify.".Length..]).ToList();

        Assert.True(kinds.Count > 20);
        Assert.All(kinds, k => Assert.True(NotificationTopics.IsClassified(k), $"{k} has no topic"));
    }

    [Theory]
    [InlineData("CampaignOffer", NotificationTopic.Offers)]
    [InlineData("UsageTierNear", NotificationTopic.Alerts)]
    [InlineData("ComplaintReplied", NotificationTopic.Complaints)]
    [InlineData("RateActivity", NotificationTopic.Service)]
    [InlineData("StatementReady", NotificationTopic.Statements)]
    [InlineData("AccountJoinRequested", NotificationTopic.Account)]
    [InlineData("ComplaintEscalated", NotificationTopic.Account)]
    public void A_kind_maps_to_its_topic(string kind, NotificationTopic topic) => Assert.Equal(topic, NotificationTopics.Of(kind));

    [Theory]
    [InlineData(NotificationChannel.Portal)]
    [InlineData(NotificationChannel.Email)]
    public void Offers_need_consent_on_every_channel_while_the_other_topics_start_on(NotificationChannel channel)
    {
        Assert.False(NotificationTopics.Allows(NotificationTopic.Offers, channel, chosen: null));
        Assert.True(NotificationTopics.Allows(NotificationTopic.Offers, channel, chosen: true));
        foreach (var topic in NotificationTopics.Choosable.Where(t => t != NotificationTopic.Offers))
            Assert.True(NotificationTopics.Allows(topic, channel, chosen: null));
    }

    [Fact]
    public void Statements_are_a_choice_that_starts_on_for_both_channels_and_can_be_turned_off()
    {
        Assert.Contains(NotificationTopic.Statements, NotificationTopics.Choosable);
        foreach (var channel in NotificationTopics.Channels)
        {
            Assert.True(NotificationTopics.DefaultOn(NotificationTopic.Statements, channel));
            Assert.True(NotificationTopics.Allows(NotificationTopic.Statements, channel, chosen: null));
            Assert.False(NotificationTopics.Allows(NotificationTopic.Statements, channel, chosen: false));
        }
    }

    [Fact]
    public void A_stored_choice_wins_over_the_default_either_way()
    {
        Assert.False(NotificationTopics.Allows(NotificationTopic.Alerts, NotificationChannel.Email, chosen: false));
        Assert.True(NotificationTopics.Allows(NotificationTopic.Alerts, NotificationChannel.Email, chosen: true));
    }

    [Fact]
    public void Account_messages_are_not_a_choice_and_always_go_out()
    {
        Assert.False(NotificationTopics.IsChoosable(NotificationTopic.Account));
        Assert.True(NotificationTopics.Allows(NotificationTopic.Account, NotificationChannel.Email, chosen: false));
        Assert.Equal(NotificationTopic.Account, NotificationTopics.Of("SomethingNew"));
    }
}
