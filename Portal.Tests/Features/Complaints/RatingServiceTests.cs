using Microsoft.EntityFrameworkCore;
using Portal.Domain.Complaints;
using Portal.Domain.Ratings;
using Portal.Features.Complaints.Customer;

namespace Portal.Tests.Features.Complaints;

[Collection(PortalCollection.Name)]
public class RatingServiceTests(PortalHost host) : IClassFixture<PortalHost>
{
    private RatingService Ratings => host.Service<RatingService>();

    [Fact]
    public async Task A_customer_sees_only_the_activities_of_own_accounts_with_those_awaiting_a_rating_first()
    {
        var user = await host.UserAsync("household@demo.local");
        var own = await host.FirstAccountOfAsync("household@demo.local");

        var items = await Ratings.ActivitiesAsync(user);

        Assert.NotEmpty(items);
        Assert.All(items, a => Assert.Equal(own, a.AccountId));
        Assert.Equal(items.OrderByDescending(a => a.AwaitsRating).Select(a => a.Id), items.Select(a => a.Id));
    }

    [Fact]
    public async Task Rating_twice_edits_the_one_rating_instead_of_adding_another()
    {
        var user = await host.UserAsync("business@demo.local");
        var activity = (await Ratings.ActivitiesAsync(user)).First(a => a.AwaitsRating);

        Assert.True((await Ratings.RateAsync(user, activity.Id, new RatingInput(SatisfactionLevel.Satisfied, 4, "ok"))).Ok);
        Assert.True((await Ratings.RateAsync(user, activity.Id, new RatingInput(SatisfactionLevel.VerySatisfied, 5, "great"))).Ok);

        await using var db = await host.Db.CreateDbContextAsync();
        var rating = await db.ServiceRatings.SingleAsync(r => r.ActivityId == activity.Id);
        Assert.Equal(5, rating.Score);
        Assert.NotNull(rating.EditedAt);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public async Task A_score_of_two_or_less_offers_a_prefilled_complaint(int score, bool offered)
    {
        var user = await host.UserAsync("household@demo.local");
        var activity = (await Ratings.ActivitiesAsync(user)).First(a => a.AwaitsRating);

        var result = await Ratings.RateAsync(user, activity.Id, new RatingInput(SatisfactionLevel.Dissatisfied, score, "The crew came two days late."));

        Assert.True(result.Ok);
        Assert.Equal(offered, result.OfferedComplaint is not null);
        var draft = await Ratings.ComplaintDraftAsync(user, activity.Id);
        Assert.Equal(offered, draft is not null);
        if (offered)
        {
            Assert.Equal(activity.AccountId, draft!.AccountId);
            Assert.Equal(activity.Id, draft.RelatedActivityId);
            Assert.Equal(ServiceRating.GuessCategory(activity.Type), draft.Category);
            Assert.Equal("The crew came two days late.", draft.SuggestedText);
        }
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(501, false)]
    public async Task A_rating_comment_may_be_500_characters(int length, bool accepted)
    {
        var user = await host.UserAsync("business@demo.local");
        var activity = (await Ratings.ActivitiesAsync(user)).First(a => a.AwaitsRating);

        var result = await Ratings.RateAsync(user, activity.Id, new RatingInput(SatisfactionLevel.Neutral, 3, new string('好', length)));

        Assert.Equal(accepted, result.Ok);
        if (!accepted) Assert.Equal("Rating.CommentTooLong", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Rating_another_customers_activity_reads_as_not_found_and_stores_nothing()
    {
        var neighbour = await host.UserAsync("neighbour@demo.local");
        var householdActivity = (await Ratings.ActivitiesAsync(await host.UserAsync("household@demo.local"))).First();

        var result = await Ratings.RateAsync(neighbour, householdActivity.Id, new RatingInput(SatisfactionLevel.VeryDissatisfied, 1, null));

        Assert.Equal("Rating.ActivityNotFound", Assert.Single(result.Errors).Code);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.ServiceRatings.AnyAsync(r => r.ActivityId == householdActivity.Id && r.Comment == null && r.Score == 1));
        Assert.Null(await Ratings.ComplaintDraftAsync(neighbour, householdActivity.Id));
    }
}
