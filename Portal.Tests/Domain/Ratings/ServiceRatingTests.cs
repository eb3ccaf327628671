using Portal.Domain.Common;
using Portal.Domain.Complaints;
using Portal.Domain.Ratings;
using Portal.Domain.Service;
using Xunit;

namespace Portal.Tests.Domain.Ratings;

public class ServiceRatingTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 10, 0, 0);
    private static readonly RateableActivity Repair = new(Guid.NewGuid(), ServiceActivityType.Repair, Guid.NewGuid(), Now.AddHours(-2));

    private static ServiceRating Rate(int score = 4, string? comment = null, RateableActivity? activity = null) =>
        ServiceRating.Submit(activity ?? Repair, "user-1", SatisfactionLevel.Satisfied, score, comment, Now);

    [Fact]
    public void A_completed_activity_can_be_rated()
    {
        var r = Rate(5, "  quick and friendly ");
        Assert.Equal(5, r.Score);
        Assert.Equal("quick and friendly", r.Comment);
        Assert.Equal(Repair.ActivityId, r.ActivityId);
        Assert.Equal(1, r.Version);
    }

    [Fact]
    public void An_activity_not_yet_completed_cannot_be_rated()
    {
        var open = Repair with { CompletedAt = null };
        var future = Repair with { CompletedAt = Now.AddMinutes(1) };
        Assert.Equal("Rating.ActivityNotCompleted", Assert.Throws<DomainException>(() => Rate(activity: open)).Code);
        Assert.Equal("Rating.ActivityNotCompleted", Assert.Throws<DomainException>(() => Rate(activity: future)).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Scores_outside_one_to_five_are_refused(int score) =>
        Assert.Equal("Rating.InvalidScore", Assert.Throws<DomainException>(() => Rate(score)).Code);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Scores_at_the_ends_of_the_scale_are_accepted(int score) => Assert.Equal(score, Rate(score).Score);

    [Fact]
    public void A_comment_may_have_500_characters_but_not_501()
    {
        Assert.Equal(500, Rate(comment: new string('好', 500)).Comment!.Length);
        Assert.Equal("Rating.CommentTooLong", Assert.Throws<DomainException>(() => Rate(comment: new string('好', 501))).Code);
    }

    [Fact]
    public void The_validator_lists_every_problem() =>
        Assert.Equal(["Rating.UnknownLevel", "Rating.InvalidScore", "Rating.CommentTooLong"],
            ServiceRating.Validate((SatisfactionLevel)9, 7, new string('x', 501)).Select(p => p.Code));

    [Fact]
    public void A_rating_can_be_edited_until_exactly_seven_days_after_submission()
    {
        var r = Rate(4);
        r.Edit("user-1", SatisfactionLevel.VeryDissatisfied, 1, "it broke again", Now.AddDays(7));
        Assert.Equal(1, r.Score);
        Assert.Equal(SatisfactionLevel.VeryDissatisfied, r.Level);
        Assert.Equal(2, r.Version);
    }

    [Fact]
    public void Editing_after_seven_days_is_refused()
    {
        var r = Rate(4);
        var ex = Assert.Throws<DomainException>(() => r.Edit("user-1", SatisfactionLevel.Neutral, 3, null, Now.AddDays(7).AddSeconds(1)));
        Assert.Equal("Rating.EditWindowClosed", ex.Code);
    }

    [Fact]
    public void An_edit_does_not_extend_the_window()
    {
        var r = Rate(4);
        r.Edit("user-1", SatisfactionLevel.Neutral, 3, null, Now.AddDays(6));
        Assert.False(r.CanEdit(Now.AddDays(8)));
    }

    [Fact]
    public void Only_the_rater_may_edit() =>
        Assert.Equal("Rating.NotOwner", Assert.Throws<DomainException>(() => Rate().Edit("user-2", SatisfactionLevel.Neutral, 3, null, Now)).Code);

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void A_complaint_is_offered_for_scores_of_two_or_less(int score, bool offered) =>
        Assert.Equal(offered, Rate(score).OffersComplaint);

    [Fact]
    public void A_poor_rating_builds_a_prefilled_complaint_draft()
    {
        var r = Rate(1, "Waited six hours for the crew");
        var draft = r.BuildComplaintDraft();
        Assert.Equal(ComplaintCategory.Outage, draft.Category);
        Assert.Equal(Repair.ActivityId, draft.RelatedActivityId);
        Assert.Equal(Repair.AccountId, draft.AccountId);
        Assert.Equal("ComplaintDraft.FromRating.Repair", draft.DescriptionTemplateKey);
        Assert.Equal("Waited six hours for the crew", draft.SuggestedText);
    }

    [Fact]
    public void A_good_rating_does_not_build_a_draft() =>
        Assert.Equal("Rating.ComplaintNotOffered", Assert.Throws<DomainException>(() => Rate(3).BuildComplaintDraft()).Code);

    [Theory]
    [InlineData(ServiceActivityType.Repair, ComplaintCategory.Outage)]
    [InlineData(ServiceActivityType.MeterReplacement, ComplaintCategory.MeterFault)]
    [InlineData(ServiceActivityType.NewConnection, ComplaintCategory.ConnectionDelay)]
    [InlineData(ServiceActivityType.SafetyInspection, ComplaintCategory.ServiceAttitude)]
    [InlineData(ServiceActivityType.HallVisit, ComplaintCategory.ServiceAttitude)]
    [InlineData(ServiceActivityType.ManagerVisit, ComplaintCategory.ServiceAttitude)]
    public void The_category_is_guessed_from_the_activity_type(ServiceActivityType type, ComplaintCategory expected) =>
        Assert.Equal(expected, ServiceRating.GuessCategory(type));
}

public class RatingAnalyticsTests
{
    [Fact]
    public void The_trend_is_the_mean_score_per_month_oldest_first_without_empty_months()
    {
        var trend = RatingAnalytics.MonthlyTrend(
        [
            new RatingPoint(new DateTime(2026, 3, 31, 23, 59, 0), 2),
            new RatingPoint(new DateTime(2026, 1, 5), 5),
            new RatingPoint(new DateTime(2026, 1, 20), 4),
            new RatingPoint(new DateTime(2026, 1, 31), 4),
            new RatingPoint(new DateTime(2026, 3, 1), 3),
        ]);
        Assert.Equal([new MonthlySatisfaction(2026, 1, 3, 4.33m), new MonthlySatisfaction(2026, 3, 2, 2.50m)], trend);
    }

    [Fact]
    public void No_ratings_give_an_empty_trend() => Assert.Empty(RatingAnalytics.MonthlyTrend(Array.Empty<RatingPoint>()));
}
