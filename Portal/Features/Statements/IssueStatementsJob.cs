using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Statements;

namespace Portal.Features.Statements;

public sealed record IssueRunSummary(DateOnly Period, int Bills, int Issued, int Skipped, int Failed)
{
    /// <summary>Statements whose users were told in this run that they are ready (<see cref="StatementNotifier"/>).</summary>
    public int Announced { get; init; }
}

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

/// <summary>What one batch came to: issued, already there (or the bill is gone), failed; and where its time went.</summary>
public sealed record IssueBatchSummary(int Issued, int Skipped, int Failed)
{
    /// <summary>Wall time loading the inputs (database), drawing the PDFs (CPU, on every core) and writing them.</summary>
    public (TimeSpan Load, TimeSpan Draw, TimeSpan Write) Phases { get; init; }
}

/// <summary>
/// Issues the month's statements after the billing run: one per bill of the period that has none yet.
/// Idempotent (issued → skipped), so a re-run or the next month's sweep finishes what a lost run left.
/// Bills go in batches: their inputs loaded with a few set-based queries, the PDFs drawn on every core, the batch
/// written in one SaveChanges. One bad bill fails alone (logged, counted, retried by the next run).
/// Progress goes to the log and to the job's checkpoint row (State), which the back office can show. After each batch the
/// period's new statements are announced to their users (<see cref="StatementNotifier"/>, once per statement), and once more
/// at the end, so a run that finds everything issued still announces what a lost run left unannounced.
/// </summary>
public sealed class IssueStatementsJob(IDbContextFactory<AppDbContext> dbFactory, StatementIssuer issuer, StatementNotifier notifier, TimeProvider clock,
    ILogger<IssueStatementsJob> log)
{
    public const string Id = "issue-statements";

    /// <summary>Statements drawn at once (composing and rendering are CPU work); 1 is the sequential baseline the scale benchmark compares against.</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Bills loaded, drawn and written together; the progress row moves after each batch.</summary>
    public int BatchSize { get; set; } = 100;

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
            var all = await db.Bills.AsNoTracking().Where(b => b.PeriodStart == period).OrderBy(b => b.Id).Select(b => b.Id).ToListAsync(ct);
            var issued = await db.Statements.AsNoTracking().Where(s => s.PeriodStart == period).Select(s => s.BillId).Distinct().ToListAsync(ct);
            bills = all.Count;
            pending = all.Except(issued).ToList();
        }
        int done = 0, failed = 0, skipped = bills - pending.Count, announced = 0;
        log.LogInformation("Statements {Period:yyyy-MM}: {Bills} bills, {Pending} to issue", period, bills, pending.Count);
        await ProgressAsync(period, bills, done, skipped, failed, finished: false, ct);
        foreach (var batch in pending.Chunk(Math.Max(1, BatchSize)))
        {
            ct.ThrowIfCancellationRequested();
            var result = await IssueBatchAsync(batch, ct);
            (done, skipped, failed) = (done + result.Issued, skipped + result.Skipped, failed + result.Failed);
            announced += await notifier.NotifyPeriodAsync(period, ct);
            await ProgressAsync(period, bills, done, skipped, failed, finished: false, ct);
        }
        announced += await notifier.NotifyPeriodAsync(period, ct);
        await ProgressAsync(period, bills, done, skipped, failed, finished: true, ct);
        log.LogInformation("Statements {Period:yyyy-MM}: {Issued} issued, {Skipped} already there, {Failed} failed, {Announced} announced",
            period, done, skipped, failed, announced);
        return new IssueRunSummary(period, bills, done, skipped, failed) { Announced = announced };
    }

    /// <summary>
    /// Issues these bills' statements (any periods): skips bills that already have one, loads the rest's inputs
    /// together, draws them on <see cref="Parallelism"/> threads and writes them in one SaveChanges.
    /// </summary>
    public async Task<IssueBatchSummary> IssueBatchAsync(IReadOnlyCollection<Guid> billIds, CancellationToken ct)
    {
        List<Guid> todo;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var issued = await db.Statements.AsNoTracking().Where(s => billIds.Contains(s.BillId)).Select(s => s.BillId).Distinct().ToListAsync(ct);
            todo = billIds.Except(issued).ToList();
        }
        StatementSources sources;
        var clockStart = Stopwatch.GetTimestamp();
        try
        {
            sources = await issuer.LoadAsync(todo, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && todo.Count > 1)
        {
            // Something in the batch breaks loading: issue its bills one by one, so only the bad one fails.
            log.LogWarning(e, "Loading a batch of {Count} statements failed; issuing them one by one", todo.Count);
            return await OneByOneAsync(billIds.Count - todo.Count, todo, ct);
        }

        var loaded = Stopwatch.GetTimestamp();
        var found = todo.Where(sources.Has).ToList();
        var records = new StatementRecord?[found.Count];
        var failures = new Exception?[found.Count];
        Parallel.For(0, found.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = ct }, i =>
        {
            try
            {
                var id = Guid.NewGuid();
                records[i] = issuer.Issue(id, issuer.Draw(sources, found[i], id));
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        });
        var failed = 0;
        for (var i = 0; i < found.Count; i++)
            if (failures[i] is { } e) Failed(found[i], e, ref failed);

        var drawnAt = Stopwatch.GetTimestamp();
        var drawn = records.OfType<StatementRecord>().ToList();
        var stored = drawn.Count == 0 ? [] : await issuer.StoreAsync(drawn, ct);
        var issuedNow = 0;
        for (var i = 0; i < stored.Count; i++)
            if (stored[i].Error is { } e) Failed(drawn[i].BillId, e, ref failed);
            else if (stored[i].Outcome == IssueOutcome.Issued) issuedNow++;
        return new IssueBatchSummary(issuedNow, billIds.Count - issuedNow - failed, failed)
        {
            Phases = (Stopwatch.GetElapsedTime(clockStart, loaded), Stopwatch.GetElapsedTime(loaded, drawnAt), Stopwatch.GetElapsedTime(drawnAt)),
        };
    }

    private async Task<IssueBatchSummary> OneByOneAsync(int skipped, List<Guid> bills, CancellationToken ct)
    {
        int done = 0, failed = 0;
        foreach (var billId in bills)
        {
            try
            {
                if ((await issuer.IssueAsync(billId, ct)).Outcome == IssueOutcome.Issued) done++;
                else skipped++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(billId, e, ref failed);
            }
        }
        return new IssueBatchSummary(done, skipped, failed);
    }

    private void Failed(Guid billId, Exception e, ref int failed)
    {
        failed++;
        log.LogError(e, "Statement for bill {BillId} could not be issued; the next run retries it", billId);
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
