using Portal.Components.Charts;

namespace Portal.Tests.Components.Charts;

/// <summary>Category labels never overlap: every k-th label is shown, fewer on a phone than on a wide screen.</summary>
public class LabelThinningTests
{
    [Fact]
    public void Twelve_short_month_names_all_fit_a_wide_chart_and_every_other_one_a_phone()
    {
        var months = new[] { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
        var plan = LabelThinning.Plan(months);
        Assert.All(plan, tier => Assert.True(tier <= 1, "every month shows from a half-width card up"));
        Assert.Equal(6, plan.Count(t => t == 0));   // a phone shows every other month
    }

    [Fact]
    public void A_narrower_tier_shows_a_subset_of_the_labels_of_a_wider_one()
    {
        var days = Enumerable.Range(1, 60).Select(d => $"12/{d}").ToArray();
        var plan = LabelThinning.Plan(days);
        var phone = Enumerable.Range(0, 60).Where(i => plan[i] == 0).ToList();
        var card = Enumerable.Range(0, 60).Where(i => plan[i] <= 1).ToList();
        var wide = Enumerable.Range(0, 60).Where(i => plan[i] <= 2).ToList();
        Assert.Subset(card.ToHashSet(), phone.ToHashSet());
        Assert.Subset(wide.ToHashSet(), card.ToHashSet());
        Assert.True(phone.Count < card.Count && card.Count < wide.Count);
        // At 12 px the shown labels are at least their own width apart on a 270 px phone plot.
        var gapPx = (phone[1] - phone[0]) * LabelThinning.TierPlotPx[0] / 60;
        Assert.True(gapPx >= LabelThinning.WidthPx("12/60"), $"{gapPx} px between phone labels");
    }

    [Fact]
    public void Labels_the_caller_left_empty_are_never_shown_and_the_others_keep_their_rhythm()
    {
        var hours = Enumerable.Range(0, 96).Select(i => i % 12 == 0 ? $"{i / 4:00}:00" : "").ToArray();
        var plan = LabelThinning.Plan(hours);
        Assert.All(Enumerable.Range(0, 96).Where(i => i % 12 != 0), i => Assert.Equal(3, plan[i]));
        Assert.All(Enumerable.Range(0, 96).Where(i => plan[i] < 3), i => Assert.Equal(0, i % 12));
        Assert.Equal(0, plan[0]);
    }

    [Fact]
    public void Chinese_labels_are_measured_as_full_width_characters() =>
        Assert.True(LabelThinning.WidthPx("10月") > LabelThinning.WidthPx("Oct"));

    [Fact]
    public void No_labels_give_an_empty_plan() => Assert.Empty(LabelThinning.Plan([]));
}
