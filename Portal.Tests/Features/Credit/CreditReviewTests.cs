using Microsoft.EntityFrameworkCore;
using Portal.Domain.Credit;
using Portal.Features.Credit;

namespace Portal.Tests.Features.Credit;

/// <summary>The review job against the real app and its seeded SQLite database.</summary>
[Collection(PortalCollection.Name)]
public class CreditReviewTests(PortalHost host) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task A_fresh_database_gives_every_account_a_tier_and_a_ledger_that_explains_its_score()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.CreditPolicyVersions.CountAsync(v => v.Status == PolicyStatus.Published));
        var accounts = await db.Accounts.CountAsync();
        var states = await db.CreditStates.Include(s => s.Events).AsSplitQuery().ToListAsync();
        Assert.Equal(accounts, states.Count);
        foreach (var s in states)
            Assert.Equal(s.CurrentScore, s.Events.Sum(e => e.PointsDelta));
        Assert.True(states.Select(s => s.CurrentTier).Distinct().Count() >= 2, "the demo should show more than one tier");
    }

    [Fact]
    public async Task Running_the_review_again_the_same_day_adds_nothing_and_changes_no_tier()
    {
        var job = host.Services.GetRequiredService<CreditReviewJob>();
        await using var db = await host.Db.CreateDbContextAsync();
        var eventsBefore = await db.CreditPointEvents.CountAsync();
        var tiersBefore = await db.CreditStates.OrderBy(s => s.AccountId).Select(s => s.CurrentTier).ToListAsync();

        var changes = await job.RunAllAsync("test", PointEventKind.Review, null, notify: false, CancellationToken.None);

        Assert.Equal(0, changes);
        Assert.Equal(eventsBefore, await db.CreditPointEvents.CountAsync());
        Assert.Equal(tiersBefore, await db.CreditStates.OrderBy(s => s.AccountId).Select(s => s.CurrentTier).ToListAsync());
    }
}
