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

    [Fact]
    public void Six_digit_ticks_of_a_horizontal_chart_thin_out_on_a_phone_axis_and_all_show_at_full_width()
    {
        var ticks = new[] { "0", "100,000", "200,000", "300,000", "400,000", "500,000" };
        var plan = LabelThinning.Plan(ticks, LabelThinning.TierHorizontalAxisPx);
        var phone = Enumerable.Range(0, ticks.Length).Where(i => plan[i] == 0).ToList();
        Assert.Equal(0, phone[0]);   // the axis always starts labelled
        Assert.True(phone.Count is >= 2 and < 6, $"{phone.Count} ticks on a phone");
        // Neighbouring ticks shown on a phone are at least the widest label apart on the 140 px axis.
        var gapPx = (phone[1] - phone[0]) * LabelThinning.TierHorizontalAxisPx[0] / (ticks.Length - 1);
        Assert.True(gapPx >= LabelThinning.WidthPx("500,000"), $"{gapPx} px between phone ticks");
        Assert.All(plan, tier => Assert.True(tier <= 2, "every tick shows at full width"));
    }

    [Fact]
    public void Short_ticks_all_show_on_a_phone_axis()
    {
        var plan = LabelThinning.Plan(["0", "5", "10", "15", "20"], LabelThinning.TierHorizontalAxisPx);
        Assert.All(plan, tier => Assert.Equal(0, tier));
    }
}
