using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Billing;
using Portal.Domain.Tariffs;
using Portal.Features.Usage;

namespace Portal.Features.Tariffs;

public sealed record BillRunSummary(DateOnly Period, int Accounts, int Issued, int AlreadyBilled, int Failed);

/// <summary>
/// The monthly bill run: bills the last complete month for every account that has no bill for it yet, from the stored
/// readings through the bill engine, and issues each bill through <see cref="BillTermsService"/> so its due date carries
/// the deferred payment days of the account's tier on the issue day. Idempotent (an account billed for the period is
/// skipped), so a re-run or a late run finishes what a lost one left; one failing account is logged and retried next run.
/// </summary>
public sealed class MonthlyBillRunJob(IDbContextFactory<AppDbContext> dbFactory, ReadingStore readings, TariffCatalog catalog,
    BillTermsService terms, TimeProvider clock, ILogger<MonthlyBillRunJob> log)
{
    public const string Id = "monthly-bill-run";

    /// <summary>The recurring entry point: the last complete month in China time, issued today.</summary>
    public Task<BillRunSummary> RunAsync(CancellationToken ct)
    {
        var today = Demo.DemoSeeder.Today(clock);
        var last = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return RunForPeriodAsync(last, today, ct);
    }

    public async Task<BillRunSummary> RunForPeriodAsync(DateOnly month, DateOnly issuedOn, CancellationToken ct, IReadOnlyCollection<Guid>? only = null)
    {
        var period = BillingPeriod.Month(month.Year, month.Month);
        List<Guid> todo;
        int accounts;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var open = db.Accounts.AsNoTracking().Where(a => a.OpenedOn < period.End);
            if (only is not null) open = open.Where(a => only.Contains(a.Id));
            var all = await open.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
            var billed = await db.Bills.AsNoTracking().Where(b => b.PeriodStart == period.Start).Select(b => b.AccountId).ToListAsync(ct);
            accounts = all.Count;
            todo = all.Except(billed).ToList();
        }
        int issued = 0, failed = 0;
        foreach (var accountId in todo)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                if (await BillAsync(accountId, period, issuedOn, ct)) issued++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                log.LogError(e, "Bill run {Period:yyyy-MM}: account {Account} failed", period.Start, accountId);
            }
        }
        log.LogInformation("Bill run {Period:yyyy-MM}: {Issued} issued, {Skipped} already billed, {Failed} failed", period.Start, issued, accounts - todo.Count, failed);
        return new BillRunSummary(period.Start, accounts, issued, accounts - todo.Count, failed);
    }

    private async Task<bool> BillAsync(Guid accountId, BillingPeriod period, DateOnly issuedOn, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        if (!catalog.TryGet(account.TariffPackageCode, out var package)) return false;
        var days = await readings.ReadDaysAsync(accountId, period.Start, period.End, ct);
        if (days.Count == 0) return false;
        var tierBefore = 0m;
        if (package!.Energy.Tiers is { } tiers)
        {
            // The tier cycle's kWh before this bill: the bills already issued in the same cycle.
            var cycleStart = tiers.Basis == TierBasis.Monthly
                ? period.Start
                : new DateOnly(period.Start.Month >= tiers.CycleStartMonth ? period.Start.Year : period.Start.Year - 1, tiers.CycleStartMonth, 1);
            tierBefore = await db.Bills.AsNoTracking()
                .Where(b => b.AccountId == accountId && b.PeriodStart >= cycleStart && b.PeriodStart < period.Start)
                .Select(b => b.TotalKwh).SumAsync(ct);
        }
        var calc = BillCalculator.Calculate(catalog.Compiled(package.Code), account.Profile, PeriodUsage.Prepare(period, days), tierBefore,
            package.Basic?.Method == BasicChargeMethod.Demand ? account.DeclaredDemandKw : null);
        await terms.IssueAsync(accountId, period.Start, period.End, issuedOn, calc.PackageCode, calc.TotalKwh,
            calc.Lines.Select(l => new BillLine(l.Code, l.DescriptionKey, l.Quantity, l.Unit, l.UnitPrice, l.Amount.Yuan)), ct);
        return true;
    }
}
