using Portal.Domain.Common;
using Portal.Domain.Complaints;
using Xunit;
using static Portal.Tests.Domain.Complaints.ComplaintTestData;

namespace Portal.Tests.Domain.Complaints;

public class CustomerMessageTests
{
    [Fact]
    public void The_customer_answers_the_handlers_reply_and_the_message_is_in_the_timeline_they_see_without_changing_the_status()
    {
        var c = Replied();
        var version = c.Version;
        var repliedAt = c.RepliedAt;
        c.AddCustomerMessage(Customer, "  Thank you, but the crew has not arrived yet.  ", Tuesday10.AddHours(4));

        var last = c.Timeline[^1];
        Assert.Equal(TimelineEntryKind.CustomerMessage, last.Kind);
        Assert.Equal("Thank you, but the crew has not arrived yet.", last.CustomerText);
        Assert.Equal(Customer, last.ActorId);
        Assert.True(last.VisibleToCustomer);
        Assert.Null(last.InternalNote);
        Assert.Equal(ComplaintStatus.Replied, c.Status);
        Assert.Equal(repliedAt, c.RepliedAt);
        Assert.Equal(version + 1, c.Version);
    }

    [Fact]
    public void The_customer_may_write_before_anyone_has_claimed_it()
    {
        var c = Routed();
        c.AddCustomerMessage(Customer, "The outage also affects number 12.", Tuesday10.AddMinutes(30));
        Assert.Equal(TimelineEntryKind.CustomerMessage, c.Timeline[^1].Kind);
    }

    [Fact]
    public void Only_the_complaints_customer_may_write_to_the_handler()
    {
        var ex = Assert.Throws<DomainException>(() => Replied().AddCustomerMessage("someone-else", "Hello there.", Tuesday10.AddHours(4)));
        Assert.Equal("Complaint.NotOwner", ex.Code);
    }

    [Fact]
    public void A_resolved_complaint_takes_no_more_messages()
    {
        var c = Resolved();
        var ex = Assert.Throws<DomainException>(() => c.AddCustomerMessage(Customer, "One more thing.", Tuesday10.AddHours(6)));
        Assert.Equal("Complaint.NotOpen", ex.Code);
        Assert.NotEqual(TimelineEntryKind.CustomerMessage, c.Timeline[^1].Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_message_is_refused(string text)
    {
        var c = Replied();
        var count = c.Timeline.Count;
        Assert.Equal("Complaint.MessageRequired", Assert.Throws<DomainException>(() => c.AddCustomerMessage(Customer, text, Tuesday10.AddHours(4))).Code);
        Assert.Equal(count, c.Timeline.Count);
    }

    [Fact]
    public void Two_thousand_characters_are_accepted_and_one_more_is_refused()
    {
        var c = Replied();
        c.AddCustomerMessage(Customer, new string('电', Complaint.MaxTextLength), Tuesday10.AddHours(4));
        Assert.Equal("Complaint.MessageTooLong",
            Assert.Throws<DomainException>(() => c.AddCustomerMessage(Customer, new string('电', Complaint.MaxTextLength + 1), Tuesday10.AddHours(5))).Code);
    }
}
