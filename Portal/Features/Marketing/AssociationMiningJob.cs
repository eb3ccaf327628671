using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Marketing;
using Portal.Features.Complaints;

namespace Portal.Features.Marketing;

/// <summary>The admin's choices for a run: the window in months and the mining thresholds.</summary>
public sealed record AssociationRunRequest(int Months = 12, double MinSupport = 0.01, double MinConfidence = 0.05, int MaxItems = 2)
{
    public MiningSettings Settings => new(MinSupport, MinConfidence, MaxItems);
}

/// <summary>
/// Mines the association rules of the last months and stores the run with every tested rule, so the page reads
/// stored results. The nightly run is idempotent per day: a re-run after a lost job finds today's run and stops.
/// </summary>
public sealed class AssociationMiningJob(IDbContextFactory<AppDbContext> dbFactory, ComplaintClock clock, ILogger<AssociationMiningJob> log)
{
    public const string Id = "association-analysis";
    public const string Nightly = "nightly";

    /// <summary>Runs kept; older ones (and their rules, by cascade) are deleted after each run.</summary>
    public const int RunsKept = 30;

    public async Task RunAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.Now);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            if (await db.Set<AssociationRunRow>().AnyAsync(r => r.TriggeredBy == Nightly && r.WindowTo == today.AddDays(1), ct)) return;
        await RunAsync(new AssociationRunRequest(), Nightly, ct);
    }

    public async Task<long> RunAsync(AssociationRunRequest request, string triggeredBy, CancellationToken ct)
    {
        var settings = request.Settings;
        settings.Validate();
        var started = Stopwatch.StartNew();
        var startedAtUtc = clock.Now - ComplaintClock.Offset;
        var window = AnalysisWindow.LastMonths(DateOnly.FromDateTime(clock.Now), Math.Clamp(request.Months, 1, 36));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var transactions = await AssociationData.TransactionsAsync(db, window, ct);
        var result = AssociationMiner.Mine(transactions, settings);

        var run = new AssociationRunRow
        {
            WindowFrom = window.From,
            WindowTo = window.To,
            Months = request.Months,
            MinSupport = request.MinSupport,
            MinConfidence = request.MinConfidence,
            MaxItems = request.MaxItems,
            Accounts = result.Accounts,
            RulesTested = result.RulesTested,
            RulesSignificant = result.Significant.Count(),
            TriggeredBy = triggeredBy,
            StartedAtUtc = startedAtUtc,
        };
        db.Add(run);
        await db.SaveChangesAsync(ct);
        db.AddRange(result.Rules.Select((r, i) => new AssociationRuleRow
        {
            RunId = run.Id,
            Rank = i + 1,
            Antecedent = string.Join('&', r.Antecedent),
            AntecedentSize = r.Antecedent.Count,
            Outcome = r.Outcome,
            WithBoth = r.Table.WithBoth,
            AntecedentAccounts = r.Table.Antecedent,
            OutcomeAccounts = r.Table.Outcome,
            TotalAccounts = r.Table.Total,
            Support = r.Support,
            Confidence = r.Confidence,
            Lift = r.Lift,
            RiskRatio = r.RiskRatio.Value,
            RiskRatioLow = r.RiskRatio.Low,
            RiskRatioHigh = r.RiskRatio.High,
            PValue = r.PValue,
            QValue = r.QValue,
            Significant = r.Significant,
        }));
        run.DurationMs = (int)started.ElapsedMilliseconds;
        await db.SaveChangesAsync(ct);

        var keepFrom = await db.Set<AssociationRunRow>().OrderByDescending(r => r.Id).Skip(RunsKept - 1).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (keepFrom is { } oldestKept)
        {
            await db.Set<AssociationRuleRow>().Where(r => r.RunId < oldestKept).ExecuteDeleteAsync(ct);
            await db.Set<AssociationRunRow>().Where(r => r.Id < oldestKept).ExecuteDeleteAsync(ct);
        }
        log.LogInformation("Association analysis {Run}: {Accounts} accounts, {Tested} rules tested, {Significant} significant in {Ms} ms",
            run.Id, run.Accounts, run.RulesTested, run.RulesSignificant, run.DurationMs);
        return run.Id;
    }
}
