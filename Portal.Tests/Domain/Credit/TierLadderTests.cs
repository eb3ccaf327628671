using Portal.Domain.Credit;
using Xunit;
using static Portal.Tests.Domain.Credit.CreditTestData;

namespace Portal.Tests.Domain.Credit;

public class TierLadderTests
{
    private static TierDecision Outlook(NextTierRequirement? next) => new(CreditTier.B, CreditTier.B, TierReasonCodes.Retained, 80m, null, [], next);

    [Fact]
    public void Every_tier_is_listed_best_first_with_its_thresholds_and_the_points_still_missing()
    {
        var rungs = TierLadder.Rungs(Seed, CreditTier.B, 82.5m);

        Assert.Equal([CreditTier.A, CreditTier.B, CreditTier.C], rungs.Select(r => r.Tier));
        Assert.Equal((90m, 85m, 7.5m, false), (rungs[0].EntryAtLeast, rungs[0].ExitBelow, rungs[0].PointsToEnter, rungs[0].IsCurrent));
        Assert.Equal((70m, 65m, 0m, true), (rungs[1].EntryAtLeast, rungs[1].ExitBelow, rungs[1].PointsToEnter, rungs[1].IsCurrent));
    }

    [Theory]
    [InlineData("2025-06-30", null, null, "2025-07-01")]              // no block: the next monthly review
    [InlineData("2025-06-01", null, null, "2025-07-01")]
    [InlineData("2025-06-15", "Credit.Blocked.Freeze", "2027-03-10", "2027-04-01")]  // the first review after the freeze ends
    [InlineData("2025-06-15", "Credit.Blocked.Freeze", "2027-03-01", "2027-03-01")]  // a freeze ending on a review day
    [InlineData("2025-06-15", "Credit.Blocked.RecoveryWindow", "2025-06-20", "2025-07-01")]
    [InlineData("2025-06-15", "Credit.Blocked.UnpaidBill", null, null)]  // no date can be promised
    public void The_earliest_promotion_is_the_first_monthly_review_once_any_block_has_ended(string today, string? code, string? until, string? expected)
    {
        var next = new NextTierRequirement(CreditTier.A, 5m, code, until is null ? null : DateOnly.Parse(until));
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected), TierLadder.EarliestPromotion(Outlook(next), DateOnly.Parse(today)));
    }

    [Fact]
    public void At_the_top_tier_there_is_no_promotion_date()
    {
        Assert.Null(TierLadder.EarliestPromotion(Outlook(null), D(2025, 6, 15)));
    }
}
