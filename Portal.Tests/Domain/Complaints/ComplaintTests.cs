using Portal.Domain.Common;
using Portal.Domain.Complaints;
using Xunit;
using static Portal.Tests.Domain.Complaints.ComplaintTestData;

namespace Portal.Tests.Domain.Complaints;

public class ComplaintSubmissionTests
{
    [Fact]
    public void A_submitted_complaint_gets_a_tracking_number_and_standard_deadlines()
    {
        var c = Submitted();
        Assert.Equal("TS-20260310-000042", c.TrackingNumber);
        Assert.Equal(ComplaintStatus.Submitted, c.Status);
        Assert.Equal(new DateTime(2026, 3, 11, 10, 0, 0), c.FirstContactDueAt);
        Assert.Equal(new DateTime(2026, 3, 19, 10, 0, 0), c.AnswerDueAt);
        Assert.Null(c.DispatchDueAt);
        Assert.Equal(1, c.Version);
        Assert.Equal(TimelineEntryKind.Submitted, Assert.Single(c.Timeline).Kind);
    }

    [Fact]
    public void The_description_is_stored_trimmed() =>
        Assert.Equal("0123456789", Complaint.Submit(Submission("  0123456789  "), 1, Tuesday10, ChinaCalendar).Description);

    [Theory]
    [InlineData("012345678", "Complaint.DescriptionTooShort")]
    [InlineData("   012345678    ", "Complaint.DescriptionTooShort")]
    [InlineData("", "Complaint.DescriptionTooShort")]
    public void Descriptions_under_ten_characters_after_trimming_are_refused(string description, string code)
    {
        var ex = Assert.Throws<DomainException>(() => Complaint.Submit(Submission(description), 1, Tuesday10, ChinaCalendar));
        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void Ten_chinese_characters_are_enough() =>
        Assert.Empty(Submission("停电一整天了没人来修").Validate());

    [Fact]
    public void Two_thousand_characters_are_accepted_and_one_more_is_refused()
    {
        Assert.Empty(Submission(new string('电', 2000)).Validate());
        Assert.Equal("Complaint.DescriptionTooLong", Assert.Single(Submission(new string('电', 2001)).Validate()).Code);
    }

    [Fact]
    public void An_emoji_counts_as_one_character() =>
        Assert.Equal(10, ComplaintSubmission.TextLength("123456789😀"));

    [Fact]
    public void The_validator_reports_every_problem_at_once()
    {
        var s = new ComplaintSubmission(Guid.Empty, "", ComplaintCategory.Other, "short", ContactPreference.Email, "",
            RelatedActivityId: Guid.NewGuid(), RelatedBillId: Guid.NewGuid());
        var codes = s.Validate().Select(p => p.Code).ToList();
        Assert.Equal(["Complaint.AccountRequired", "Complaint.CustomerRequired", "Complaint.DescriptionTooShort",
            "Complaint.IdempotencyKeyInvalid", "Complaint.TooManyRelations"], codes);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1_000_000L)]
    public void Tracking_sequences_outside_six_digits_are_refused(long sequence) =>
        Assert.Equal("Complaint.TrackingSequenceOutOfRange",
            Assert.Throws<DomainException>(() => TrackingNumber.Format(new DateOnly(2026, 3, 10), sequence)).Code);

    [Fact]
    public void The_largest_sequence_still_fits() =>
        Assert.Equal("TS-20261231-999999", TrackingNumber.Format(new DateOnly(2026, 12, 31), 999_999));
}

public class ComplaintLifecycleTests
{
    [Fact]
    public void Routing_applies_the_queue_priority_skills_and_deadlines()
    {
        var c = Routed();
        Assert.Equal(ComplaintStatus.Routed, c.Status);
        Assert.Equal("outage", c.QueueCode);
        Assert.Equal(ComplaintPriority.High, c.Priority);
        Assert.Equal(["outage", "region:kuitun"], c.Skills);
        Assert.Equal("outage", c.RoutingRuleName);
        Assert.False(c.Timeline[^1].VisibleToCustomer);
        Assert.Equal(2, c.Version);
    }

    [Fact]
    public void The_happy_path_runs_from_submission_to_closure_and_bumps_the_version_each_time()
    {
        var c = Resolved();
        c.Confirm(Customer, Tuesday10.AddDays(1));
        Assert.Equal(ComplaintStatus.Closed, c.Status);
        Assert.Equal([TimelineEntryKind.Submitted, TimelineEntryKind.Routed, TimelineEntryKind.Claimed, TimelineEntryKind.Contacted,
            TimelineEntryKind.Replied, TimelineEntryKind.Resolved, TimelineEntryKind.Confirmed], c.Timeline.Select(t => t.Kind));
        Assert.Equal(c.Timeline.Count, c.Version);
        Assert.Equal("Fixed", c.ResolutionCode);
        Assert.Equal(Tuesday10.AddHours(2), c.FirstContactAt);
    }

    [Fact]
    public void Steps_cannot_be_skipped()
    {
        var c = Routed();
        c.Claim(Handler, Tuesday10);
        Assert.Equal("Complaint.InvalidTransition", Assert.Throws<DomainException>(() => c.Reply(Handler, "x", Tuesday10)).Code);
        Assert.Equal("Complaint.InvalidTransition", Assert.Throws<DomainException>(() => c.Resolve(Handler, "Fixed", "x", Tuesday10)).Code);
    }

    [Fact]
    public void Only_the_claiming_handler_may_contact_the_customer()
    {
        var c = Routed();
        c.Claim(Handler, Tuesday10);
        Assert.Equal("Complaint.NotClaimedByHandler",
            Assert.Throws<DomainException>(() => c.RecordContact("someone-else", null, Tuesday10)).Code);
    }

    [Fact]
    public void A_claimed_complaint_cannot_be_claimed_by_another_handler_until_released()
    {
        var c = Routed();
        c.Claim(Handler, Tuesday10);
        Assert.Equal("Complaint.AlreadyClaimed", Assert.Throws<DomainException>(() => c.Claim("h2", Tuesday10)).Code);
        c.Release(Handler, Tuesday10);
        c.Claim("h2", Tuesday10);
        Assert.Equal("h2", c.ClaimedBy);
    }

    [Fact]
    public void Claiming_twice_by_the_same_handler_changes_nothing()
    {
        var c = Routed();
        c.Claim(Handler, Tuesday10);
        var version = c.Version;
        c.Claim(Handler, Tuesday10.AddMinutes(1));
        Assert.Equal(version, c.Version);
    }

    [Fact]
    public void A_complaint_cannot_be_claimed_before_it_is_routed() =>
        Assert.Equal("Complaint.InvalidTransition", Assert.Throws<DomainException>(() => Submitted().Claim(Handler, Tuesday10)).Code);

    [Fact]
    public void Only_the_customer_who_submitted_may_confirm() =>
        Assert.Equal("Complaint.NotOwner", Assert.Throws<DomainException>(() => Resolved().Confirm("user-2", Tuesday10)).Code);

    [Fact]
    public void A_resolution_needs_a_code_and_a_text()
    {
        var c = Replied();
        Assert.Equal("Complaint.ResolutionCodeRequired", Assert.Throws<DomainException>(() => c.Resolve(Handler, " ", "done", Tuesday10)).Code);
        Assert.Equal("Complaint.ResolutionTextRequired", Assert.Throws<DomainException>(() => c.Resolve(Handler, "Fixed", "", Tuesday10)).Code);
    }

    [Fact]
    public void Internal_notes_are_kept_apart_from_customer_text()
    {
        var c = Replied();
        var contact = c.Timeline.Single(t => t.Kind == TimelineEntryKind.Contacted);
        Assert.Equal("called, customer at home", contact.InternalNote);
        Assert.Null(contact.CustomerText);
        Assert.Equal("A crew is on its way.", c.Timeline.Single(t => t.Kind == TimelineEntryKind.Replied).CustomerText);
    }
}

public class ComplaintQueueTests
{
    [Fact]
    public void A_transfer_records_both_queues_and_frees_the_complaint_for_the_new_queue()
    {
        var c = Routed();
        c.Claim(Handler, Tuesday10);
        c.Transfer(Handler, "billing", "It is about the bill, not the outage", Tuesday10.AddMinutes(10));
        var entry = c.Timeline[^1];
        Assert.Equal(("outage", "billing"), (entry.FromQueue, entry.ToQueue));
        Assert.Equal("billing", c.QueueCode);
        Assert.Null(c.ClaimedBy);
        Assert.False(entry.VisibleToCustomer);
    }

    [Fact]
    public void A_transfer_to_the_current_queue_or_without_a_reason_is_refused()
    {
        var c = Routed();
        Assert.Equal("Complaint.AlreadyInQueue", Assert.Throws<DomainException>(() => c.Transfer(Handler, "OUTAGE", "x", Tuesday10)).Code);
        Assert.Equal("Complaint.TransferReasonRequired", Assert.Throws<DomainException>(() => c.Transfer(Handler, "billing", " ", Tuesday10)).Code);
    }

    [Fact]
    public void Escalation_moves_to_the_supervisor_and_raises_priority()
    {
        var c = Routed();
        c.Escalate(null, "supervisor", "Contact deadline missed", Tuesday10.AddDays(2));
        Assert.True(c.IsEscalated);
        Assert.Equal("supervisor", c.QueueCode);
        Assert.Equal(ComplaintPriority.Urgent, c.Priority);
        Assert.True(c.Timeline[^1].VisibleToCustomer);
    }

    [Fact]
    public void A_resolved_complaint_cannot_be_escalated() =>
        Assert.Equal("Complaint.InvalidTransition",
            Assert.Throws<DomainException>(() => Resolved().Escalate(null, "supervisor", "x", Tuesday10)).Code);
}

public class ComplaintSlaTests
{
    [Fact]
    public void Contact_is_overdue_only_after_the_deadline()
    {
        var c = Routed();
        Assert.False(c.IsContactOverdue(c.FirstContactDueAt));
        Assert.True(c.IsContactOverdue(c.FirstContactDueAt.AddSeconds(1)));
    }

    [Fact]
    public void A_contacted_complaint_is_never_contact_overdue() =>
        Assert.False(Contacted().IsContactOverdue(Tuesday10.AddDays(30)));

    [Fact]
    public void The_answer_is_overdue_only_after_seven_working_days_without_a_reply()
    {
        var c = Contacted();
        Assert.Equal(new DateTime(2026, 3, 19, 10, 0, 0), c.AnswerDueAt);
        Assert.False(c.IsAnswerOverdue(c.AnswerDueAt));
        Assert.True(c.IsAnswerOverdue(c.AnswerDueAt.AddMinutes(1)));
        c.Reply(Handler, "Answer", c.AnswerDueAt.AddMinutes(2));
        Assert.False(c.IsAnswerOverdue(c.AnswerDueAt.AddDays(1)));
    }

    [Fact]
    public void An_urgent_complaint_must_be_claimed_within_fifteen_minutes()
    {
        var c = Submitted();
        c.Route(RoutingEngine.Route(RoutingRules.SeedDefault(), Input("Sparks and smoke from the meter box"), ChinaCalendar), Tuesday10);
        Assert.Equal(Tuesday10.AddMinutes(15), c.DispatchDueAt);
        Assert.False(c.IsDispatchOverdue(Tuesday10.AddMinutes(15)));
        Assert.True(c.IsDispatchOverdue(Tuesday10.AddMinutes(16)));
        c.Claim(Handler, Tuesday10.AddMinutes(17));
        Assert.False(c.IsDispatchOverdue(Tuesday10.AddMinutes(18)));
    }

    [Fact]
    public void A_normal_complaint_has_no_dispatch_clock() =>
        Assert.False(Routed().IsDispatchOverdue(Tuesday10.AddDays(3)));

    [Fact]
    public void A_complaint_submitted_on_a_friday_evening_is_due_on_tuesday_morning()
    {
        var c = Submitted(new DateTime(2026, 3, 13, 20, 0, 0));
        Assert.Equal(new DateTime(2026, 3, 17, 8, 30, 0), c.FirstContactDueAt);
    }

    [Fact]
    public void A_resolved_complaint_is_not_overdue()
    {
        var c = Resolved();
        Assert.False(c.IsContactOverdue(Tuesday10.AddDays(30)));
        Assert.False(c.IsAnswerOverdue(Tuesday10.AddDays(30)));
    }
}

public class ComplaintReopenTests
{
    [Fact]
    public void The_customer_may_reopen_up_to_fourteen_days_after_resolution()
    {
        var c = Resolved();
        var resolvedAt = c.ResolvedAt!.Value;
        c.Reopen(Customer, "The power went off again", resolvedAt.AddDays(14), ChinaCalendar);
        Assert.Equal(ComplaintStatus.Reopened, c.Status);
        Assert.Equal(1, c.ReopenCount);
    }

    [Fact]
    public void Reopening_after_fourteen_days_is_refused()
    {
        var c = Resolved();
        var ex = Assert.Throws<DomainException>(() => c.Reopen(Customer, "again", c.ResolvedAt!.Value.AddDays(14).AddSeconds(1), ChinaCalendar));
        Assert.Equal("Complaint.ReopenWindowExpired", ex.Code);
    }

    [Fact]
    public void A_confirmed_complaint_can_still_be_reopened_within_the_window()
    {
        var c = Resolved();
        c.Confirm(Customer, Tuesday10.AddDays(1));
        c.Reopen(Customer, "Problem came back", Tuesday10.AddDays(2), ChinaCalendar);
        Assert.Equal(ComplaintStatus.Reopened, c.Status);
        Assert.Null(c.ClosedAt);
    }

    [Fact]
    public void A_reopened_complaint_goes_back_to_its_queue_with_a_new_clock_and_no_handler()
    {
        var c = Resolved();
        var reopenAt = new DateTime(2026, 3, 13, 16, 0, 0); // Friday
        c.Reopen(Customer, "Still flickering", reopenAt, ChinaCalendar);
        Assert.Equal("outage", c.QueueCode);
        Assert.Null(c.ClaimedBy);
        Assert.Null(c.ContactedAt);
        Assert.Equal(new DateTime(2026, 3, 16, 16, 0, 0), c.FirstContactDueAt);
        Assert.Equal(Tuesday10.AddHours(2), c.FirstContactAt);
        c.Claim("h2", reopenAt.AddHours(1));
        c.RecordContact("h2", null, reopenAt.AddHours(2));
        Assert.Equal(ComplaintStatus.Contacted, c.Status);
    }

    [Fact]
    public void Only_a_resolved_or_closed_complaint_can_be_reopened() =>
        Assert.Equal("Complaint.InvalidTransition",
            Assert.Throws<DomainException>(() => Replied().Reopen(Customer, "x", Tuesday10, ChinaCalendar)).Code);

    [Fact]
    public void The_sweep_closes_only_after_the_window_and_a_rerun_changes_nothing()
    {
        var c = Resolved();
        var deadline = c.ReopenDeadline!.Value;
        Assert.False(c.TryCloseAfterReopenWindow(deadline));
        Assert.True(c.TryCloseAfterReopenWindow(deadline.AddMinutes(1)));
        var version = c.Version;
        Assert.False(c.TryCloseAfterReopenWindow(deadline.AddDays(1)));
        Assert.Equal(version, c.Version);
        Assert.Equal(ComplaintStatus.Closed, c.Status);
    }
}

public class ComplaintRatingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Scores_from_one_to_five_are_accepted(int score)
    {
        var c = Resolved();
        c.RateHandling(Customer, score, " thanks ", Tuesday10.AddDays(1));
        Assert.Equal(score, c.HandlingScore);
        Assert.Equal("thanks", c.HandlingComment);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Scores_outside_one_to_five_are_refused(int score) =>
        Assert.Equal("Complaint.InvalidScore", Assert.Throws<DomainException>(() => Resolved().RateHandling(Customer, score, null, Tuesday10)).Code);

    [Fact]
    public void Handling_can_be_rated_only_once_per_resolution()
    {
        var c = Resolved();
        c.RateHandling(Customer, 4, null, Tuesday10.AddDays(1));
        Assert.Equal("Complaint.AlreadyRated", Assert.Throws<DomainException>(() => c.RateHandling(Customer, 5, null, Tuesday10.AddDays(1))).Code);
    }

    [Fact]
    public void An_open_complaint_cannot_be_rated() =>
        Assert.Equal("Complaint.InvalidTransition", Assert.Throws<DomainException>(() => Replied().RateHandling(Customer, 3, null, Tuesday10)).Code);

    [Fact]
    public void A_rating_comment_may_have_500_characters_but_not_501()
    {
        Resolved().RateHandling(Customer, 3, new string('好', 500), Tuesday10.AddDays(1));
        Assert.Equal("Complaint.RatingCommentTooLong",
            Assert.Throws<DomainException>(() => Resolved().RateHandling(Customer, 3, new string('好', 501), Tuesday10.AddDays(1))).Code);
    }
}
