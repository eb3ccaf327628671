using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Tariffs;

namespace Portal.Features.Tariffs;

/// <summary>
/// The tariff packages in force: for each code, the published version with the latest effective date on or before
/// today (China time). Read from the database (TariffPackageVersions); an empty catalogue is seeded once from the
/// JSON files shipped in Features/Tariffs/SeedPackages, so a fresh database bills from the first request.
/// The set is cached until the day changes or <see cref="Invalidate"/> is called (publishing does).
/// The folder constructor reads the files only (CLI and tests without a database).
/// </summary>
public sealed class TariffCatalog
{
    public static readonly string DefaultSeedFolder = Path.Combine(AppContext.BaseDirectory, "Features", "Tariffs", "SeedPackages");
    /// <summary>Seeded versions count as in force since the Xinjiang catalogue of 2021-01-01.</summary>
    public static readonly DateOnly SeedEffectiveFrom = new(2021, 1, 1);

    private readonly IDbContextFactory<AppDbContext>? _dbFactory;
    private readonly TimeProvider _clock;
    private readonly string _folder;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<(string, int), CompiledTariff> _compiled = new();
    private (DateOnly Day, IReadOnlyDictionary<string, TariffPackage> Packages)? _cache;

    public TariffCatalog(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : this(DefaultSeedFolder)
    {
        _dbFactory = dbFactory;
        _clock = clock;
    }

    public TariffCatalog(string folder)
    {
        _folder = folder;
        _clock = TimeProvider.System;
    }

    public IReadOnlyCollection<TariffPackage> All => Packages.Values.OrderBy(p => p.Code).ToList();

    public TariffPackage Get(string code) =>
        Packages.TryGetValue(code, out var p) ? p : throw new KeyNotFoundException($"Tariff package '{code}' is not in the catalogue.");

    public bool TryGet(string code, out TariffPackage? package) => Packages.TryGetValue(code, out package);

    public CompiledTariff Compiled(string code)
    {
        var package = Get(code);
        return _compiled.GetOrAdd((package.Code, package.Version), _ => CompiledTariff.Compile(package));
    }

    /// <summary>Drops the cached set; the next read loads the versions in force again.</summary>
    public void Invalidate()
    {
        lock (_gate) _cache = null;
    }

    public static IReadOnlyList<TariffPackage> ReadFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*.json").Order().Select(f => TariffPackageJson.Deserialize(File.ReadAllText(f))).ToList();

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime.AddHours(8));

    private IReadOnlyDictionary<string, TariffPackage> Packages
    {
        get
        {
            var today = Today;
            if (_cache is { } c && c.Day == today) return c.Packages;
            lock (_gate)
            {
                if (_cache is { } c2 && c2.Day == today) return c2.Packages;
                var packages = _dbFactory is null
                    ? ReadFolder(_folder).ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase)
                    : LoadFromDatabase(today);
                _cache = (today, packages);
                return packages;
            }
        }
    }

    private Dictionary<string, TariffPackage> LoadFromDatabase(DateOnly today)
    {
        using var db = _dbFactory!.CreateDbContext();
        if (!db.TariffPackageVersions.Any()) Seed(db);
        var rows = db.TariffPackageVersions.AsNoTracking()
            .Where(v => v.Status != PackageVersionStatus.Draft && v.EffectiveFrom <= today)
            .Select(v => new { v.Code, v.Version, v.EffectiveFrom, v.Json })
            .ToList();
        return rows.GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Version).First())
            .Select(r => TariffPackageJson.Deserialize(r.Json))
            .ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
    }

    private void Seed(AppDbContext db)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        foreach (var p in ReadFolder(_folder))
        {
            var v = new TariffPackageVersion(Guid.NewGuid(), p.Code, p.Version, TariffPackageJson.Serialize(p), now, "seed");
            v.Publish(SeedEffectiveFrom, "seed", now);
            db.TariffPackageVersions.Add(v);
        }
        try { db.SaveChanges(); }
        catch (DbUpdateException) { /* another instance seeded first: the unique (Code, Version) index keeps one copy */ }
    }
}
