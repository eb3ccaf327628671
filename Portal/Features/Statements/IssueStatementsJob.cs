using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Statements;

public sealed record IssueRunSummary(DateOnly Period, int Bills, int Issued, int Skipped, int Failed);

/// <summary>The progress row read back: "2026-10 running bills=40 issued=12 skipped=0 failed=0".</summary>
public sealed record IssueRunState(string Period, bool Finished, int Bills, int Issued, int Skipped, int Failed)
{
    public static IssueRunState? Parse(string? state)
    {
        var parts = state?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (parts.Length != 6) return null;
        var values = parts[2..].Select(p => p.Split('=')).Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1);
        int Get(string k) => values.TryGetValue(k, out var v) ? v : -1;
        var result = new IssueRunState(parts[0], parts[1] == "finished", Get("bills"), Get("issued"), Get("skipped"), Get("failed"));
        return result.Bills < 0 || result.Issued < 0 || result.Skipped < 0 || result.Failed < 0 ? null : result;
    }
}

/// <summary>
/// Issues the month's statements after the billing run: one per bill of the period that has none yet.
/// Idempotent (issued → skipped), so a re-run or the next month's sweep finishes what a lost run left.
/// Progress goes to the log and to the job's checkpoint row (State), which the back office can show.
/// </summary>
public sealed class IssueStatementsJob(IDbContextFactory<AppDbContext> dbFactory, StatementIssuer issuer, TimeProvider clock, ILogger<IssueStatementsJob> log)
{
    public const string Id = "issue-statements";
    private const int ProgressEvery = 25;

    /// <summary>The recurring entry point: the last complete month in China time.</summary>
    public Task<IssueRunSummary> RunAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
        var last = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return RunForPeriodAsync(last.Year, last.Month, ct);
    }

    public async Task<IssueRunSummary> RunForPeriodAsync(int year, int month, CancellationToken ct)
    {
        var period = new DateOnly(year, month, 1);
        List<Guid> pending;
        int bills;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var all = await db.Bills.AsNoTracking().Where(b => b.PeriodStart == period).Select(b => b.Id).ToListAsync(ct);
            var issued = await db.Statements.AsNoTracking().Where(s => s.PeriodStart == period).Select(s => s.BillId).Distinct().ToListAsync(ct);
            bills = all.Count;
            pending = all.Except(issued).ToList();
        }
        int done = 0, failed = 0, skipped = bills - pending.Count;
        log.LogInformation("Statements {Period:yyyy-MM}: {Bills} bills, {Pending} to issue", period, bills, pending.Count);
        await ProgressAsync(period, bills, done, skipped, failed, finished: false, ct);
        foreach (var billId in pending)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var result = await issuer.IssueAsync(billId, ct);
                if (result.Outcome == IssueOutcome.Issued) done++;
                else skipped++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                log.LogError(e, "Statement for bill {BillId} could not be issued; the next run retries it", billId);
            }
            if ((done + failed) % ProgressEvery == 0) await ProgressAsync(period, bills, done, skipped, failed, finished: false, ct);
        }
        await ProgressAsync(period, bills, done, skipped, failed, finished: true, ct);
        log.LogInformation("Statements {Period:yyyy-MM}: {Issued} issued, {Skipped} already there, {Failed} failed", period, done, skipped, failed);
        return new IssueRunSummary(period, bills, done, skipped, failed);
    }

    private async Task ProgressAsync(DateOnly period, int bills, int issued, int skipped, int failed, bool finished, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.JobCheckpoints.FindAsync([Id], ct);
        if (row is null) db.JobCheckpoints.Add(row = new JobCheckpoint { Name = Id });
        row.LastRunUtc = clock.GetUtcNow().UtcDateTime;
        row.State = string.Create(CultureInfo.InvariantCulture, $"{period:yyyy-MM} {(finished ? "finished" : "running")} bills={bills} issued={issued} skipped={skipped} failed={failed}");
        await db.SaveChangesAsync(ct);
    }
}
