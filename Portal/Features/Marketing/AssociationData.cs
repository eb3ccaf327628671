using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Billing;
using Portal.Domain.Marketing;
using Portal.Domain.Usage;
using Portal.Features.Complaints;

namespace Portal.Features.Marketing;

/// <summary>The analysis window in the utility's local dates: [From, To).</summary>
public sealed record AnalysisWindow(DateOnly From, DateOnly To)
{
    public static AnalysisWindow LastMonths(DateOnly today, int months) => new(today.AddMonths(-months), today.AddDays(1));

    public DateTime FromLocal => From.ToDateTime(TimeOnly.MinValue);
    public DateTime ToLocal => To.ToDateTime(TimeOnly.MinValue);
    public DateTime FromUtc => FromLocal - ComplaintClock.Offset;
    public DateTime ToUtc => ToLocal - ComplaintClock.Offset;
}

/// <summary>
/// Reads the transactions of a window from the real tables: one narrow projection per source, each a set-based query
/// (one row per account and outcome kind, never per event), joined in memory by account id.
/// </summary>
public static class AssociationData
{
    public static async Task<IReadOnlyList<AccountFacts>> AccountsAsync(AppDbContext db, CancellationToken ct)
    {
        var accounts = await db.Accounts.AsNoTracking()
            .Select(a => new { a.Id, a.Region, a.Type, a.TariffPackageCode, a.HasElectricHeating, a.OpenedOn, a.ContractedCapacityKva })
            .OrderBy(a => a.Id).ToListAsync(ct);
        var predictions = await db.UsagePredictions.AsNoTracking()
            .Select(p => new { p.AccountId, p.Archetype, p.ConsumptionBand }).ToDictionaryAsync(p => p.AccountId, ct);
        var tiers = await db.CreditStates.AsNoTracking().Select(s => new { s.AccountId, s.CurrentTier }).ToDictionaryAsync(s => s.AccountId, s => s.CurrentTier, ct);
        return accounts.Select(a =>
        {
            predictions.TryGetValue(a.Id, out var p);
            return new AccountFacts(a.Id, p?.Archetype is { } arch ? ((LoadArchetype)arch).ToString() : null, a.Region,
                p?.ConsumptionBand, a.Type.ToString(), tiers.TryGetValue(a.Id, out var t) ? t.ToString() : null,
                a.TariffPackageCode, a.HasElectricHeating, a.OpenedOn, a.ContractedCapacityKva);
        }).ToList();
    }

    public static async Task<List<OutcomeEvent>> OutcomesAsync(AppDbContext db, AnalysisWindow w, CancellationToken ct)
    {
        var events = new List<OutcomeEvent>();
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.SubmittedAt >= w.FromLocal && c.SubmittedAt < w.ToLocal)
            .Select(c => new { c.AccountId, c.Category }).Distinct().ToListAsync(ct);
        events.AddRange(complaints.Select(c => new OutcomeEvent(c.AccountId, MarketingVocabulary.Complaint(c.Category.ToString()))));

        async Task Add(IQueryable<Guid> accountIds, string outcome) =>
            events.AddRange((await accountIds.Distinct().ToListAsync(ct)).Select(id => new OutcomeEvent(id, outcome)));

        await Add(db.ServiceRatings.Where(r => r.Score <= 2 && r.SubmittedAt >= w.FromLocal && r.SubmittedAt < w.ToLocal).Select(r => r.AccountId),
            MarketingVocabulary.LowRating);
        await Add(db.Hazards.Where(h => h.FoundOn >= w.From && h.FoundOn < w.To).Select(h => h.AccountId), MarketingVocabulary.HazardFound);
        // Late: paid after the due date, or still not fully paid with the due date passed.
        await Add(db.Payments.Where(p => p.PaidOn >= w.From && p.PaidOn < w.To)
            .Join(db.Bills, p => p.BillId, b => b.Id, (p, b) => new { p.AccountId, p.PaidOn, b.DueDate })
            .Where(x => x.PaidOn > x.DueDate).Select(x => x.AccountId), MarketingVocabulary.LatePayment);
        var lastDay = w.To.AddDays(-1);
        await Add(db.Bills.Where(b => b.DueDate >= w.From && b.DueDate < lastDay && b.Status != BillStatus.Paid && b.PaidAmount < b.Amount)
            .Select(b => b.AccountId), MarketingVocabulary.LatePayment);
        await Add(db.PackageSwitchRequests.Where(s => s.RequestedAtUtc >= w.FromUtc && s.RequestedAtUtc < w.ToUtc).Select(s => s.AccountId),
            MarketingVocabulary.SwitchRequested);
        await Add(db.UsageAlerts.Where(a => a.RaisedAtUtc >= w.FromUtc && a.RaisedAtUtc < w.ToUtc).Select(a => a.AccountId),
            MarketingVocabulary.AlertRaised);
        await Add(db.ServiceActivities.Where(a => a.CompletedAtUtc >= w.FromUtc && a.CompletedAtUtc < w.ToUtc).Select(a => a.AccountId),
            MarketingVocabulary.ServiceTaken);
        return events;
    }

    public static async Task<IReadOnlyList<AssociationTransaction>> TransactionsAsync(AppDbContext db, AnalysisWindow w, CancellationToken ct) =>
        MarketingVocabulary.Transactions(await AccountsAsync(db, ct), await OutcomesAsync(db, w, ct), w.To.AddDays(-1));
}
