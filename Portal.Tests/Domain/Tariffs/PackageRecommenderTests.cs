using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Portal.Domain.Usage;
using Xunit;
using static Portal.Tests.Domain.Tariffs.TestData;

namespace Portal.Tests.Domain.Tariffs;

public class PackageRecommenderTests
{
    private static readonly DateOnly AsOf = new(2025, 7, 15);
    private static readonly DateOnly WindowStart = new(2024, 7, 1);
    private static readonly DateOnly WindowEnd = new(2025, 7, 1);

    /// <summary>Residential TOU: peak 08–22 at 0.44, valley 22–08 at 0.14 (ratio above 3:1), no tiers.</summary>
    private static TariffPackage ResidentialTou() => ZhejiangTieredTou() with
    {
        Code = "RES-TOU",
        Energy = new EnergyCharge
        {
            BasePrice = 0.39m,
            TimeOfUse = ZhejiangTieredTou().Energy.TimeOfUse! with { Rates = [new TouRate { Period = TouPeriod.Peak, Value = 0.44m }, new TouRate { Period = TouPeriod.Valley, Value = 0.14m }] },
        },
    };

    /// <summary>1 kWh per 15 minutes from 22:00 to 08:00 (40 kWh a night), nothing by day.</summary>
    private static List<DayReadings> NightOwl(DateOnly from, DateOnly to) =>
        Shaped(from, to, (_, i) => i >= 88 || i < 32 ? 1000 : 0);

    [Fact]
    public void A_night_time_household_saves_with_TOU_and_the_valley_is_why()
    {
        // 365 nights × 40 kWh = 14,600 kWh: flat 0.39 → 5,694.00; valley 0.14 → 2,044.00.
        var result = PackageRecommender.Recommend(Flat(0.39m), [ResidentialTou()], Household, NightOwl(WindowStart, WindowEnd), AsOf);

        Assert.Equal(RecommendationConfidence.Sufficient, result.Confidence);
        Assert.Equal(Money.Of(5_694m), result.Current!.AnnualCost);
        var option = Assert.Single(result.Options);
        Assert.Equal(Money.Of(2_044m), option.Cost.AnnualCost);
        Assert.Equal(Money.Of(3_650m), option.SavingVsCurrent);
        Assert.Equal(12, option.Cost.MonthlyBills.Count);
        Assert.Equal(new CostDriver(CostComponent.Energy, TouPeriod.Valley, null, 14_600m, Money.Of(5_694m), Money.Of(2_044m)), Assert.Single(option.Drivers));
    }

    [Fact]
    public void Options_are_ordered_cheapest_first_and_ineligible_packages_are_skipped()
    {
        var result = PackageRecommender.Recommend(Flat(0.39m), [Flat(0.50m, "DEAR"), ResidentialTou(), XinjiangTwoPart(BasicChargeMethod.Capacity)],
            Household, NightOwl(WindowStart, WindowEnd), AsOf);

        Assert.Equal(["RES-TOU", "DEAR"], result.Options.Select(o => o.Cost.PackageCode));
        Assert.Equal(["XJ-2P-CAP"], result.SkippedIneligible);
        Assert.True(result.Options[1].SavingVsCurrent.IsNegative);
    }

    [Fact]
    public void Eight_months_of_data_is_not_enough_and_the_figures_say_why()
    {
        var readings = NightOwl(new DateOnly(2024, 11, 1), WindowEnd);

        var result = PackageRecommender.Recommend(Flat(0.39m), [ResidentialTou()], Household, readings, AsOf);

        Assert.Equal(RecommendationConfidence.InsufficientData, result.Confidence);
        Assert.Empty(result.Options);
        Assert.Null(result.Current);
        Assert.Equal((WindowStart, WindowEnd, 8), (result.Coverage.WindowStart, result.Coverage.WindowEnd, result.Coverage.MonthsCovered));
        Assert.Equal(365 * 96, result.Coverage.ExpectedReadings);
        Assert.Equal(242 * 96, result.Coverage.PresentReadings);
    }

    [Theory]
    [InlineData(273, false)] // 1 Oct – 30 Jun: 9 months covered but 273 / 365 = 74.8% of readings
    [InlineData(274, true)]  // one more day (30 Sep): 75.1%
    public void Nine_months_pass_only_with_75_percent_of_readings(int days, bool sufficient)
    {
        var readings = NightOwl(WindowEnd.AddDays(-days), WindowEnd);

        var result = PackageRecommender.Recommend(Flat(0.39m), [ResidentialTou()], Household, readings, AsOf);

        Assert.Equal(9, result.Coverage.MonthsCovered);
        Assert.Equal(sufficient ? RecommendationConfidence.Sufficient : RecommendationConfidence.InsufficientData, result.Confidence);
    }

    [Theory]
    [InlineData(9, 100, 75, true)]
    [InlineData(9, 100, 74, false)]
    [InlineData(8, 100, 100, false)]
    [InlineData(12, 0, 0, false)]
    public void Sufficiency_needs_9_months_and_75_percent_of_readings(int months, int expected, int present, bool sufficient) =>
        Assert.Equal(sufficient, new DataCoverage(WindowStart, WindowEnd, months, expected, present).IsSufficient);

    [Fact]
    public void A_month_with_under_half_its_readings_does_not_count_as_covered()
    {
        var readings = NightOwl(WindowStart, WindowEnd).Where(r => r.Date.Month != 3 || r.Date.Day <= 15).ToList();

        var result = PackageRecommender.Recommend(Flat(0.39m), [], Household, readings, AsOf);

        Assert.Equal(11, result.Coverage.MonthsCovered);
    }

    [Fact]
    public void Annual_tiers_see_one_full_tariff_year_across_the_window()
    {
        // 12 kWh a day for 365 days = 4,380 kWh → 2,760 in tier 1 and 1,620 in tier 2, whatever month the window starts.
        var readings = Constant(WindowStart, WindowEnd, 500, minutes: 60);

        var result = PackageRecommender.Recommend(ZhejiangTiered(), [], Household, readings, AsOf);

        var tiers = result.Current!.MonthlyBills.SelectMany(b => b.KwhByTier).GroupBy(t => t.Tier).ToDictionary(g => g.Key, g => g.Sum(t => t.Kwh));
        Assert.Equal((2760m, 1620m, 0m), (tiers[1], tiers[2], tiers[3]));
    }

    [Fact]
    public void Tiered_packages_are_compared_tier_by_tier()
    {
        var readings = Constant(WindowStart, WindowEnd, 500, minutes: 60);

        var result = PackageRecommender.Recommend(ZhejiangTiered(), [Flat(0.55m)], Household, readings, AsOf);

        var drivers = result.Options.Single().Drivers;
        Assert.Equal([1, 2], drivers.Select(d => d.Tier!.Value).Order());
        // Tier 2 is Aug–Dec 2024 under the current package: 156 kWh (91.73) + 211.68 + 218.74 + 211.68 + 218.74 —
        // each month's line rounded to the fen, so 952.57 rather than 1,620 × 0.588 = 952.56. A flat package has no tier 2.
        Assert.Equal(Money.Of(-952.57m), drivers.Single(d => d.Tier == 2).Difference);
    }

    [Fact]
    public void A_what_if_shift_to_the_valley_is_applied_to_every_package_alike()
    {
        // Constant 1 kWh per 15 min; shifting all peak use to the valley leaves 96 kWh/day, all valley.
        var readings = Constant(WindowStart, WindowEnd, 1000);

        var result = PackageRecommender.Recommend(Flat(0.39m), [ResidentialTou()], Household, readings, AsOf, new WhatIf(ShiftPeakToValleyPercent: 100m));

        var option = result.Options.Single();
        Assert.Equal(Money.Of(365 * 96 * 0.39m), result.Current!.AnnualCost);
        Assert.Equal(Money.Of(365 * 96 * 0.14m), option.Cost.AnnualCost);
        Assert.All(option.Cost.MonthlyBills, b => Assert.Equal(0m, b.KwhByPeriod.Single(p => p.Period == TouPeriod.Peak).Kwh));
    }

    [Fact]
    public void A_what_if_cut_scales_use_down()
    {
        var readings = Constant(WindowStart, WindowEnd, 1000);

        var result = PackageRecommender.Recommend(Flat(0.5m), [], Household, readings, AsOf, new WhatIf(CutOverallPercent: 10m));

        Assert.Equal(Money.Of(365 * 96 * 0.9m * 0.5m), result.Current!.AnnualCost);
    }

    [Fact]
    public void What_if_percentages_outside_0_to_100_are_refused() =>
        Assert.Equal("Tariff.WhatIfOutOfRange", Assert.Throws<DomainException>(() =>
            PackageRecommender.Recommend(Flat(0.5m), [], Household, [], AsOf, new WhatIf(CutOverallPercent: 101m))).Code);

    [Fact]
    public void Shifting_half_the_peak_moves_it_evenly_onto_valley_intervals()
    {
        var day = new BillingPeriod(WindowStart, WindowStart.AddDays(1));
        var usage = PeriodUsage.Prepare(day, Constant(day.Start, day.End, 1000));

        var shifted = usage.WithWhatIf(CompiledTariff.Compile(ResidentialTou()), 0.5m, 0m);

        // 56 peak intervals give 500 Wh each = 28,000 Wh over 40 valley intervals = +700 Wh each.
        var wh = shifted.Days[0].WattHours.ToArray();
        Assert.Equal(500, wh[40]);
        Assert.Equal(1700, wh[0]);
        Assert.Equal(usage.TotalWh, shifted.TotalWh);
    }
}
