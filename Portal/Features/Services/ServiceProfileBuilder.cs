using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Billing;
using Portal.Domain.Safety;
using Portal.Domain.Service;
using Portal.Domain.Usage;

namespace Portal.Features.Services;

/// <summary>
/// Builds the menu's view of one account from the stored data the rest of the portal keeps: the account, the nightly
/// usage refresh (segment, annual kWh), the credit state, the stored package recommendation, open hazards, the last
/// 12 months of bills (power-factor surcharges, excess-demand charges, late payments) and the enrolment services
/// already done (auto-pay and e-statements are "on" once such a request was completed).
/// </summary>
public static class ServiceProfileBuilder
{
    public static async Task<ServiceProfile?> BuildAsync(AppDbContext db, Guid accountId, DateOnly today, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.Type, a.ContractedCapacityKva, a.TariffPackageCode, a.HasElectricHeating })
            .FirstOrDefaultAsync(ct);
        if (account is null) return null;

        var prediction = await db.UsagePredictions.AsNoTracking().Where(p => p.AccountId == accountId)
            .Select(p => new { p.Archetype, p.AnnualKwh }).FirstOrDefaultAsync(ct);
        var tier = await db.CreditStates.AsNoTracking().Where(s => s.AccountId == accountId)
            .Select(s => (Domain.Credit.CreditTier?)s.CurrentTier).FirstOrDefaultAsync(ct);
        var recommendation = await db.TariffRecommendations.AsNoTracking().Where(r => r.AccountId == accountId)
            .Select(r => new { r.BestSaving, r.BestPackageCode }).FirstOrDefaultAsync(ct);
        var hazards = await db.Hazards.AsNoTracking().Where(h => h.AccountId == accountId && h.State == HazardState.Open)
            .Select(h => h.Severity).ToListAsync(ct);

        var since = today.AddMonths(-12);
        var lines = await db.Bills.AsNoTracking().Where(b => b.AccountId == accountId && b.PeriodStart >= since)
            .SelectMany(b => b.Lines).Where(l => l.Code == "powerFactor" || l.Code == "basic.demand.excess")
            .Select(l => new { l.Code, l.Amount }).ToListAsync(ct);
        var bills = await db.Bills.AsNoTracking().Where(b => b.AccountId == accountId && b.DueDate >= since && b.DueDate < today)
            .Select(b => new { b.DueDate, b.Status, LastPaid = b.Payments.Max(p => (DateOnly?)p.PaidOn) }).ToListAsync(ct);
        var late = bills.Count(b => b.Status == BillStatus.Paid ? b.LastPaid > b.DueDate : true);

        var enrolled = await EnrolledAsync(db, accountId, ct);
        return new ServiceProfile
        {
            Type = account.Type,
            CapacityKva = account.ContractedCapacityKva,
            PackageCode = account.TariffPackageCode,
            HasElectricHeating = account.HasElectricHeating,
            Segment = prediction?.Archetype is { } arch ? (LoadArchetype)arch : null,
            AnnualKwh = prediction?.AnnualKwh ?? 0m,
            Tier = tier,
            BestSavingYuan = recommendation?.BestSaving,
            BestPackageCode = recommendation?.BestPackageCode,
            OpenHazards = hazards.Count,
            OpenMajorHazards = hazards.Count(s => s == HazardSeverity.Major),
            PowerFactorSurchargeYuan = lines.Where(l => l.Code == "powerFactor" && l.Amount > 0).Sum(l => l.Amount),
            ExcessDemandChargeYuan = lines.Where(l => l.Code == "basic.demand.excess").Sum(l => l.Amount),
            LatePayments = late,
            AutoPayOn = enrolled.Contains(ServiceCodes.AutoPay),
            EStatementsOn = enrolled.Contains(ServiceCodes.EStatements),
        };
    }

    private static async Task<HashSet<string>> EnrolledAsync(AppDbContext db, Guid accountId, CancellationToken ct) =>
        (await db.ServiceRequests.AsNoTracking()
            .Where(r => r.AccountId == accountId && r.Status == ServiceRequestStatus.Done
                && (r.ServiceCode == ServiceCodes.AutoPay || r.ServiceCode == ServiceCodes.EStatements))
            .Select(r => r.ServiceCode).Distinct().ToListAsync(ct)).ToHashSet();
}
