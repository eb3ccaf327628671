using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Statements;
using Portal.Features.Accounts;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Security;

namespace Portal.Features.Statements;

/// <summary>A bill of one of the user's accounts and its latest statement, if one was issued.</summary>
public sealed record StatementRow(Guid BillId, Guid AccountId, string AccountNumber, DateOnly PeriodStart, decimal Amount, DateOnly DueDate,
    Guid? StatementId, int? Revision, DateTime? IssuedAtUtc);

public sealed record StatementDetail(Guid Id, Guid AccountId, int Revision, DateTime IssuedAtUtc, string Culture, string Sha256, int SizeBytes,
    Guid? SupersedesId, Guid? SupersededById, string? CorrectionReason, StatementDocument Document);

/// <summary>A stored PDF; <see cref="Intact"/> is false when the bytes no longer hash to the SHA-256 stored at issue.</summary>
public sealed record StatementFile(Guid Id, string FileName, byte[] Pdf, string Sha256, string AccountNumber)
{
    public bool Intact => StatementRecord.HashOf(Pdf) == Sha256;
}

/// <summary>
/// What customers and staff read: the statements list, the HTML twin and the stored PDF. Customers reach only the
/// accounts bound to them on the public endpoint; staff reach the accounts they may see on the internal one;
/// anything else is "not found".
/// </summary>
public sealed class StatementService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access, StatementIssuer issuer, AuditService audit)
{
    public async Task<(IReadOnlyList<StatementRow> Rows, int Total)> ListAsync(ClaimsPrincipal user, int page, int pageSize, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(user, ct);
        if (own.Count == 0) return ([], 0);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bills = db.Bills.AsNoTracking().Where(b => own.Contains(b.AccountId));
        var total = await bills.CountAsync(ct);
        var rows = await bills.OrderByDescending(b => b.PeriodStart).ThenBy(b => b.AccountId)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Join(db.Accounts, b => b.AccountId, a => a.Id, (b, a) => new { b.Id, b.AccountId, a.AccountNumber, b.PeriodStart, b.Amount, b.DueDate })
            .ToListAsync(ct);
        var billIds = rows.Select(r => r.Id).ToList();
        var statements = (await db.Statements.AsNoTracking().Where(s => billIds.Contains(s.BillId))
                .Select(s => new { s.Id, s.BillId, s.Revision, s.IssuedAtUtc }).ToListAsync(ct))
            .GroupBy(s => s.BillId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Revision)!);
        return (rows.Select(r => statements.TryGetValue(r.Id, out var s)
            ? new StatementRow(r.Id, r.AccountId, r.AccountNumber, r.PeriodStart, r.Amount, r.DueDate, s.Id, s.Revision, s.IssuedAtUtc)
            : new StatementRow(r.Id, r.AccountId, r.AccountNumber, r.PeriodStart, r.Amount, r.DueDate, null, null, null)).ToList(), total);
    }

    public async Task<StatementDetail?> GetAsync(ClaimsPrincipal user, Guid id, EndpointKind endpoint, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.Statements.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Id, x.AccountId, x.BillId, x.Revision, x.IssuedAtUtc, x.Culture, x.Sha256, x.SizeBytes, x.SupersedesId, x.CorrectionReason, x.Content })
            .FirstOrDefaultAsync(ct);
        if (s is null || !await MayReadAsync(user, s.AccountId, endpoint, ct)) return null;
        var supersededBy = await db.Statements.AsNoTracking().Where(x => x.SupersedesId == id).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
        var document = StatementIssuer.ReadContent(s.Content);
        return document is null ? null : new StatementDetail(s.Id, s.AccountId, s.Revision, s.IssuedAtUtc, s.Culture, s.Sha256, s.SizeBytes,
            s.SupersedesId, supersededBy, s.CorrectionReason, document);
    }

    /// <summary>The stored bytes, exactly as issued.</summary>
    public async Task<StatementFile?> GetPdfAsync(ClaimsPrincipal user, Guid id, EndpointKind endpoint, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meta = await db.Statements.AsNoTracking().Where(x => x.Id == id)
            .Join(db.Accounts, s => s.AccountId, a => a.Id, (s, a) => new { s.AccountId, a.AccountNumber, s.PeriodStart, s.Revision, s.Sha256 })
            .FirstOrDefaultAsync(ct);
        if (meta is null || !await MayReadAsync(user, meta.AccountId, endpoint, ct)) return null;
        var pdf = await db.Statements.AsNoTracking().Where(x => x.Id == id).Select(x => x.Pdf).FirstAsync(ct);
        return new StatementFile(id, StatementText.FileName(meta.AccountNumber, meta.PeriodStart, meta.Revision), pdf, meta.Sha256, meta.AccountNumber);
    }

    /// <summary>Issues the statement of a bill the user may read, or returns the one already issued.</summary>
    public async Task<Guid?> IssueForBillAsync(ClaimsPrincipal user, Guid billId, EndpointKind endpoint, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var accountId = await db.Bills.AsNoTracking().Where(b => b.Id == billId).Select(b => (Guid?)b.AccountId).FirstOrDefaultAsync(ct);
            if (accountId is null || !await MayReadAsync(user, accountId.Value, endpoint, ct)) return null;
        }
        var result = await issuer.IssueAsync(billId, ct);
        if (result.Outcome == IssueOutcome.Issued)
            await audit.RecordAsync(new AuditEvent("StatementIssued", $"statement:{result.StatementId}", Detail: $"bill:{billId} on-demand"), ct);
        return result.StatementId;
    }

    /// <summary>Public endpoint: the account's own users only. Internal endpoint: staff who may see the account.</summary>
    private async Task<bool> MayReadAsync(ClaimsPrincipal user, Guid accountId, EndpointKind endpoint, CancellationToken ct) =>
        endpoint == EndpointKind.Public
            ? (await access.OwnAccountIdsAsync(user, ct)).Contains(accountId)
            : Roles.Staff.Any(user.IsInRole) && await access.CanAccessAsync(user, accountId, ct);
}
