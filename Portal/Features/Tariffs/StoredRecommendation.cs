using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain.Common;
using Portal.Domain.Tariffs;

namespace Portal.Features.Tariffs;

/// <summary>
/// The nightly recommendation of one account (<see cref="RecommendationRefreshJob"/>). It stays valid while its
/// inputs do: the same 12-month window, the same current package, the same catalogue versions and no readings
/// imported into the window since it was computed. The page and the home card read it; the what-if re-prices live.
/// </summary>
public sealed class TariffRecommendationRow
{
    public Guid AccountId { get; set; }
    /// <summary>First day after the replayed 12 months (the first of the month it was computed in, China time).</summary>
    public DateOnly WindowEnd { get; set; }
    public string CurrentPackageCode { get; set; } = "";
    /// <summary><see cref="RecommendationSnapshot.CatalogStamp"/> of the catalogue it was priced with.</summary>
    public string CatalogStamp { get; set; } = "";
    public int Confidence { get; set; }
    public string? BestPackageCode { get; set; }
    /// <summary>¥ a year the cheapest eligible package saves against the current one (negative: all cost more).</summary>
    public decimal? BestSaving { get; set; }
    /// <summary><see cref="RecommendationSnapshot"/> as JSON: what the cards show, without the monthly bills.</summary>
    public string Json { get; set; } = "";
    public DateTime ComputedAtUtc { get; set; }
}

/// <summary>A <see cref="Recommendation"/> without its monthly bills, in a shape that round-trips through JSON.</summary>
public sealed record RecommendationSnapshot(
    RecommendationConfidence Confidence,
    DataCoverage Coverage,
    SnapshotCost? Current,
    IReadOnlyList<SnapshotOption> Options,
    IReadOnlyList<string> SkippedIneligible)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Which package versions were in the catalogue: a publish changes it, so every stored row goes stale.</summary>
    public static string CatalogStamp(IEnumerable<TariffPackage> packages) =>
        string.Join(",", packages.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => $"{p.Code}:{p.Version}"));

    public static RecommendationSnapshot From(Recommendation r) => new(r.Confidence, r.Coverage,
        r.Current is { } c ? new SnapshotCost(c.PackageCode, c.PackageVersion, c.AnnualCost.Yuan) : null,
        r.Options.Select(o => new SnapshotOption(new SnapshotCost(o.Cost.PackageCode, o.Cost.PackageVersion, o.Cost.AnnualCost.Yuan), o.SavingVsCurrent.Yuan,
            o.Drivers.Select(d => new SnapshotDriver(d.Component, d.Period, d.Tier, d.Kwh, d.Current.Yuan, d.Candidate.Yuan)).ToList())).ToList(),
        r.SkippedIneligible);

    /// <summary>Back to the shape the page renders; the costs carry no monthly bills.</summary>
    public Recommendation ToRecommendation() => new(Confidence, Coverage,
        Current?.ToCost(),
        Options.Select(o => new PackageOption(o.Cost.ToCost(), new Money(o.Saving),
            o.Drivers.Select(d => new CostDriver(d.Component, d.Period, d.Tier, d.Kwh, new Money(d.Current), new Money(d.Candidate))).ToList())).ToList(),
        SkippedIneligible, null);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static RecommendationSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<RecommendationSnapshot>(json, JsonOptions) ?? throw new JsonException("Empty recommendation snapshot.");
}

public sealed record SnapshotCost(string Code, int Version, decimal AnnualCost)
{
    public PackageCost ToCost() => new(Code, Version, new Money(AnnualCost), []);
}

public sealed record SnapshotOption(SnapshotCost Cost, decimal Saving, IReadOnlyList<SnapshotDriver> Drivers);

public sealed record SnapshotDriver(CostComponent Component, TouPeriod? Period, int? Tier, decimal Kwh, decimal Current, decimal Candidate);
