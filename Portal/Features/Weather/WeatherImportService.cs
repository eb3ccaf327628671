using System.Globalization;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Weather;
using Portal.Features.Usage;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Weather;

/// <summary>What an import did: rows written (added + replaced) or, when the file had any error, nothing and the errors.</summary>
public sealed record WeatherImportOutcome(int Added, int Replaced, IReadOnlyList<string> Regions, DateOnly? From, DateOnly? To,
    IReadOnlyList<TemperatureLineError> Errors, bool ChangedMeanwhile = false)
{
    public bool Imported => Errors.Count == 0 && !ChangedMeanwhile;
    public int Rows => Added + Replaced;
}

/// <summary>What a normals import did: the regions whose normals it replaced and the rows written, or nothing and the errors.</summary>
public sealed record NormalsImportOutcome(IReadOnlyList<string> Regions, int Rows, IReadOnlyList<TemperatureLineError> Errors, bool ChangedMeanwhile = false)
{
    public bool Imported => Errors.Count == 0 && !ChangedMeanwhile;
}

/// <summary>
/// Imports daily mean temperatures per supply region (<see cref="TemperatureImport"/>: <c>region,date,mean_c</c>), all or
/// nothing: a file with any invalid line writes nothing and reports every line's problem; a valid one is written in one
/// SaveChanges (one transaction), a day already held being replaced. Every import, taken or refused, is audited. The
/// admin page, the feed job and the demo seed all come through here; so do published normals (<see cref="ImportNormalsAsync"/>).
/// </summary>
public sealed class WeatherImportService(IDbContextFactory<AppDbContext> dbFactory, RegionClimateCache cache, AuditService audit, TimeProvider clock,
    IServiceProvider services)
{
    public const string ImportAction = "WeatherImported";
    public const string NormalsImportAction = "WeatherNormalsImported";
    public const string SystemUser = "system";

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));

    /// <summary>The supply regions temperatures may be imported for: every region an account is in.</summary>
    public async Task<IReadOnlyList<string>> RegionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await AccountRegionsAsync(db, ct);
    }

    private static async Task<List<string>> AccountRegionsAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Accounts.AsNoTracking().Select(a => a.Region).Distinct().ToListAsync(ct)).Where(r => r.Length > 0).Order(StringComparer.Ordinal).ToList();

    /// <param name="source">Where the file came from, stored on each row: "upload:&lt;file&gt;", "feed", "demo".</param>
    /// <param name="userName">The admin's user name; <see cref="SystemUser"/> for the feed and the demo.</param>
    public async Task<WeatherImportOutcome> ImportAsync(Stream csv, string source, string userName, string? userId = null, CancellationToken ct = default)
    {
        var lines = new List<string>();
        using (var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
            while (await reader.ReadLineAsync(ct) is { } line) lines.Add(line);
        return await ImportLinesAsync(lines, source, userName, userId, ct);
    }

    public async Task<WeatherImportOutcome> ImportLinesAsync(IEnumerable<string> lines, string source, string userName, string? userId = null, CancellationToken ct = default)
    {
        source = source.Length <= RegionTemperatureConfiguration.MaxSourceLength ? source : source[..RegionTemperatureConfiguration.MaxSourceLength];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regions = await AccountRegionsAsync(db, ct);
        var file = TemperatureImport.Parse(lines, regions, Today);
        if (!file.IsValid)
        {
            var refused = new WeatherImportOutcome(0, 0, [], null, null, file.Errors);
            await AuditAsync(refused, source, userName, userId, ct);
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        int added = 0, replaced = 0;
        foreach (var group in file.Rows.GroupBy(r => r.Region, StringComparer.Ordinal))
        {
            var region = group.Key;
            var from = group.Min(r => r.Date);
            var to = group.Max(r => r.Date);
            var held = await db.Set<RegionTemperatureRow>().Where(r => r.Region == region && r.Date >= from && r.Date <= to)
                .ToDictionaryAsync(r => r.Date, ct);
            foreach (var t in group)
            {
                if (held.TryGetValue(t.Date, out var row)) replaced++;
                else
                {
                    db.Add(row = new RegionTemperatureRow { Region = region, Date = t.Date });
                    added++;
                }
                row.MeanC = t.MeanC;
                row.Estimated = t.Estimated;
                row.Source = source;
                row.ImportedAtUtc = now;
                row.ImportedBy = userName;
            }
        }
        var outcome = new WeatherImportOutcome(added, replaced, file.Rows.Select(r => r.Region).Distinct().Order(StringComparer.Ordinal).ToList(),
            file.Rows.Min(r => r.Date), file.Rows.Max(r => r.Date), []);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another import wrote one of these days in between (the unique region/date index): nothing of ours is stored.
            outcome = new WeatherImportOutcome(0, 0, [], null, null, [], ChangedMeanwhile: true);
        }
        cache.Invalidate();
        await AuditAsync(outcome, source, userName, userId, ct);
        return outcome;
    }

    /// <summary>
    /// Imports published normals (<see cref="NormalsImport"/>: <c>region,month_day,normal_c</c>), all or nothing: every
    /// region in a valid file gets exactly the file's days, replacing what it held (in one SaveChanges); a file with any
    /// problem — or a blank or too long <paramref name="period"/> — writes nothing. Audited, taken or refused.
    /// </summary>
    /// <param name="period">What the normals are, stored on each row: e.g. "CMA 1991–2020".</param>
    /// <param name="source">Where the file came from, for the audit: "upload:&lt;file&gt;", "cli:&lt;file&gt;", "demo".</param>
    public async Task<NormalsImportOutcome> ImportNormalsAsync(IEnumerable<string> lines, string period, string source, string userName, string? userId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regions = await AccountRegionsAsync(db, ct);
        NormalsFile file = NormalsImport.CheckPeriod(period) is { } periodError
            ? new NormalsFile([], [new TemperatureLineError(0, periodError, period.Length <= 60 ? period : period[..60] + "…")])
            : NormalsImport.Parse(lines, regions);
        if (!file.IsValid)
        {
            var refused = new NormalsImportOutcome([], 0, file.Errors);
            await AuditNormalsAsync(refused, period, source, userName, userId, ct);
            return refused;
        }

        period = period.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var imported = file.Rows.Select(r => r.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        var held = await db.Set<RegionTemperatureNormalRow>().Where(r => imported.Contains(r.Region)).ToListAsync(ct);
        var byDay = held.ToDictionary(r => (r.Region, r.Month, r.Day));
        foreach (var n in file.Rows)
        {
            if (!byDay.Remove((n.Region, n.Month, n.Day), out var row))
                db.Add(row = new RegionTemperatureNormalRow { Region = n.Region, Month = n.Month, Day = n.Day });
            row.NormalC = n.NormalC;
            row.Source = period;
            row.ImportedAtUtc = now;
            row.ImportedBy = userName;
        }
        db.RemoveRange(byDay.Values); // a day the new file does not give (29 February): the region holds exactly the file
        var outcome = new NormalsImportOutcome(imported, file.Rows.Count, []);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            outcome = new NormalsImportOutcome([], 0, [], ChangedMeanwhile: true);
        }
        cache.Invalidate();
        await AuditNormalsAsync(outcome, period, source, userName, userId, ct);
        return outcome;
    }

    /// <summary>Refreshes the stored forecasts now (the refresh takes every business account of a region with new temperatures).</summary>
    public void EnqueueRefresh() =>
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<RefreshPredictionsJob>(j => j.RunAsync(CancellationToken.None));

    /// <summary>What is held per region (every account region, and any region with rows), as of today.</summary>
    public async Task<IReadOnlyList<RegionCoverage>> CoverageAsync(CancellationToken ct = default)
    {
        List<string> regions;
        Dictionary<string, (DateOnly First, int Count, int Estimated)> spans;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            regions = await AccountRegionsAsync(db, ct);
            spans = (await db.Set<RegionTemperatureRow>().AsNoTracking().GroupBy(r => r.Region)
                    .Select(g => new { Region = g.Key, First = g.Min(r => r.Date), Count = g.Count(), Estimated = g.Count(r => r.Estimated) }).ToListAsync(ct))
                .ToDictionary(x => x.Region, x => (x.First, x.Count, x.Estimated), StringComparer.Ordinal);
        }
        var snapshot = await cache.CurrentAsync(fresh: true, ct);
        var today = Today;
        var empty = new RegionClimate([]);
        return regions.Union(spans.Keys, StringComparer.Ordinal).Union(snapshot.Regions.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(r =>
            {
                var coverage = RegionCoverage.Of(r, snapshot.For(r) ?? empty, today);
                return spans.TryGetValue(r, out var span) ? coverage with { First = span.First, ObservedDays = span.Count, EstimatedDays = span.Estimated } : coverage;
            })
            .ToList();
    }

    private Task AuditAsync(WeatherImportOutcome outcome, string source, string userName, string? userId, CancellationToken ct)
    {
        var detail = outcome.Imported
            ? Invariant($"{outcome.Rows} day(s) ({outcome.Added} added, {outcome.Replaced} replaced), {string.Join(' ', outcome.Regions)}, {outcome.From:yyyy-MM-dd}..{outcome.To:yyyy-MM-dd}")
            : outcome.ChangedMeanwhile ? "changed meanwhile; nothing written"
            : Invariant($"refused: {outcome.Errors.Count} error(s), first line {outcome.Errors[0].Line} {outcome.Errors[0].Code}; nothing written");
        return audit.RecordAsync(new AuditEvent(ImportAction, source, outcome.Imported ? "Success" : "Rejected", detail,
            UserId: userId, UserName: userName), ct);
    }

    private Task AuditNormalsAsync(NormalsImportOutcome outcome, string period, string source, string userName, string? userId, CancellationToken ct)
    {
        var detail = outcome.Imported
            ? Invariant($"{outcome.Rows} calendar days, {string.Join(' ', outcome.Regions)}, \"{period}\"; replaces the regions' normals")
            : outcome.ChangedMeanwhile ? "changed meanwhile; nothing written"
            : Invariant($"refused: {outcome.Errors.Count} error(s), first line {outcome.Errors[0].Line} {outcome.Errors[0].Code}; nothing written");
        return audit.RecordAsync(new AuditEvent(NormalsImportAction, source, outcome.Imported ? "Success" : "Rejected", detail,
            UserId: userId, UserName: userName), ct);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
