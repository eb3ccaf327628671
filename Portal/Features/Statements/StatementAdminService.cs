using System.Security.Claims;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Statements;

public sealed record IssuedStatementRow(Guid Id, string AccountNumber, DateOnly PeriodStart, int Revision, DateTime IssuedAtUtc, string Culture,
    int SizeBytes, string Sha256, Guid? SupersedesId, string? CorrectionReason);

public sealed record IssueProgress(DateOnly LastPeriod, int BillsLastPeriod, int IssuedLastPeriod, string? LastRunState, DateTime? LastRunUtc);

public enum CorrectionOutcome { Corrected, ReasonRequired, NotFound }

/// <summary>
/// Back-office view of issued statements: progress of the monthly run, a search by account, a run on demand
/// (enqueued, never inline) and corrections. Staff see the accounts <see cref="AccountAccessService"/> lets them see.
/// </summary>
public sealed class StatementAdminService(
    IDbContextFactory<AppDbContext> dbFactory,
    AccountAccessService access,
    StatementIssuer issuer,
    IBackgroundJobClient jobs,
    AuditService audit,
    TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public async Task<IssueProgress> ProgressAsync(CancellationToken ct = default)
    {
        var period = LastPeriod();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bills = await db.Bills.AsNoTracking().CountAsync(b => b.PeriodStart == period, ct);
        var issued = await db.Statements.AsNoTracking().Where(s => s.PeriodStart == period).Select(s => s.BillId).Distinct().CountAsync(ct);
        var checkpoint = await db.JobCheckpoints.AsNoTracking().Where(c => c.Name == IssueStatementsJob.Id)
            .Select(c => new { c.State, c.LastRunUtc }).FirstOrDefaultAsync(ct);
        return new IssueProgress(period, bills, issued, checkpoint?.State, checkpoint?.LastRunUtc);
    }

    public async Task<(IReadOnlyList<IssuedStatementRow> Rows, int Total)> SearchAsync(ClaimsPrincipal staff, string? accountNumber, int page, int pageSize,
        CancellationToken ct = default)
    {
        var visible = await access.AccessibleAccountIdsAsync(staff, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Statements.AsNoTracking().Where(s => visible.Contains(s.AccountId))
            .Join(db.Accounts, s => s.AccountId, a => a.Id, (s, a) => new { s, a.AccountNumber });
        if (!string.IsNullOrWhiteSpace(accountNumber)) q = q.Where(x => x.AccountNumber.StartsWith(accountNumber.Trim()));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(x => x.s.PeriodStart).ThenBy(x => x.AccountNumber).ThenByDescending(x => x.s.Revision)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(x => new IssuedStatementRow(x.s.Id, x.AccountNumber, x.s.PeriodStart, x.s.Revision, x.s.IssuedAtUtc, x.s.Culture, x.s.SizeBytes,
                x.s.Sha256, x.s.SupersedesId, x.s.CorrectionReason))
            .ToListAsync(ct);
        return (rows, total);
    }

    /// <summary>Queues the issuing run for the last complete month; the job skips what is already issued.</summary>
    public async Task<string> EnqueueRunAsync(CancellationToken ct = default)
    {
        var period = LastPeriod();
        var jobId = jobs.Enqueue<IssueStatementsJob>(j => j.RunForPeriodAsync(period.Year, period.Month, CancellationToken.None));
        await audit.RecordAsync(new AuditEvent("StatementsRunQueued", $"period:{period:yyyy-MM}", Detail: $"job:{jobId}"), ct);
        return jobId;
    }

    /// <summary>Issues a corrected revision. The reason is checked before anything is drawn or written.</summary>
    public async Task<(CorrectionOutcome Outcome, Guid? Id)> CorrectAsync(ClaimsPrincipal staff, Guid statementId, string? reason, CancellationToken ct = default)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length == 0 || text.Length > MaxReasonLength) return (CorrectionOutcome.ReasonRequired, null);
        Guid accountId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var found = await db.Statements.AsNoTracking().Where(s => s.Id == statementId).Select(s => (Guid?)s.AccountId).FirstOrDefaultAsync(ct);
            if (found is null || !await access.CanAccessAsync(staff, found.Value, ct)) return (CorrectionOutcome.NotFound, null);
            accountId = found.Value;
        }
        var id = await issuer.CorrectAsync(statementId, text, ct);
        if (id is null) return (CorrectionOutcome.NotFound, null);
        await audit.RecordAsync(new AuditEvent("StatementCorrected", $"statement:{statementId}", Detail: $"account-id:{accountId} new:{id} reason:{text}"), ct);
        return (CorrectionOutcome.Corrected, id);
    }

    private DateOnly LastPeriod()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }
}
