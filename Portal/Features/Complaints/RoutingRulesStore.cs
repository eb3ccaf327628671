using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Complaints;

namespace Portal.Features.Complaints;

/// <summary>One saved version of the routing rules: the whole configuration as a JSON document. Never updated, only added.</summary>
public sealed class RoutingRulesVersion
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string Json { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedBy { get; set; }
    public string? Comment { get; set; }
}

public sealed record RoutingRulesInfo(int Version, string Json, DateTime CreatedAtUtc, string? CreatedBy);

/// <summary>Routing problems for the admin's editor: a JSON syntax error is one problem with code Routing.InvalidJson.</summary>
public sealed record RulesCheck(RoutingRules? Rules, IReadOnlyList<ValidationProblem> Problems);

/// <summary>
/// The routing rules in force: the newest stored version, seeded from <see cref="RoutingRules.SeedDefault"/> when
/// none exists. Cached per version so the routing job does not re-parse JSON for every complaint.
/// </summary>
public sealed class RoutingRulesStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private (int Version, RoutingRules Rules)? _cache;

    public async Task<(int Version, RoutingRules Rules)> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.ComplaintRoutingRules.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, v.Json }).FirstOrDefaultAsync(ct);
        if (latest is null) return (0, RoutingRules.SeedDefault());
        lock (_gate)
        {
            if (_cache is { } c && c.Version == latest.Version) return c;
        }
        var rules = RoutingRulesJson.Deserialize(latest.Json);
        lock (_gate) _cache = (latest.Version, rules);
        return (latest.Version, rules);
    }

    public async Task<RoutingRulesInfo> CurrentInfoAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.ComplaintRoutingRules.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new RoutingRulesInfo(v.Version, v.Json, v.CreatedAtUtc, v.CreatedBy)).FirstOrDefaultAsync(ct);
        return latest ?? new RoutingRulesInfo(0, RoutingRulesJson.Serialize(RoutingRules.SeedDefault().Settings), DateTime.MinValue, null);
    }

    public static RulesCheck Check(string json)
    {
        RoutingSettings? settings;
        try
        {
            settings = System.Text.Json.JsonSerializer.Deserialize<RoutingSettings>(json, JsonOptions);
        }
        catch (System.Text.Json.JsonException e)
        {
            return new(null, [new("Routing.InvalidJson", e.Message)]);
        }
        catch (NotSupportedException e)
        {
            return new(null, [new("Routing.InvalidJson", e.Message)]);
        }
        if (settings is null) return new(null, [new("Routing.InvalidJson", "The document is empty.")]);
        var problems = RoutingRules.Validate(settings);
        return problems.Count > 0 ? new(null, problems) : new(RoutingRules.Create(settings), []);
    }

    /// <summary>Stores a new version after validating it; returns the problems instead when it is invalid.</summary>
    public async Task<(int? Version, IReadOnlyList<ValidationProblem> Problems)> SaveAsync(string json, string userId, CancellationToken ct = default)
    {
        var check = Check(json);
        if (check.Rules is null) return (null, check.Problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var next = (await db.ComplaintRoutingRules.MaxAsync(v => (int?)v.Version, ct) ?? 0) + 1;
        db.ComplaintRoutingRules.Add(new RoutingRulesVersion
        {
            Version = next,
            Json = RoutingRulesJson.Serialize(check.Rules.Settings),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = userId,
        });
        await db.SaveChangesAsync(ct);
        return (next, []);
    }

    /// <summary>Stores the seeded rules as version 1 if the table is empty (start-up and demo seed).</summary>
    public async Task EnsureSeededAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ComplaintRoutingRules.AnyAsync(ct)) return;
        db.ComplaintRoutingRules.Add(new RoutingRulesVersion
        {
            Version = 1,
            Json = RoutingRulesJson.Serialize(RoutingRules.SeedDefault().Settings),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Comment = "Seeded from RoutingRules.SeedDefault()",
        });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { /* another instance seeded it first */ }
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
