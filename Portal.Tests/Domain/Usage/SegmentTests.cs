using Portal.Domain.Common;
using Portal.Domain.Usage;
using Xunit;
using static Portal.Tests.Domain.Usage.UsageTestData;

namespace Portal.Tests.Domain.Usage;

public class SegmentTests
{
    /// <summary>Weekday profile from hourly weights; weekend the same unless given.</summary>
    private static LoadShape Shape(Func<int, double> weekday, double winter = 1, double summer = 1, double weekendRatio = 1, Func<int, double>? weekend = null) =>
        new(LoadShape.Normalize(Enumerable.Range(0, 24).Select(h => weekday(h)).ToArray()),
            LoadShape.Normalize(Enumerable.Range(0, 24).Select(h => (weekend ?? weekday)(h)).ToArray()), winter, summer, weekendRatio);

    private static double Jitter(int seed, int h) => 1 + 0.05 * Math.Sin(seed * 7.3 + h * 1.7);

    internal static LoadShape Archetypal(LoadArchetype a, int seed = 0) => a switch
    {
        LoadArchetype.EveningPeaker => Shape(h => (h is >= 17 and < 22 ? 3 : 0.8) * Jitter(seed, h)),
        LoadArchetype.AllDayFlat => Shape(h => (h is >= 7 and < 23 ? 1.6 : 0.5) * Jitter(seed, h)),
        LoadArchetype.WinterHeater => Shape(h => (h is >= 17 and < 22 ? 2 : 1) * Jitter(seed, h), winter: 2.5),
        LoadArchetype.NightOwl => Shape(h => (h is >= 22 or < 3 ? 3 : 0.8) * Jitter(seed, h)),
        LoadArchetype.DaytimeBusiness => Shape(h => (h is >= 8 and < 18 ? 5 : 0.5) * Jitter(seed, h), weekendRatio: 0.3, weekend: h => 1),
        LoadArchetype.RoundTheClockBusiness => Shape(h => (h is >= 8 and < 18 ? 1.15 : 1) * Jitter(seed, h), weekendRatio: 0.95),
        _ => throw new ArgumentOutOfRangeException(nameof(a)),
    };

    [Theory]
    [InlineData(LoadArchetype.EveningPeaker)]
    [InlineData(LoadArchetype.AllDayFlat)]
    [InlineData(LoadArchetype.WinterHeater)]
    [InlineData(LoadArchetype.NightOwl)]
    [InlineData(LoadArchetype.DaytimeBusiness)]
    [InlineData(LoadArchetype.RoundTheClockBusiness)]
    public void Clear_examples_get_their_archetype_name(LoadArchetype archetype) =>
        Assert.Equal(archetype, ArchetypeRules.Name(Archetypal(archetype)));

    [Theory]
    [InlineData(1.49, LoadArchetype.EveningPeaker)]
    [InlineData(1.50, LoadArchetype.WinterHeater)]
    public void Winter_heater_starts_at_one_and_a_half_times_shoulder_use(double winter, LoadArchetype expected) =>
        Assert.Equal(expected, ArchetypeRules.Name(Archetypal(LoadArchetype.EveningPeaker) with { WinterRatio = winter }));

    [Theory]
    [InlineData(0.29, LoadArchetype.AllDayFlat)]
    [InlineData(0.31, LoadArchetype.EveningPeaker)]
    public void Evening_peaker_needs_thirty_percent_of_weekday_energy_from_17_to_22(double share, LoadArchetype expected)
    {
        // Five evening hours share `share`; the other 19 split the rest evenly (but with a small morning rise so it is not flat).
        var evening = share / 5;
        var other = (1 - share) / 19;
        var s = Shape(h => h is >= 17 and < 22 ? evening : h == 8 ? other * 1.5 : other);
        Assert.Equal(expected, ArchetypeRules.Name(s));
    }

    [Theory]
    [InlineData(1.29, 0.95, LoadArchetype.RoundTheClockBusiness)]
    [InlineData(1.31, 0.95, LoadArchetype.AllDayFlat)]
    [InlineData(1.29, 0.84, LoadArchetype.AllDayFlat)]
    public void Round_the_clock_needs_a_flat_weekday_and_busy_weekends(double peakToMean, double weekendRatio, LoadArchetype expected)
    {
        // One hour at peakToMean × mean, the rest equal.
        var peak = peakToMean / 24;
        var rest = (1 - peak) / 23;
        var s = Shape(h => h == 12 ? peak : rest, weekendRatio: weekendRatio);
        Assert.Equal(peakToMean, s.WeekdayPeakToMean, 9);
        Assert.Equal(expected, ArchetypeRules.Name(s));
    }

    [Theory]
    [InlineData(0.56, 0.8, LoadArchetype.DaytimeBusiness)]
    [InlineData(0.54, 0.8, LoadArchetype.AllDayFlat)]
    [InlineData(0.56, 0.81, LoadArchetype.AllDayFlat)]
    public void Daytime_business_needs_55_percent_between_8_and_18_and_quieter_weekends(double share, double weekendRatio, LoadArchetype expected)
    {
        var day = share / 10;
        var other = (1 - share) / 14;
        Assert.Equal(expected, ArchetypeRules.Name(Shape(h => h is >= 8 and < 18 ? day : other, weekendRatio: weekendRatio)));
    }

    [Theory]
    [InlineData(0.29, LoadArchetype.AllDayFlat)]
    [InlineData(0.31, LoadArchetype.NightOwl)]
    public void Night_owl_needs_thirty_percent_between_22_and_03(double share, LoadArchetype expected)
    {
        var night = share / 5;
        var other = (1 - share) / 19;
        Assert.Equal(expected, ArchetypeRules.Name(Shape(h => h is >= 22 or < 3 ? night : h == 8 ? other * 1.5 : other)));
    }

    [Fact]
    public void Load_shape_from_readings_normalizes_profiles_and_measures_ratios()
    {
        // Jan (winter) at 2 kWh/h in the evening, Apr (shoulder) at 1; weekends half as much.
        var days = Days(new DateOnly(2025, 1, 6), 14, d => Day(d, 60, m => m / 60 is >= 17 and < 22 ? (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1000 : 2000) : 0))
            .Concat(Days(new DateOnly(2025, 4, 7), 14, d => Day(d, 60, m => m / 60 is >= 17 and < 22 ? (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 500 : 1000) : 0)))
            .ToArray();
        var s = LoadShape.From(days);
        Assert.Equal(1.0, s.Weekday.Sum(), 9);
        Assert.Equal(0.2, s.Weekday[18], 9);
        Assert.Equal(2.0, s.WinterRatio, 9);
        Assert.Equal(1.0, s.SummerRatio, 9); // unknown summer → neutral
        Assert.Equal(0.5, s.WeekendRatio, 9);
        Assert.Equal(LoadArchetype.WinterHeater, ArchetypeRules.Name(s));
    }

    [Fact]
    public void Feature_vector_round_trips_to_the_same_shape()
    {
        var s = Archetypal(LoadArchetype.DaytimeBusiness) with { WinterRatio = 1.7, SummerRatio = 0.8 };
        var back = LoadShape.FromVector(s.ToVector());
        Assert.Equal(s.Weekday, back.Weekday);
        Assert.Equal(1.7, back.WinterRatio, 9);
        Assert.Equal(0.3, back.WeekendRatio, 9);
    }

    [Fact]
    public void K_means_separates_well_apart_groups()
    {
        double[][] points = [[0, 0], [0.1, 0], [0, 0.1], [10, 10], [10.1, 10], [10, 10.1], [-10, 10], [-10.1, 10]];
        var r = KMeans.Fit(points, 3, seed: 1);
        Assert.Equal(r.Assignments[0], r.Assignments[2]);
        Assert.Equal(r.Assignments[3], r.Assignments[5]);
        Assert.Equal(r.Assignments[6], r.Assignments[7]);
        Assert.Equal(3, r.Assignments.Distinct().Count());
        Assert.True(r.Inertia < 0.1);
    }

    [Fact]
    public void K_means_is_deterministic_for_a_seed()
    {
        var rng = new Random(3);
        var points = Enumerable.Range(0, 60).Select(_ => new[] { rng.NextDouble(), rng.NextDouble(), rng.NextDouble() }).ToArray();
        var a = KMeans.Fit(points, 4, seed: 42);
        var b = KMeans.Fit(points, 4, seed: 42);
        Assert.Equal(a.Assignments, b.Assignments);
        Assert.Equal(a.Inertia, b.Inertia);
    }

    [Fact]
    public void K_means_copes_with_identical_points()
    {
        var points = Enumerable.Repeat(new[] { 1.0, 1.0 }, 5).ToArray();
        var r = KMeans.Fit(points, 2, seed: 1);
        Assert.Equal(0, r.Inertia);
        Assert.Equal(2, r.Centroids.Count);
    }

    [Theory]
    [InlineData(0, "Segment.KTooSmall")]
    [InlineData(4, "Segment.TooFewPoints")]
    public void K_means_refuses_impossible_k(int k, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => KMeans.Fit([[0.0], [1.0], [2.0]], k, 1)).Code);

    [Fact]
    public void A_model_trained_on_archetypal_accounts_names_each_cluster_and_classifies_new_accounts()
    {
        var archetypes = Enum.GetValues<LoadArchetype>();
        var training = archetypes.SelectMany(a => Enumerable.Range(0, 10).Select(i => Archetypal(a, i))).ToArray();
        var model = SegmentModel.Train(training, archetypes.Length);

        Assert.Equal(archetypes.OrderBy(a => a), model.Archetypes.OrderBy(a => a));
        foreach (var a in archetypes)
            Assert.Equal(a, model.Classify(Archetypal(a, seed: 99)).Archetype);
    }

    [Fact]
    public void A_model_survives_a_json_round_trip()
    {
        var training = Enum.GetValues<LoadArchetype>().SelectMany(a => Enumerable.Range(0, 5).Select(i => Archetypal(a, i))).ToArray();
        var model = SegmentModel.Train(training, 6, seed: 7);
        var back = SegmentModel.FromJson(model.ToJson());
        Assert.Equal(model.Archetypes, back.Archetypes);
        Assert.Equal(7UL, back.Seed);
        var probe = Archetypal(LoadArchetype.NightOwl, 5);
        Assert.Equal(model.Classify(probe), back.Classify(probe));
    }

    [Fact]
    public void A_corrupt_model_is_refused() =>
        Assert.Equal("Segment.ModelUnreadable", Assert.Throws<DomainException>(() =>
            SegmentModel.FromJson("""{"Seed":1,"Centroids":[[1,2]],"Archetypes":[0]}""")).Code);
}
