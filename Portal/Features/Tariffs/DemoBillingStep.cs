using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Billing;
using Portal.Domain.Tariffs;
using Portal.Features.Demo;

namespace Portal.Features.Tariffs;

/// <summary>
/// Demo bills are produced by the bill engine from the same readings the usage pages show, so bills,
/// statements and recommendations agree. Payments follow each account's habit: on time, sometimes late, in arrears.
/// The last complete month is left to the production bill run (<see cref="DemoBillRunStep"/>, after the credit step), so
/// its bills carry the payment terms of each account's tier; its payments are kept here until then.
/// </summary>
public sealed class DemoBillingStep(IDbContextFactory<AppDbContext> dbFactory, TariffCatalog catalog) : IDemoSeedStep
{
    public int Order => 10;

    /// <summary>Bills are issued on the 3rd of the following month and due 15 days later.</summary>
    public static DateOnly IssueDate(DateOnly periodEnd) => periodEnd.AddDays(2);

    /// <summary>History is seeded on the standard term: the tier of those past days is not known before the credit step runs.</summary>
    public static DateOnly DueDate(DateOnly issued) => PaymentTerms.StandardDueDate(issued);

    /// <summary>The last month's payment each account will make (day and channel), applied after the bill run issued the bill.</summary>
    internal Dictionary<Guid, (DateOnly PaidOn, string Channel)> PendingPayments { get; } = [];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var gen = new DemoDataGenerator();
        var lastComplete = new DateOnly(context.Today.Year, context.Today.Month, 1);
        foreach (var batch in context.Accounts.Chunk(25))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var accounts = await db.Accounts.AsNoTracking().Where(a => batch.Select(b => b.Id).Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
            foreach (var spec in batch)
            {
                var account = accounts[spec.Id];
                var compiled = catalog.Compiled(account.TariffPackageCode);
                var r = DemoRandom.For(spec.Index, 777);
                var tierBefore = 0m;
                var start = context.FirstDay > spec.OpenedOn ? context.FirstDay : new DateOnly(spec.OpenedOn.Year, spec.OpenedOn.Month, 1).AddMonths(1);
                var bills = new List<Bill>();
                for (var month = start; month < lastComplete; month = month.AddMonths(1))
                {
                    var period = BillingPeriod.Month(month.Year, month.Month);
                    // Regenerating the days (deterministic, in memory) is cheaper than reading back what was just written.
                    var days = gen.Days(spec, period.Start, period.End).ToList();
                    var usage = PeriodUsage.Prepare(period, days);
                    var calc = BillCalculator.Calculate(compiled, account.Profile, usage, tierBefore, account.DeclaredDemandKw);
                    tierBefore = calc.TierKwhAfter;
                    var issued = IssueDate(period.End);
                    bills.Add(new Bill(BillId(spec.Index, month), account.Id, period.Start, period.End, issued, DueDate(issued),
                        calc.PackageCode, calc.TotalKwh, calc.Lines.Select(l => new BillLine(l.Code, l.DescriptionKey, l.Quantity, l.Unit, l.UnitPrice, l.Amount.Yuan))));
                }
                Pay(bills, spec.PaymentHabit, context.Today, r);
                if (bills.Count > 0 && bills[^1].PeriodStart == lastComplete.AddMonths(-1))
                {
                    if (bills[^1].Payments.FirstOrDefault() is { } p) PendingPayments[account.Id] = (p.PaidOn, p.Channel);
                    bills.RemoveAt(bills.Count - 1);
                }
                db.Bills.AddRange(bills);
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private static void Pay(List<Bill> bills, int habit, DateOnly today, Random r)
    {
        for (var i = 0; i < bills.Count; i++)
        {
            var bill = bills[i];
            var fromEnd = bills.Count - i;
            // Accounts in arrears have left their last 2–4 bills unpaid.
            if (habit == 2 && fromEnd <= 2 + (bill.AccountId.GetHashCode() & 1) * 2) continue;
            var late = habit switch { 0 => false, 1 => r.NextDouble() < 0.3, _ => r.NextDouble() < 0.6 };
            var paidOn = late ? bill.DueDate.AddDays(r.Next(3, 45)) : bill.IssuedOn.AddDays(r.Next(0, 14));
            if (paidOn > today.AddDays(-1)) continue; // not paid yet
            if (bill.Amount > 0)
                bill.RecordPayment(PaymentId(bill.Id), paidOn, bill.Amount, r.Next(3) switch { 0 => "WeChat", 1 => "Alipay", _ => "Counter" });
        }
    }

    private static Guid BillId(int account, DateOnly month) => DemoRandom.Id(account, month.DayNumber, 1);
    private static Guid PaymentId(Guid billId)
    {
        Span<byte> b = stackalloc byte[16];
        billId.TryWriteBytes(b);
        return DemoRandom.Id(BitConverter.ToInt32(b), BitConverter.ToInt32(b[4..]), BitConverter.ToInt32(b[8..]), BitConverter.ToInt32(b[12..]), 2);
    }

}
