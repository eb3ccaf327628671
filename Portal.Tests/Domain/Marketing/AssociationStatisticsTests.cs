using Portal.Domain.Marketing;

namespace Portal.Tests.Domain.Marketing;

public class AssociationStatisticsTests
{
    // 100 accounts with the antecedent, 20 of them with the outcome; 100 without, 10 with the outcome.
    private static readonly TwoByTwo Table = new(20, 80, 10, 90);

    [Fact]
    public void Support_confidence_lift_and_the_ratio_against_others_come_from_the_table_by_hand()
    {
        Assert.Equal(200, Table.Total);
        Assert.Equal(0.10, Table.Support, 12);        // 20 / 200
        Assert.Equal(0.20, Table.Confidence, 12);     // 20 / 100
        Assert.Equal(0.10, Table.OthersRate, 12);     // 10 / 100
        Assert.Equal(0.20 / 0.15, Table.Lift, 12);    // confidence over the base rate 30 / 200
        Assert.Equal(2.0, AssociationStatistics.RiskRatio(Table).Value, 12);
    }

    [Fact]
    public void The_Katz_interval_of_the_risk_ratio_matches_the_hand_computation()
    {
        // se = sqrt(1/20 − 1/100 + 1/10 − 1/100) = sqrt(0.13); CI = 2·exp(±1.96·0.360555)
        var rr = AssociationStatistics.RiskRatio(Table);
        Assert.Equal(0.98662, rr.Low, 4);
        Assert.Equal(4.05430, rr.High, 3);
    }

    [Fact]
    public void An_empty_cell_gets_a_finite_interval_from_the_half_correction()
    {
        var rr = AssociationStatistics.RiskRatio(new TwoByTwo(5, 5, 0, 90));
        Assert.True(double.IsFinite(rr.High) && rr.Low > 1);
        Assert.Equal((5.5 / 11) / (0.5 / 91), rr.Value, 9);
    }

    [Fact]
    public void Fisher_one_sided_p_is_the_textbook_tea_tasting_value()
    {
        // Fisher's lady tasting tea: 3 of 4 right gives 17/70, all 4 right gives 1/70.
        Assert.Equal(17.0 / 70, AssociationStatistics.FisherGreater(new TwoByTwo(3, 1, 1, 3)), 12);
        Assert.Equal(1.0 / 70, AssociationStatistics.FisherGreater(new TwoByTwo(4, 0, 0, 4)), 12);
        Assert.Equal(1.0, AssociationStatistics.FisherGreater(new TwoByTwo(0, 4, 4, 0)), 12);
    }

    [Fact]
    public void Fisher_p_stays_exact_at_ten_thousand_accounts_where_factorials_overflow()
    {
        // The only table at least this extreme with margins 2 and 2 among 10,000: p = 1 / C(10000, 2).
        var p = AssociationStatistics.FisherGreater(TwoByTwo.From(antecedent: 2, withBoth: 2, outcome: 2, total: 10_000));
        Assert.Equal(2.0 / (10_000.0 * 9_999.0), p, 15);

        // With no association the upper tail holds about half the mass, not 0 or NaN.
        var balanced = AssociationStatistics.FisherGreater(TwoByTwo.From(antecedent: 1_000, withBoth: 100, outcome: 1_000, total: 10_000));
        Assert.InRange(balanced, 0.4, 0.6);
    }

    [Fact]
    public void Benjamini_Hochberg_adjusts_a_hand_example_in_the_given_order()
    {
        // Sorted 0.005, 0.01, 0.03, 0.04 (m = 4): 0.02, 0.02, 0.04, 0.04.
        var q = AssociationStatistics.BenjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.02, 0.04, 0.04, 0.02], q.Select(x => Math.Round(x, 12)));

        // 0.01·4/1 = 0.04 but 0.02·4/2 = 0.04, 0.03·4/3 = 0.04, the last stays 0.5.
        var q2 = AssociationStatistics.BenjaminiHochberg([0.5, 0.02, 0.01, 0.03]);
        Assert.Equal([0.5, 0.04, 0.04, 0.04], q2.Select(x => Math.Round(x, 12)));
        Assert.Equal([1.0], AssociationStatistics.BenjaminiHochberg([1.0]));
    }
}
