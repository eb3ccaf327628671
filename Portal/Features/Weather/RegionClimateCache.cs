using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Usage;
using Portal.Domain.Weather;

namespace Portal.Features.Weather;

/// <summary>Every region's temperatures and published normals as of the last import (of either): its time stamp, the rows of both tables, and one <see cref="RegionClimate"/> per region (ordinal names).</summary>
public sealed record ClimateSnapshot(DateTime? LastImportUtc, int Rows, IReadOnlyDictionary<string, RegionClimate> Regions)
{
    public static readonly ClimateSnapshot Empty = new(null, 0, new Dictionary<string, RegionClimate>(StringComparer.Ordinal));

    /// <summary>The region's climate, or null when none is held for it.</summary>
    public RegionClimate? For(string region) => Regions.TryGetValue(region, out var c) ? c : null;
}

/// <summary>
/// The running portal's one source of the region temperatures the forecast reads (the usage page's fallback and the
/// nightly refresh). Cached per instance like the working calendar: at most every <see cref="RefreshInterval"/> one
/// small query compares the latest import time and the row count (observations and published normals), and only a change reloads the rows (tens of thousands
/// at most: 12 years × 365 days × a few regions). The instance that imported drops its cache at once; the refresh job
/// asks for a fresh read once per run.
/// </summary>
public sealed class RegionClimateCache(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(60);
    /// <summary>Years of observations read: the normals' 10 years before a forecast's days, and the year before that for the fit.</summary>
    public const int YearsRead = RegionClimate.NormalYears + 2;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile State? _state;

    private sealed record State(ClimateSnapshot Snapshot, DateTimeOffset CheckedAt, DateOnly From);

    /// <param name="fresh">Compare with the database now, whatever the interval (the nightly refresh, once per run).</param>
    public async Task<ClimateSnapshot> CurrentAsync(bool fresh = false, CancellationToken ct = default)
    {
        if (!fresh && Fresh(_state) is { } hit) return hit;
        await _gate.WaitAsync(ct);
        try
        {
            var state = _state;
            if (!fresh && Fresh(state) is { } again) return again;
            var now = clock.GetUtcNow();
            var from = DateOnly.FromDateTime(now.UtcDateTime.AddHours(8)).AddYears(-YearsRead);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var last = Max(await db.Set<RegionTemperatureRow>().MaxAsync(r => (DateTime?)r.ImportedAtUtc, ct),
                await db.Set<RegionTemperatureNormalRow>().MaxAsync(r => (DateTime?)r.ImportedAtUtc, ct));
            var count = await db.Set<RegionTemperatureRow>().CountAsync(ct) + await db.Set<RegionTemperatureNormalRow>().CountAsync(ct);
            if (state is not null && state.Snapshot.LastImportUtc == last && state.Snapshot.Rows == count && state.From == from)
            {
                _state = state with { CheckedAt = now };
                return state.Snapshot;
            }
            var rows = await db.Set<RegionTemperatureRow>().AsNoTracking().Where(r => r.Date >= from)
                .Select(r => new { r.Region, r.Date, r.MeanC, r.Estimated }).ToListAsync(ct);
            var published = (await db.Set<RegionTemperatureNormalRow>().AsNoTracking()
                    .Select(r => new { r.Region, r.Month, r.Day, r.NormalC, r.Source }).ToListAsync(ct))
                .GroupBy(r => r.Region, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new PublishedNormals(g.Select(r => new RegionNormal(r.Region, r.Month, r.Day, r.NormalC)),
                    g.Select(r => r.Source).Distinct().Order(StringComparer.Ordinal).First()), StringComparer.Ordinal);
            var observed = rows.GroupBy(r => r.Region, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var regions = observed.Keys.Union(published.Keys, StringComparer.Ordinal).ToDictionary(r => r, r =>
            {
                var days = observed.GetValueOrDefault(r) ?? [];
                return new RegionClimate(days.Select(d => new DailyTemperature(d.Date, d.MeanC)), published.GetValueOrDefault(r),
                    days.Where(d => d.Estimated).Select(d => d.Date));
            }, StringComparer.Ordinal);
            var snapshot = count == 0 ? ClimateSnapshot.Empty : new ClimateSnapshot(last, count, regions);
            _state = new State(snapshot, now, from);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>The instance that imported calls this, so its own next read sees the new rows.</summary>
    public void Invalidate() => _state = null;

    private ClimateSnapshot? Fresh(State? state) =>
        state is not null && clock.GetUtcNow() - state.CheckedAt < RefreshInterval ? state.Snapshot : null;
}
