using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Safety;
using Portal.Features.Accounts;
using Portal.Features.Credit;
using Portal.Features.Demo;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;

namespace Portal.Features.Safety;

public sealed record HazardRow(Guid Id, Guid AccountId, string AccountNumber, string NoticeNumber, string Description,
    HazardSeverity Severity, DateOnly FoundOn, DateOnly Deadline, HazardState State, DateOnly? FixedOn, DateOnly? ReportedOn,
    string? CustomerNote, bool HasPhoto, string? LastRejectionReason, bool Overdue, int DaysLeft);

public enum HazardOutcome
{
    Done,
    NotFound,
    /// <summary>Not a jpg or png by its content (the extension and content type are not trusted).</summary>
    NotAnImage,
    TooLarge,
    PhotoRequired,
    /// <summary>The hazard's state or the dates do not allow it (see the domain code in the message).</summary>
    Refused,
    ReasonRequired,
}

public sealed record HazardResult(HazardOutcome Outcome, string? DomainCode = null);

public sealed record HazardPhoto(string Path, string ContentType);

/// <summary>
/// The hazard tracker: customers see their accounts' hazards and report fixes with a photo; staff verify or reject
/// on the internal endpoint. Photos live under the data folder (never under wwwroot) and are served only through
/// the access-checked endpoints. A verify or reject re-evaluates the account's credit through the job.
/// </summary>
public sealed class HazardService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccountAccessService access,
    IOptions<DatabaseOptions> database,
    IOptions<CreditOptions> options,
    IWebHostEnvironment env,
    CreditReevaluation reevaluation,
    AuditService audit,
    TimeProvider clock)
{
    public const int DueSoonDays = 7;

    public async Task<IReadOnlyList<HazardRow>> MineAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(user, ct);
        return await QueryAsync(h => own.Contains(h.AccountId), ct);
    }

    /// <summary>Hazards with a reported fix waiting for staff, oldest report first.</summary>
    public Task<IReadOnlyList<HazardRow>> AwaitingVerificationAsync(CancellationToken ct = default) =>
        QueryAsync(h => h.State == HazardState.ReportedFixed, ct);

    private async Task<IReadOnlyList<HazardRow>> QueryAsync(System.Linq.Expressions.Expression<Func<Hazard, bool>> filter, CancellationToken ct)
    {
        var today = DemoSeeder.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Hazards.AsNoTracking().Where(filter)
            .Join(db.Inspections, h => h.InspectionId, i => i.Id, (h, i) => new { h, i.NoticeNumber })
            .Join(db.Accounts, x => x.h.AccountId, a => a.Id, (x, a) => new { x.h, x.NoticeNumber, a.AccountNumber })
            .ToListAsync(ct);
        return rows
            .Select(x => new HazardRow(x.h.Id, x.h.AccountId, x.AccountNumber, x.NoticeNumber, x.h.Description, x.h.Severity, x.h.FoundOn,
                x.h.RectificationDeadline, x.h.State, x.h.FixedOn, x.h.ReportedOn, x.h.CustomerNote, PhotoExists(x.h.PhotoFileReference),
                x.h.LastRejectionReason, x.h.IsOverdue(today), x.h.RectificationDeadline.DayNumber - today.DayNumber))
            .OrderBy(r => r.State == HazardState.Verified).ThenBy(r => r.Deadline).ThenBy(r => r.Id)
            .ToList();
    }

    /// <summary>
    /// Checks everything before writing anything: ownership, size, image content, the domain's state and date rules
    /// (on a throwaway copy of the check), then writes the file and the hazard; the file is removed if the save fails.
    /// </summary>
    public async Task<HazardResult> ReportFixedAsync(ClaimsPrincipal user, Guid hazardId, DateOnly fixedOn, string? note,
        Stream photo, long length, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hazard = await db.Hazards.FirstOrDefaultAsync(h => h.Id == hazardId && own.Contains(h.AccountId), ct);
        if (hazard is null) return new(HazardOutcome.NotFound);
        if (length <= 0) return new(HazardOutcome.PhotoRequired);
        if (length > options.Value.MaxPhotoBytes) return new(HazardOutcome.TooLarge);

        using var buffer = new MemoryStream();
        await CopyLimitedAsync(photo, buffer, options.Value.MaxPhotoBytes, ct);
        if (buffer.Length > options.Value.MaxPhotoBytes) return new(HazardOutcome.TooLarge);
        var extension = ImageSniffer.Extension(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (extension is null) return new(HazardOutcome.NotAnImage);
        if (note is { Length: > 1000 }) return new(HazardOutcome.Refused, "Safety.NoteTooLong");

        var today = DemoSeeder.Today(clock);
        var reference = $"hazard-photos/{hazard.Id:N}/{Guid.NewGuid():N}{extension}";
        try
        {
            hazard.ReportFixed(fixedOn, today, note, reference);
        }
        catch (DomainException e)
        {
            return new(HazardOutcome.Refused, e.Code);
        }

        var path = PhotoPath(reference);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, buffer.ToArray(), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        await audit.RecordAsync(new AuditEvent("Safety.HazardReportedFixed", hazard.Id.ToString(), Detail: fixedOn.ToString("yyyy-MM-dd"),
            UserId: AccountAccessService.UserId(user), UserName: user.Identity?.Name), ct);
        return new(HazardOutcome.Done);
    }

    public async Task<HazardResult> VerifyAsync(ClaimsPrincipal staff, Guid hazardId, CancellationToken ct = default) =>
        await DecideAsync(staff, hazardId, null, ct);

    public async Task<HazardResult> RejectAsync(ClaimsPrincipal staff, Guid hazardId, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new(HazardOutcome.ReasonRequired);
        return await DecideAsync(staff, hazardId, reason, ct);
    }

    private async Task<HazardResult> DecideAsync(ClaimsPrincipal staff, Guid hazardId, string? rejection, CancellationToken ct)
    {
        var staffId = AccountAccessService.UserId(staff);
        if (staffId is null) return new(HazardOutcome.NotFound);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hazard = await db.Hazards.FirstOrDefaultAsync(h => h.Id == hazardId, ct);
        if (hazard is null) return new(HazardOutcome.NotFound);
        var today = DemoSeeder.Today(clock);
        try
        {
            if (rejection is null) hazard.Verify(staffId, today);
            else hazard.RejectFix(staffId, today, rejection);
        }
        catch (DomainException e)
        {
            return new(HazardOutcome.Refused, e.Code);
        }
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent(rejection is null ? "Safety.HazardVerified" : "Safety.HazardFixRejected", hazard.Id.ToString(),
            Detail: rejection, UserId: staffId, UserName: staff.Identity?.Name), ct);
        reevaluation.Request(hazard.AccountId);
        return new(HazardOutcome.Done);
    }

    /// <summary>The photo of a hazard, for its owner (customers) or for staff (<paramref name="staff"/> = true, internal endpoint only).</summary>
    public async Task<HazardPhoto?> PhotoAsync(ClaimsPrincipal user, Guid hazardId, bool staff, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hazard = await db.Hazards.AsNoTracking().Where(h => h.Id == hazardId)
            .Select(h => new { h.AccountId, h.PhotoFileReference }).FirstOrDefaultAsync(ct);
        if (hazard?.PhotoFileReference is null) return null;
        if (!staff && !(await access.OwnAccountIdsAsync(user, ct)).Contains(hazard.AccountId)) return null;
        var path = PhotoPath(hazard.PhotoFileReference);
        if (!File.Exists(path)) return null;
        return new(path, path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "image/jpeg");
    }

    /// <summary>Seeded hazards name photos that were never uploaded; only offer a photo that is really there.</summary>
    private bool PhotoExists(string? reference) => reference is not null && File.Exists(PhotoPath(reference));

    public string PhotoPath(string reference)
    {
        var folder = database.Value.DataFolder;
        var root = Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(env.ContentRootPath, folder));
        var full = Path.GetFullPath(Path.Combine(root, reference));
        // A stored reference is ours, but never let one escape the data folder.
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException("Photo reference outside the data folder.");
        return full;
    }

    private static async Task CopyLimitedAsync(Stream from, Stream to, long limit, CancellationToken ct)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await from.ReadAsync(chunk, ct)) > 0)
        {
            await to.WriteAsync(chunk.AsMemory(0, read), ct);
            if (to.Length > limit) return;
        }
    }
}

/// <summary>Recognises JPEG and PNG by their magic bytes; anything else is not an image we accept.</summary>
public static class ImageSniffer
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    public static string? Extension(ReadOnlySpan<byte> content) =>
        content.StartsWith(Png) ? ".png" : content.StartsWith(Jpeg) ? ".jpg" : null;
}
