using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Portal.Features.Accounts;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Tariffs;

public sealed record PackageVersionRow(Guid Id, string Code, int Version, PackageVersionStatus Status, DateOnly? EffectiveFrom, DateTime UpdatedAtUtc, bool InForce);

public sealed record PackageVersionDetail(PackageVersionRow Row, string Json);

/// <summary>A checked package text: the package when it parsed, and every problem (JSON errors count as one problem).</summary>
public sealed record JsonCheck(TariffPackage? Package, IReadOnlyList<TariffProblem> Problems)
{
    public bool HasErrors => Package is null || Problems.Any(p => p.Severity == TariffProblemSeverity.Error);
}

public sealed record TrialResult(CalculatedBill? Bill, int AcceptedRows, int RejectedRows, string? ErrorKey);

/// <summary>
/// The admin catalogue: versions of each package stored as JSON, drafts edited and checked by the validator,
/// published with the day they come into force. Publishing invalidates <see cref="TariffCatalog"/>.
/// </summary>
public sealed class CatalogueService(IDbContextFactory<AppDbContext> dbFactory, TariffCatalog catalog, AuditService audit, TimeProvider clock)
{
    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => DateOnly.FromDateTime(UtcNow.AddHours(8));

    public async Task<IReadOnlyList<PackageVersionRow>> ListAsync(CancellationToken ct = default)
    {
        _ = catalog.All; // seeds an empty catalogue
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.TariffPackageVersions.AsNoTracking()
            .Select(v => new { v.Id, v.Code, v.Version, v.Status, v.EffectiveFrom, v.UpdatedAtUtc }).ToListAsync(ct);
        return rows.OrderBy(r => r.Code).ThenByDescending(r => r.Version)
            .Select(r => new PackageVersionRow(r.Id, r.Code, r.Version, r.Status, r.EffectiveFrom, r.UpdatedAtUtc,
                catalog.TryGet(r.Code, out var p) && p!.Version == r.Version && r.Status == PackageVersionStatus.Published))
            .ToList();
    }

    public async Task<PackageVersionDetail?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var v = await db.TariffPackageVersions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return v is null ? null : new PackageVersionDetail(
            new PackageVersionRow(v.Id, v.Code, v.Version, v.Status, v.EffectiveFrom, v.UpdatedAtUtc, false), v.Json);
    }

    public static JsonCheck Check(string json)
    {
        try
        {
            var package = TariffPackageJson.Deserialize(json);
            return new JsonCheck(package, TariffPackageValidator.Validate(package));
        }
        catch (DomainException ex)
        {
            return new JsonCheck(null, [new TariffProblem("Tariff.JsonInvalid", TariffProblemSeverity.Error, [ex.Message])]);
        }
    }

    /// <summary>
    /// Saves the text as a draft: into the draft <paramref name="id"/>, else into the code's open draft, else as a new
    /// version after the code's highest. Nothing is written when the text has an error; the problems come back.
    /// </summary>
    public async Task<(Guid? Id, JsonCheck Check)> SaveDraftAsync(ClaimsPrincipal user, Guid? id, string json, CancellationToken ct = default)
    {
        var check = Check(json);
        if (check.HasErrors) return (null, check);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = check.Package!.Code;
        var draft = id is { } given
            ? await db.TariffPackageVersions.FirstOrDefaultAsync(v => v.Id == given && v.Status == PackageVersionStatus.Draft, ct)
            : await db.TariffPackageVersions.FirstOrDefaultAsync(v => v.Code == code && v.Status == PackageVersionStatus.Draft, ct);
        if (draft is not null && !string.Equals(draft.Code, code, StringComparison.OrdinalIgnoreCase))
            return (null, check with { Problems = [.. check.Problems, new TariffProblem("Tariff.CodeChanged", TariffProblemSeverity.Error, [draft.Code, code])] });
        if (draft is null)
        {
            var highest = await db.TariffPackageVersions.Where(v => v.Code == code).Select(v => (int?)v.Version).MaxAsync(ct) ?? 0;
            draft = new TariffPackageVersion(Guid.NewGuid(), code, highest + 1, "", UtcNow, AccountAccessService.UserId(user) ?? "");
            db.TariffPackageVersions.Add(draft);
        }
        // The row is the truth for (code, version): the stored text says the same.
        draft.EditDraft(TariffPackageJson.Serialize(check.Package with { Code = draft.Code, Version = draft.Version }), UtcNow);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent("Tariff.DraftSaved", $"{draft.Code} v{draft.Version}",
            UserId: AccountAccessService.UserId(user), UserName: user.Identity?.Name), ct);
        return (draft.Id, check);
    }

    /// <summary>Publishes a valid draft from <paramref name="effectiveFrom"/> (today or later). Returns the error key, or null.</summary>
    public async Task<string?> PublishAsync(ClaimsPrincipal user, Guid id, DateOnly effectiveFrom, CancellationToken ct = default)
    {
        if (effectiveFrom < Today) return "Catalogue.EffectiveInPast";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var draft = await db.TariffPackageVersions.FirstOrDefaultAsync(v => v.Id == id, ct);
        if (draft is null) return "Common.NotFound";
        if (draft.Status != PackageVersionStatus.Draft) return "Tariff.NotDraft";
        if (Check(draft.Json).HasErrors) return "Catalogue.HasErrors";
        draft.Publish(effectiveFrom, AccountAccessService.UserId(user) ?? "", UtcNow);
        if (effectiveFrom <= Today)
            foreach (var older in await db.TariffPackageVersions.Where(v => v.Code == draft.Code && v.Status == PackageVersionStatus.Published && v.Id != id).ToListAsync(ct))
                older.Retire(UtcNow);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        await audit.RecordAsync(new AuditEvent("Tariff.Published", $"{draft.Code} v{draft.Version}", Detail: $"effective {effectiveFrom:yyyy-MM-dd}",
            UserId: AccountAccessService.UserId(user), UserName: user.Identity?.Name), ct);
        return null;
    }

    /// <summary>"Try it": bills the readings file under the package text for an account of the given attributes.</summary>
    public static TrialResult Try(string json, string csv, AccountProfile profile, decimal? declaredDemandKw)
    {
        var check = Check(json);
        if (check.HasErrors) return new TrialResult(null, 0, 0, "Catalogue.HasErrors");
        try
        {
            var readings = TrialReadings.Parse(new StringReader(csv));
            return new TrialResult(readings.Bill(check.Package!, profile, declaredDemandKw), readings.AcceptedRows, readings.Rejected.Count, null);
        }
        catch (DomainException ex)
        {
            return new TrialResult(null, 0, 0, ex.Code);
        }
    }
}
