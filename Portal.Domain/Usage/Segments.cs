using System.Text.Json;

namespace Portal.Domain.Usage;

public enum LoadArchetype
{
    EveningPeaker = 0,
    AllDayFlat = 1,
    WinterHeater = 2,
    NightOwl = 3,
    DaytimeBusiness = 4,
    RoundTheClockBusiness = 5,
}

/// <summary>
/// An account's load shape: weekday and weekend 24-hour profiles each normalized to sum 1, and level ratios
/// (winter and summer average daily kWh over shoulder months, weekend over weekday). Ratios are 1 where unknown.
/// </summary>
public sealed record LoadShape(IReadOnlyList<double> Weekday, IReadOnlyList<double> Weekend, double WinterRatio, double SummerRatio, double WeekendRatio)
{
    /// <summary>
    /// Weight of the log-ratios against the profile hours. Profile distances are ~0.05–0.3; 0.15 × ln 2 ≈ 0.10 makes
    /// "twice as much in winter" about as far as moving a tenth of the day's energy to other hours.
    /// </summary>
    public const double RatioWeight = 0.15;

    public static LoadShape From(IReadOnlyList<DayReadings> days) => From(UsageInsights.AverageProfiles(days), UsageInsights.Seasonality(days));

    /// <summary>The shape from the hourly profiles and seasonality of the same days (see <see cref="ProfileAccumulator"/>).</summary>
    public static LoadShape From(DailyProfiles profiles, Seasonality season)
    {
        var weekdaySum = profiles.WeekdayKw.Sum();
        var weekendSum = profiles.WeekendKw.Sum();
        return new LoadShape(Normalize(profiles.WeekdayKw), Normalize(weekendSum > 0 ? profiles.WeekendKw : profiles.WeekdayKw),
            season.WinterToShoulder ?? 1, season.SummerToShoulder ?? 1,
            weekdaySum > 0 && weekendSum > 0 ? weekendSum / weekdaySum : 1);
    }

    public static IReadOnlyList<double> Normalize(IReadOnlyList<double> hours)
    {
        if (hours.Count != 24) throw new Common.DomainException("Segment.ProfileLength", "A profile has 24 hours.");
        var sum = hours.Sum();
        return sum <= 0 ? Enumerable.Repeat(1 / 24.0, 24).ToArray() : hours.Select(h => h / sum).ToArray();
    }

    /// <summary>The k-means feature vector: 24 + 24 profile shares and three weighted log-ratios.</summary>
    public double[] ToVector()
    {
        var v = new double[51];
        for (var h = 0; h < 24; h++) { v[h] = Weekday[h]; v[24 + h] = Weekend[h]; }
        v[48] = RatioWeight * Math.Log(Math.Max(WinterRatio, 0.01));
        v[49] = RatioWeight * Math.Log(Math.Max(SummerRatio, 0.01));
        v[50] = RatioWeight * Math.Log(Math.Max(WeekendRatio, 0.01));
        return v;
    }

    public static LoadShape FromVector(IReadOnlyList<double> v) =>
        new(v.Take(24).ToArray(), v.Skip(24).Take(24).ToArray(),
            Math.Exp(v[48] / RatioWeight), Math.Exp(v[49] / RatioWeight), Math.Exp(v[50] / RatioWeight));

    private static double Share(IReadOnlyList<double> p, int fromHour, int toHour)
    {
        double s = 0;
        for (var h = fromHour; h != toHour; h = (h + 1) % 24) s += p[h];
        return s;
    }

    /// <summary>Share of the weekday energy in [from, to) hours, wrapping past midnight.</summary>
    public double WeekdayShare(int fromHour, int toHour) => Share(Weekday, fromHour, toHour);

    /// <summary>Highest hour over the mean hour of the weekday profile (1 = perfectly flat).</summary>
    public double WeekdayPeakToMean => Weekday.Max() * 24;
}

/// <summary>
/// Names a centroid by explicit rules, checked in this order (first match wins):
/// <list type="number">
/// <item><b>WinterHeater</b>: winter days use ≥ 1.5× the shoulder-month days.</item>
/// <item><b>RoundTheClockBusiness</b>: weekday highest hour ≤ 1.3× the mean hour and weekends at ≥ 0.85× weekdays — a steady
/// 24/7 load (data rooms, cold stores, hospitals); homes always have a morning or evening rise.</item>
/// <item><b>DaytimeBusiness</b>: ≥ 55 % of weekday energy 08:00–18:00 and weekends at ≤ 0.8× weekdays.</item>
/// <item><b>NightOwl</b>: ≥ 30 % of weekday energy 22:00–03:00 (a flat day has 21 %).</item>
/// <item><b>EveningPeaker</b>: ≥ 30 % of weekday energy 17:00–22:00 (a flat day has 21 %).</item>
/// <item><b>AllDayFlat</b>: anything else — use spread over the day without a dominant window.</item>
/// </list>
/// </summary>
public static class ArchetypeRules
{
    public const double WinterHeaterRatio = 1.5;
    public const double RoundTheClockPeakToMean = 1.3;
    public const double RoundTheClockWeekendRatio = 0.85;
    public const double DaytimeShare = 0.55;
    public const double DaytimeWeekendRatio = 0.8;
    public const double NightShare = 0.30;
    public const double EveningShare = 0.30;

    public static LoadArchetype Name(LoadShape s)
    {
        if (s.WinterRatio >= WinterHeaterRatio) return LoadArchetype.WinterHeater;
        if (s.WeekdayPeakToMean <= RoundTheClockPeakToMean && s.WeekendRatio >= RoundTheClockWeekendRatio) return LoadArchetype.RoundTheClockBusiness;
        if (s.WeekdayShare(8, 18) >= DaytimeShare && s.WeekendRatio <= DaytimeWeekendRatio) return LoadArchetype.DaytimeBusiness;
        if (s.WeekdayShare(22, 3) >= NightShare) return LoadArchetype.NightOwl;
        if (s.WeekdayShare(17, 22) >= EveningShare) return LoadArchetype.EveningPeaker;
        return LoadArchetype.AllDayFlat;
    }
}

public sealed record KMeansResult(IReadOnlyList<double[]> Centroids, IReadOnlyList<int> Assignments, double Inertia, int Iterations);

/// <summary>
/// Lloyd's k-means with k-means++ seeding and its own SplitMix64 generator, so the same data and seed give the
/// same clusters on every runtime (System.Random's seeded sequence is not a documented contract).
/// An emptied cluster is re-seeded with the point farthest from its centroid.
/// </summary>
public static class KMeans
{
    public static KMeansResult Fit(IReadOnlyList<double[]> points, int k, ulong seed, int maxIterations = 100)
    {
        if (k < 1) throw new Common.DomainException("Segment.KTooSmall", "k must be at least 1.");
        if (points.Count < k) throw new Common.DomainException("Segment.TooFewPoints", $"Need at least {k} points, got {points.Count}.");
        var dim = points[0].Length;
        if (points.Any(p => p.Length != dim)) throw new Common.DomainException("Segment.DimensionMismatch", "All points need the same length.");

        var rng = new SplitMix64(seed);
        var centroids = new List<double[]> { (double[])points[(int)(rng.NextDouble() * points.Count)].Clone() };
        var nearest = points.Select(p => Distance2(p, centroids[0])).ToArray();
        while (centroids.Count < k)
        {
            var total = nearest.Sum();
            var pick = 0;
            if (total > 0)
            {
                var target = rng.NextDouble() * total;
                for (double acc = 0; pick < points.Count - 1; pick++)
                {
                    acc += nearest[pick];
                    if (acc > target) break;
                }
            }
            else pick = centroids.Count; // all points identical: any distinct index will do
            centroids.Add((double[])points[pick].Clone());
            for (var i = 0; i < points.Count; i++) nearest[i] = Math.Min(nearest[i], Distance2(points[i], centroids[^1]));
        }

        var assign = new int[points.Count];
        var iterations = 0;
        for (var changed = true; changed && iterations < maxIterations; iterations++)
        {
            changed = iterations == 0; // the first pass must always compute means
            for (var i = 0; i < points.Count; i++)
            {
                var best = Nearest(centroids, points[i], out _);
                if (best != assign[i]) { assign[i] = best; changed = true; }
            }
            for (var c = 0; c < k; c++)
            {
                var members = Enumerable.Range(0, points.Count).Where(i => assign[i] == c).ToArray();
                if (members.Length == 0)
                {
                    var far = Enumerable.Range(0, points.Count).MaxBy(i => Distance2(points[i], centroids[assign[i]]));
                    assign[far] = c;
                    centroids[c] = (double[])points[far].Clone();
                    changed = true;
                    continue;
                }
                var mean = new double[dim];
                foreach (var i in members)
                    for (var j = 0; j < dim; j++) mean[j] += points[i][j] / members.Length;
                centroids[c] = mean;
            }
        }
        var inertia = Enumerable.Range(0, points.Count).Sum(i => Distance2(points[i], centroids[assign[i]]));
        return new KMeansResult(centroids, assign, inertia, iterations);
    }

    public static int Nearest(IReadOnlyList<double[]> centroids, double[] point, out double distance2)
    {
        var best = 0;
        distance2 = double.MaxValue;
        for (var c = 0; c < centroids.Count; c++)
        {
            var d = Distance2(point, centroids[c]);
            if (d < distance2) { distance2 = d; best = c; }
        }
        return best;
    }

    public static double Distance2(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) { var d = a[i] - b[i]; s += d * d; }
        return s;
    }

    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public double NextDouble()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}

public sealed record SegmentAssignment(int Cluster, LoadArchetype Archetype, double Distance);

/// <summary>
/// Trained centroids with their archetype names. Stored as JSON (<see cref="ToJson"/>) rather than as an entity:
/// it is one small document per training run that a job replaces whole.
/// </summary>
public sealed class SegmentModel
{
    private readonly double[][] _centroids;
    private readonly LoadArchetype[] _names;

    private SegmentModel(double[][] centroids, LoadArchetype[] names, ulong seed)
    {
        _centroids = centroids;
        _names = names;
        Seed = seed;
    }

    public ulong Seed { get; }
    public IReadOnlyList<LoadArchetype> Archetypes => _names;
    public IReadOnlyList<LoadShape> Centroids => _centroids.Select(LoadShape.FromVector).ToArray();

    public const ulong DefaultSeed = 20250601;

    public static SegmentModel Train(IReadOnlyList<LoadShape> shapes, int k, ulong seed = DefaultSeed)
    {
        var result = KMeans.Fit(shapes.Select(s => s.ToVector()).ToArray(), k, seed);
        var centroids = result.Centroids.ToArray();
        return new SegmentModel(centroids, centroids.Select(c => ArchetypeRules.Name(LoadShape.FromVector(c))).ToArray(), seed);
    }

    public SegmentAssignment Classify(LoadShape shape)
    {
        var c = KMeans.Nearest(_centroids, shape.ToVector(), out var d2);
        return new SegmentAssignment(c, _names[c], Math.Sqrt(d2));
    }

    private sealed record Stored(ulong Seed, double[][] Centroids, LoadArchetype[] Archetypes);

    public string ToJson() => JsonSerializer.Serialize(new Stored(Seed, _centroids, _names));

    public static SegmentModel FromJson(string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json) ?? throw new Common.DomainException("Segment.ModelUnreadable", "Empty segment model.");
        if (s.Centroids.Length == 0 || s.Centroids.Length != s.Archetypes.Length || s.Centroids.Any(c => c.Length != 51))
            throw new Common.DomainException("Segment.ModelUnreadable", "Segment model centroids and names do not match.");
        return new SegmentModel(s.Centroids, s.Archetypes, s.Seed);
    }
}
