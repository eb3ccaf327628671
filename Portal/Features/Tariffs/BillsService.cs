using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Billing;
using Portal.Domain.Tariffs;
using Portal.Features.Accounts;
using Portal.Features.Usage;

namespace Portal.Features.Tariffs;

public sealed record BillRow(Guid Id, Guid AccountId, string AccountNumber, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueDate,
    string PackageCode, decimal TotalKwh, decimal Amount, decimal PaidAmount, BillStatus Status)
{
    public decimal Outstanding => Amount - PaidAmount;
}

public sealed record BillLineRow(string Code, string DescriptionKey, decimal Quantity, string Unit, decimal UnitPrice, decimal Amount);

public sealed record PaymentRow(DateOnly PaidOn, decimal Amount, string Channel);

/// <summary>What the engine says about the bill's period when replayed from the readings (kWh splits, estimates, notes).</summary>
public sealed record BillBreakdown(
    IReadOnlyList<PeriodKwh> KwhByPeriod,
    IReadOnlyList<TierKwh> KwhByTier,
    int EstimatedIntervals,
    int ExpectedIntervals,
    EstimationMethod Estimation,
    decimal? PowerFactor,
    decimal MaxDemandKw,
    IReadOnlyList<string> Notes);

public sealed record BillDetail(
    BillRow Bill,
    string PackageCode,
    string? PackageName,
    DateOnly IssuedOn,
    IReadOnlyList<BillLineRow> Lines,
    IReadOnlyList<PaymentRow> Payments,
    BillBreakdown? Breakdown,
    BillRow? Previous,
    BillChange? Change,
    int DeferredPaymentDays = 0,
    IReadOnlyList<InstalmentRow>? Instalments = null);

/// <summary>
/// The customer's bills: the list across their own accounts and one bill with its lines, payments, the engine's
/// breakdown and "why did my bill change" against the account's previous bill. Both bills are recomputed from the
/// readings (ReadingStore + BillCalculator) with the tier state carried from the bills of the same tier cycle.
/// </summary>
public sealed class BillsService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access, ReadingStore readings, TariffCatalog catalog)
{
    public async Task<(IReadOnlyList<BillRow> Rows, int Total)> ListAsync(ClaimsPrincipal user, Guid? accountId, int page, int pageSize, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(user, ct);
        if (accountId is { } only) own = own.Contains(only) ? [only] : [];
        if (own.Count == 0) return ([], 0);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Bills.AsNoTracking().Where(b => own.Contains(b.AccountId));
        var total = await query.CountAsync(ct);
        var rows = await Project(db, query.OrderByDescending(b => b.PeriodStart).ThenBy(b => b.AccountId).Skip(page * pageSize).Take(pageSize))
            .ToListAsync(ct);
        return (rows, total);
    }

    /// <summary>Null when the bill does not exist or is not on one of the user's own accounts (the page shows "not found").</summary>
    public async Task<BillDetail?> GetAsync(ClaimsPrincipal user, Guid billId, CancellationToken ct = default)
    {
        var own = await access.OwnAccountIdsAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Two collections: split, so lines × payments are not multiplied into one result (and EF does not warn about it).
        var bill = await db.Bills.AsNoTracking().Include(b => b.Lines).Include(b => b.Payments).Include(b => b.Instalments).AsSplitQuery()
            .FirstOrDefaultAsync(b => b.Id == billId && own.Contains(b.AccountId), ct);
        if (bill is null) return null;
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == bill.AccountId, ct);
        var row = (await Project(db, db.Bills.AsNoTracking().Where(b => b.Id == billId)).FirstAsync(ct));
        var previous = await Project(db, db.Bills.AsNoTracking().Where(b => b.AccountId == bill.AccountId && b.PeriodStart < bill.PeriodStart)
            .OrderByDescending(b => b.PeriodStart)).FirstOrDefaultAsync(ct);

        BillBreakdown? breakdown = null;
        BillChange? change = null;
        if (catalog.TryGet(bill.PackageCode, out var package))
        {
            var from = previous?.PeriodStart ?? bill.PeriodStart;
            var days = await readings.ReadDaysAsync(bill.AccountId, from, bill.PeriodEnd, ct);
            var current = await RecomputeAsync(db, account, package!, bill.PeriodStart, bill.PeriodEnd, days, ct);
            breakdown = new BillBreakdown(current.KwhByPeriod, current.KwhByTier, current.EstimatedIntervals, current.ExpectedIntervals,
                current.Estimation, current.PowerFactor, current.MaxDemandKw, current.Notes);
            if (previous is not null && catalog.TryGet(previous.PackageCode, out var previousPackage))
            {
                var before = await RecomputeAsync(db, account, previousPackage!, previous.PeriodStart, previous.PeriodEnd, days, ct);
                change = BillChangeExplainer.Explain(before, current);
            }
        }
        return new BillDetail(row, bill.PackageCode, package?.Name is { } n ? Localized(n) : null, bill.IssuedOn,
            bill.Lines.Select(l => new BillLineRow(l.Code, l.Description, l.Quantity, l.Unit, l.UnitPrice, l.Amount)).ToList(),
            bill.Payments.OrderBy(p => p.PaidOn).Select(p => new PaymentRow(p.PaidOn, p.Amount, p.Channel)).ToList(),
            breakdown, previous, change, bill.DeferredPaymentDays,
            bill.Instalments.OrderBy(i => i.Number).Select(i => new InstalmentRow(i.Number, i.DueOn, i.Amount)).ToList());
    }

    public static string Localized(LocalizedText text) =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? text.ZhCn : text.EnUs;

    private async Task<CalculatedBill> RecomputeAsync(AppDbContext db, Domain.Accounts.CustomerAccount account, TariffPackage package,
        DateOnly start, DateOnly end, IReadOnlyList<Domain.Usage.DayReadings> days, CancellationToken ct)
    {
        var tierBefore = 0m;
        if (package.Energy.Tiers is { } tiers)
        {
            // The tier cycle's kWh before this bill: the issued bills of the same cycle, as the bill run carried them.
            var cycleStart = tiers.Basis == TierBasis.Monthly
                ? new DateOnly(start.Year, start.Month, 1)
                : new DateOnly(start.Month >= tiers.CycleStartMonth ? start.Year : start.Year - 1, tiers.CycleStartMonth, 1);
            tierBefore = await db.Bills.AsNoTracking()
                .Where(b => b.AccountId == account.Id && b.PeriodStart >= cycleStart && b.PeriodStart < start)
                .Select(b => b.TotalKwh).SumAsync(ct);
        }
        var usage = PeriodUsage.Prepare(new BillingPeriod(start, end), days);
        return BillCalculator.Calculate(catalog.Compiled(package.Code), account.Profile, usage, tierBefore,
            package.Basic?.Method == BasicChargeMethod.Demand ? account.DeclaredDemandKw : null);
    }

    private static IQueryable<BillRow> Project(AppDbContext db, IQueryable<Bill> bills) =>
        bills.Select(b => new BillRow(b.Id, b.AccountId, db.Accounts.Where(a => a.Id == b.AccountId).Select(a => a.AccountNumber).First(),
            b.PeriodStart, b.PeriodEnd, b.DueDate, b.PackageCode, b.TotalKwh, b.Amount, b.PaidAmount, b.Status));
}
