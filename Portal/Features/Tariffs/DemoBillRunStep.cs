using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Credit;
using Portal.Features.Demo;

namespace Portal.Features.Tariffs;

/// <summary>
/// The last complete month's bills, issued by the production bill run after the credit step (as in production: the
/// review on the 1st, the bill run on the 3rd), so each bill's due date follows its account's tier; then the payments
/// <see cref="DemoBillingStep"/> planned for them.
/// </summary>
public sealed class DemoBillRunStep(DemoBillingStep billing, MonthlyBillRunJob billRun, CreditReviewJob review,
    IDbContextFactory<AppDbContext> dbFactory) : IDemoSeedStep
{
    public int Order => 45;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var month = new DateOnly(context.Today.Year, context.Today.Month, 1).AddMonths(-1);
        var issuedOn = DemoBillingStep.IssueDate(month.AddMonths(1));
        await billRun.RunForPeriodAsync(month, issuedOn, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bills = await db.Bills.Include(b => b.Payments).Where(b => b.PeriodStart == month).ToListAsync(ct);
        var paid = new List<Guid>();
        foreach (var bill in bills)
            if (billing.PendingPayments.TryGetValue(bill.AccountId, out var p) && bill.Amount > 0 && p.PaidOn >= bill.IssuedOn)
            {
                bill.RecordPayment(Guid.NewGuid(), p.PaidOn, bill.Amount, p.Channel);
                paid.Add(bill.AccountId);
            }
        await db.SaveChangesAsync(ct);
        // As a payment does in production: the payers' credit takes the on-time payment in (a same-day review then adds nothing).
        if (paid.Count > 0) await review.ReviewAsync(paid, Domain.Credit.PointEventKind.Review, null, notify: false, ct);
    }
}
