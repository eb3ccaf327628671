using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Credit;
using Portal.Features.Accounts;
using Portal.Features.Credit;
using Portal.Features.Demo;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Tariffs;

/// <summary>What the bill page offers about financing: whether it is possible (or why not) and the plan it would make.</summary>
public sealed record FinancingOffer(bool Eligible, string? RefusalCode, int MinInstalments, int MaxInstalments, decimal MinimumAmount,
    IReadOnlyList<InstalmentTerm> Preview);

public sealed record InstalmentRow(int Number, DateOnly DueOn, decimal Amount);

public enum FinancingOutcome { Done, NotFound, Refused }

public sealed record FinancingResult(FinancingOutcome Outcome, string? Code = null);

/// <summary>
/// Bill terms that follow the credit tier's privileges: issuing a bill with the due date the tier in force allows, and
/// splitting an eligible bill into instalments. Both read the privilege grid through <see cref="AccountPrivileges"/>.
/// </summary>
public sealed class BillTermsService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access,
    AuditService audit, TimeProvider clock)
{
    public const int DefaultInstalments = 3;

    /// <summary>Issues a bill; its due date is the standard term plus the deferred payment days of the tier in force on the issue day.</summary>
    public async Task<Bill> IssueAsync(Guid accountId, DateOnly periodStart, DateOnly periodEnd, DateOnly issuedOn, string packageCode,
        decimal totalKwh, IEnumerable<BillLine> lines, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var terms = await AccountPrivileges.ForAccountAsync(db, accountId, issuedOn, ct);
        var bill = new Bill(Guid.NewGuid(), accountId, periodStart, periodEnd, issuedOn, PaymentTerms.DueDate(issuedOn, terms),
            packageCode, totalKwh, lines, terms.DeferredPaymentDays);
        db.Bills.Add(bill);
        await db.SaveChangesAsync(ct);
        return bill;
    }

    /// <summary>Null when the bill is not on one of the user's own accounts.</summary>
    public async Task<FinancingOffer?> OfferAsync(ClaimsPrincipal user, Guid billId, int instalments = DefaultInstalments, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bill = await db.Bills.AsNoTracking().Include(b => b.Instalments).FirstOrDefaultAsync(b => b.Id == billId && own.Contains(b.AccountId), ct);
        if (bill is null) return null;
        var today = DemoSeeder.Today(clock);
        var terms = FinancingTerms.Standard;
        var tier = await AccountPrivileges.ForAccountAsync(db, bill.AccountId, today, ct);
        var refusal = terms.Refusal(tier, bill.Amount, bill.PaidAmount, bill.DueDate, today, bill.IsFinanced);
        var count = Math.Clamp(instalments, terms.MinInstalments, terms.MaxInstalments);
        return new FinancingOffer(refusal is null, refusal, terms.MinInstalments, terms.MaxInstalments, terms.MinimumAmount,
            refusal is null ? terms.Schedule(bill.Amount, count, bill.DueDate) : []);
    }

    /// <summary>Checks eligibility against the privileges in force today, then stores the plan on the bill.</summary>
    public async Task<FinancingResult> FinanceAsync(ClaimsPrincipal user, Guid billId, int instalments, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bill = await db.Bills.Include(b => b.Instalments).FirstOrDefaultAsync(b => b.Id == billId && own.Contains(b.AccountId), ct);
        if (bill is null) return new(FinancingOutcome.NotFound);
        var today = DemoSeeder.Today(clock);
        var terms = FinancingTerms.Standard;
        var tier = await AccountPrivileges.ForAccountAsync(db, bill.AccountId, today, ct);
        if (terms.Refusal(tier, bill.Amount, bill.PaidAmount, bill.DueDate, today, bill.IsFinanced) is { } refusal)
            return new(FinancingOutcome.Refused, refusal);
        try
        {
            bill.FinanceInInstalments(terms.Schedule(bill.Amount, instalments, bill.DueDate), today);
        }
        catch (DomainException e)
        {
            return new(FinancingOutcome.Refused, e.Code);
        }
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent("Billing.Financed", bill.Id.ToString(), Detail: $"{instalments} × tier {tier.Tier} v{tier.PolicyVersion}",
            UserId: AccountAccessService.UserId(user), UserName: user.Identity?.Name), ct);
        return new(FinancingOutcome.Done);
    }
}
