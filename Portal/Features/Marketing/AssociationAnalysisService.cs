using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Marketing;
using Portal.Features.Accounts;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Marketing;

public sealed record AssociationRunView(long Id, DateOnly WindowFrom, DateOnly WindowTo, int Months, double MinSupport, double MinConfidence,
    int MaxItems, int Accounts, int RulesTested, int RulesSignificant, string TriggeredBy, DateTime StartedAtUtc, int DurationMs);

public sealed record AssociationRuleView(long Id, int Rank, IReadOnlyList<string> Antecedent, string Outcome, int WithBoth, int AntecedentAccounts,
    int OutcomeAccounts, int TotalAccounts, double Support, double Confidence, double Lift, double RiskRatio, double RiskRatioLow,
    double RiskRatioHigh, double PValue, double QValue, bool Significant);

/// <summary>One account behind a rule, masked, with the events of the rule's outcome in the window.</summary>
public sealed record AssociationTarget(Guid AccountId, string AccountNumber, string HolderMasked, string Region, IReadOnlyList<TargetEvent> Events);

public sealed record TargetEvent(DateOnly On, string Kind, string Detail);

/// <summary>The admin page's reads of stored runs, the "run now" and the audited drill-down to a rule's accounts.</summary>
public sealed class AssociationAnalysisService(IDbContextFactory<AppDbContext> dbFactory, AssociationMiningJob job, AuditService audit)
{
    public const string RunAction = "Associations.Run";
    public const string TargetsAction = "Associations.ViewTargets";
    public const int MaxRulesShown = 500;

    public async Task<AssociationRunView?> LatestRunAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<AssociationRunRow>().AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new AssociationRunView(r.Id, r.WindowFrom, r.WindowTo, r.Months, r.MinSupport, r.MinConfidence, r.MaxItems, r.Accounts,
                r.RulesTested, r.RulesSignificant, r.TriggeredBy, r.StartedAtUtc, r.DurationMs))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<AssociationRuleView>> RulesAsync(long runId, bool includeNotSignificant, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Set<AssociationRuleRow>().AsNoTracking()
            .Where(r => r.RunId == runId && (includeNotSignificant || r.Significant))
            .OrderBy(r => r.Rank).Take(MaxRulesShown).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public async Task<long> RunNowAsync(ClaimsPrincipal admin, AssociationRunRequest request, CancellationToken ct = default)
    {
        var id = await job.RunAsync(request, admin.Identity?.Name ?? "admin", ct);
        await audit.RecordAsync(new AuditEvent(RunAction, $"association-run:{id}",
            Detail: $"months={request.Months};minSupport={request.MinSupport};minConfidence={request.MinConfidence};maxItems={request.MaxItems}",
            UserId: AccountAccessService.UserId(admin), UserName: admin.Identity?.Name), ct);
        return id;
    }

    /// <summary>
    /// The accounts with the rule's antecedent that had its outcome in the run's window, masked, with the events behind
    /// the outcome. Every view of such a target list is audited.
    /// </summary>
    public async Task<IReadOnlyList<AssociationTarget>> TargetsAsync(ClaimsPrincipal admin, long ruleId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rule = await db.Set<AssociationRuleRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == ruleId, ct);
        if (rule is null) return [];
        var run = await db.Set<AssociationRunRow>().AsNoTracking().FirstAsync(r => r.Id == rule.RunId, ct);
        var window = new AnalysisWindow(run.WindowFrom, run.WindowTo);
        var antecedent = rule.Antecedent.Split('&');
        var ids = (await AssociationData.TransactionsAsync(db, window, ct))
            .Where(t => antecedent.All(t.Items.Contains) && t.Outcomes.Contains(rule.Outcome))
            .Select(t => t.AccountId).ToList();
        await audit.RecordAsync(new AuditEvent(TargetsAction, $"association-rule:{rule.Id}", Detail: $"run={run.Id};accounts={ids.Count}",
            UserId: AccountAccessService.UserId(admin), UserName: admin.Identity?.Name), ct);
        if (ids.Count == 0) return [];

        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.AccountNumber, a.HolderName, a.Region }).ToListAsync(ct);
        var events = await EventsAsync(db, rule.Outcome, ids, window, ct);
        return accounts.OrderBy(a => a.AccountNumber, StringComparer.Ordinal)
            .Select(a => new AssociationTarget(a.Id, MaskNumber(a.AccountNumber), Masking.Name(a.HolderName), a.Region,
                events.Where(e => e.AccountId == a.Id).Select(e => e.Event).OrderBy(e => e.On).ToList()))
            .ToList();
    }

    private static async Task<List<(Guid AccountId, TargetEvent Event)>> EventsAsync(AppDbContext db, string outcome, List<Guid> ids, AnalysisWindow w, CancellationToken ct)
    {
        if (outcome.StartsWith(MarketingVocabulary.ComplaintPrefix, StringComparison.Ordinal))
        {
            var rows = await db.Complaints.AsNoTracking().Where(c => ids.Contains(c.AccountId) && c.SubmittedAt >= w.FromLocal && c.SubmittedAt < w.ToLocal)
                .Select(c => new { c.AccountId, c.SubmittedAt, c.Category, c.TrackingNumber, c.Status }).ToListAsync(ct);
            return rows.Where(c => MarketingVocabulary.Complaint(c.Category.ToString()) == outcome)
                .Select(c => (c.AccountId, new TargetEvent(DateOnly.FromDateTime(c.SubmittedAt), outcome, $"{c.TrackingNumber} · {c.Status}"))).ToList();
        }
        static DateOnly Local(DateTime utc) => DateOnly.FromDateTime(Complaints.ComplaintClock.ToLocal(utc));
        switch (outcome)
        {
            case MarketingVocabulary.LowRating:
                return (await db.ServiceRatings.AsNoTracking().Where(r => ids.Contains(r.AccountId) && r.Score <= 2 && r.SubmittedAt >= w.FromLocal && r.SubmittedAt < w.ToLocal)
                    .Select(r => new { r.AccountId, r.SubmittedAt, r.Score, r.ActivityType }).ToListAsync(ct))
                    .Select(r => (r.AccountId, new TargetEvent(DateOnly.FromDateTime(r.SubmittedAt), outcome, $"{r.ActivityType} · {r.Score}★"))).ToList();
            case MarketingVocabulary.HazardFound:
                return (await db.Hazards.AsNoTracking().Where(h => ids.Contains(h.AccountId) && h.FoundOn >= w.From && h.FoundOn < w.To)
                    .Select(h => new { h.AccountId, h.FoundOn, h.Severity, h.State }).ToListAsync(ct))
                    .Select(h => (h.AccountId, new TargetEvent(h.FoundOn, outcome, $"{h.Severity} · {h.State}"))).ToList();
            case MarketingVocabulary.LatePayment:
                return (await db.Bills.AsNoTracking().Where(b => ids.Contains(b.AccountId) && b.DueDate >= w.From && b.DueDate < w.To)
                    .Select(b => new { b.AccountId, b.DueDate, b.PeriodStart, b.Amount, b.PaidAmount, LastPaid = db.Payments.Where(p => p.BillId == b.Id).Max(p => (DateOnly?)p.PaidOn) })
                    .ToListAsync(ct))
                    .Where(b => (b.LastPaid is { } paid && paid > b.DueDate) || (b.PaidAmount < b.Amount && b.LastPaid is null))
                    .Select(b => (b.AccountId, new TargetEvent(b.DueDate, outcome, $"{b.PeriodStart:yyyy-MM} · {b.LastPaid?.ToString("yyyy-MM-dd") ?? "—"}"))).ToList();
            case MarketingVocabulary.SwitchRequested:
                return (await db.PackageSwitchRequests.AsNoTracking().Where(s => ids.Contains(s.AccountId) && s.RequestedAtUtc >= w.FromUtc && s.RequestedAtUtc < w.ToUtc)
                    .Select(s => new { s.AccountId, s.RequestedAtUtc, s.FromPackageCode, s.ToPackageCode, s.Status }).ToListAsync(ct))
                    .Select(s => (s.AccountId, new TargetEvent(Local(s.RequestedAtUtc), outcome, $"{s.FromPackageCode} → {s.ToPackageCode} · {s.Status}"))).ToList();
            case MarketingVocabulary.AlertRaised:
                return (await db.UsageAlerts.AsNoTracking().Where(a => ids.Contains(a.AccountId) && a.RaisedAtUtc >= w.FromUtc && a.RaisedAtUtc < w.ToUtc)
                    .Select(a => new { a.AccountId, a.RaisedAtUtc, a.Kind }).ToListAsync(ct))
                    .Select(a => (a.AccountId, new TargetEvent(Local(a.RaisedAtUtc), outcome, ((Domain.Usage.UsageAlertKind)a.Kind).ToString()))).ToList();
            case MarketingVocabulary.ServiceTaken:
                return (await db.ServiceActivities.AsNoTracking().Where(a => ids.Contains(a.AccountId) && a.CompletedAtUtc >= w.FromUtc && a.CompletedAtUtc < w.ToUtc)
                    .Select(a => new { a.AccountId, a.CompletedAtUtc, a.Type }).ToListAsync(ct))
                    .Select(a => (a.AccountId, new TargetEvent(Local(a.CompletedAtUtc), outcome, a.Type.ToString()))).ToList();
            default:
                return [];
        }
    }

    /// <summary>Account numbers identify a household: lists show the first and last digits only.</summary>
    public static string MaskNumber(string number) => number.Length <= 6 ? new string('*', number.Length) : number[..3] + new string('*', number.Length - 6) + number[^3..];

    private static AssociationRuleView View(AssociationRuleRow r) => new(r.Id, r.Rank, r.Antecedent.Split('&'), r.Outcome, r.WithBoth, r.AntecedentAccounts,
        r.OutcomeAccounts, r.TotalAccounts, r.Support, r.Confidence, r.Lift, r.RiskRatio, r.RiskRatioLow, r.RiskRatioHigh, r.PValue, r.QValue, r.Significant);
}
