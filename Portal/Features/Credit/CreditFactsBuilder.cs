using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Billing;
using Portal.Domain.Credit;
using Portal.Domain.Safety;

namespace Portal.Features.Credit;

/// <summary>
/// Reads what the scorer needs about a batch of accounts in a handful of queries (not one per account): bills with
/// their settlement day, hazards (only verified fixes count), violations, the last 12 months of kWh from the
/// monthly roll-up, revenue from the bills of those months, and manual adjustments.
/// </summary>
public static class CreditFactsBuilder
{
    public static async Task<Dictionary<Guid, CreditFacts>> BuildAsync(AppDbContext db, IReadOnlyCollection<Guid> accountIds,
        DateOnly asOf, CancellationToken ct)
    {
        var ids = accountIds.Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Type, a.Voltage, a.ContractedCapacityKva, a.Region, a.OpenedOn })
            .ToListAsync(ct);
        var bills = await db.Bills.AsNoTracking().Where(b => ids.Contains(b.AccountId))
            .Select(b => new { b.Id, b.AccountId, b.PeriodStart, b.DueDate, b.Amount, b.PaidAmount, b.Status })
            .ToListAsync(ct);
        var lastPayments = (await db.Payments.AsNoTracking().Where(p => ids.Contains(p.AccountId))
                .Select(p => new { p.BillId, p.PaidOn }).ToListAsync(ct))
            .GroupBy(p => p.BillId).ToDictionary(g => g.Key, g => g.Max(p => p.PaidOn));
        var hazards = await db.Hazards.AsNoTracking().Where(h => ids.Contains(h.AccountId)).ToListAsync(ct);
        var violations = await db.Violations.AsNoTracking().Where(v => ids.Contains(v.AccountId)).ToListAsync(ct);
        var adjustments = await db.CreditAdjustments.AsNoTracking().Where(a => ids.Contains(a.AccountId)).ToListAsync(ct);
        var yearStart = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-12);
        var thisMonth = new DateOnly(asOf.Year, asOf.Month, 1);
        var usage = (await db.MonthlyUsage.AsNoTracking()
                .Where(m => ids.Contains(m.AccountId) && m.Month >= yearStart && m.Month < thisMonth)
                .Select(m => new { m.AccountId, m.TotalWh }).ToListAsync(ct))
            .GroupBy(m => m.AccountId).ToDictionary(g => g.Key, g => g.Sum(m => m.TotalWh) / 1000m);

        var result = new Dictionary<Guid, CreditFacts>();
        foreach (var a in accounts)
        {
            var own = bills.Where(b => b.AccountId == a.Id).ToList();
            var billFacts = own.Select(b => new BillFact(BillRef(b.Id), b.DueDate, b.Amount,
                    b.Status == BillStatus.Paid && lastPayments.TryGetValue(b.Id, out var paid) ? paid : null, b.PaidAmount))
                .ToList();
            var revenue = own.Where(b => b.PeriodStart >= yearStart && b.PeriodStart < thisMonth).Sum(b => b.Amount);
            result[a.Id] = new CreditFacts(
                new Domain.Accounts.AccountProfile(a.Type, a.Voltage, a.ContractedCapacityKva, a.Region),
                a.OpenedOn,
                billFacts,
                hazards.Where(h => h.AccountId == a.Id).Select(HazardFact.From).ToList(),
                violations.Where(v => v.AccountId == a.Id).Select(v => v.ToFact()).ToList(),
                usage.GetValueOrDefault(a.Id),
                revenue,
                adjustments.Where(x => x.AccountId == a.Id).Select(x => x.ToFact()).ToList());
        }
        return result;
    }

    /// <summary>Bill ids in facts are plain GUID strings so the UI can link evidence back to the bill.</summary>
    public static string BillRef(Guid billId) => billId.ToString();
}
