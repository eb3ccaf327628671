using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Billing;
using Portal.Features.Accounts;

namespace Portal.Features.Home;

public sealed record AccountSummary(Guid Id, string AccountNumber, string HolderName, CustomerType Type, string Region,
    string PackageCode, decimal CapacityKva, LatestBill? LatestBill, decimal Last30DaysKwh, DateOnly? LatestReading);

public sealed record LatestBill(Guid Id, DateOnly PeriodStart, decimal Amount, decimal Outstanding, DateOnly DueDate, BillStatus Status);

/// <summary>A manager's home: <see cref="Total"/> managed accounts, the largest of them.</summary>
public sealed record ManagedAccountsTop(int Total, IReadOnlyList<AccountSummary> Largest);

public sealed record SystemCounts(int Accounts, int Residential, int Business, int LargeIndustrial, int Users, long AccountDays,
    int Bills, int UnpaidBills, int EmailsToday, DateOnly? LatestReading);

/// <summary>The data behind each role's home page.</summary>
public sealed class HomeService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access, TimeProvider clock)
{
    public async Task<IReadOnlyList<AccountSummary>> CustomerAccountsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var ids = await access.OwnAccountIdsAsync(user, ct);
        return await SummariesAsync(ids, ct);
    }

    /// <summary>
    /// A manager's home: how many accounts they manage and the <paramref name="take"/> largest by the last 30 days'
    /// usage (then by account number). Ranked in the database, so a manager of thousands reads a handful of rows.
    /// </summary>
    public async Task<ManagedAccountsTop> LargestManagedAccountsAsync(ClaimsPrincipal user, int take, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        if (userId is null) return new ManagedAccountsTop(0, []);
        List<Guid> top;
        int total;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var managed = db.Accounts.AsNoTracking().Where(a => a.CustomerManagerId == userId);
            total = await managed.CountAsync(ct);
            var since = Today.AddDays(-30);
            top = total == 0 ? [] : await managed
                .Select(a => new { a.Id, a.AccountNumber, Wh = db.AccountDays.Where(d => d.AccountId == a.Id && d.Date >= since).Sum(d => (long?)d.TotalWh) ?? 0 })
                .OrderByDescending(x => x.Wh).ThenBy(x => x.AccountNumber).Take(take).Select(x => x.Id).ToListAsync(ct);
        }
        var rows = await SummariesAsync(top, ct);
        return new ManagedAccountsTop(total, rows.OrderByDescending(r => r.Last30DaysKwh).ThenBy(r => r.AccountNumber, StringComparer.Ordinal).ToList());
    }

    private async Task<IReadOnlyList<AccountSummary>> SummariesAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.AccountNumber).ToListAsync(ct);
        var bills = await db.Bills.AsNoTracking().Where(b => ids.Contains(b.AccountId))
            .GroupBy(b => b.AccountId)
            .Select(g => g.OrderByDescending(b => b.PeriodStart).Select(b => new { b.AccountId, b.Id, b.PeriodStart, b.Amount, b.PaidAmount, b.DueDate, b.Status }).First())
            .ToListAsync(ct);
        var since = Today.AddDays(-30);
        var usage = await db.AccountDays.AsNoTracking().Where(d => ids.Contains(d.AccountId) && d.Date >= since)
            .GroupBy(d => d.AccountId).Select(g => new { AccountId = g.Key, Wh = g.Sum(d => d.TotalWh), Latest = g.Max(d => d.Date) })
            .ToListAsync(ct);
        var billOf = bills.ToDictionary(b => b.AccountId);
        var usageOf = usage.ToDictionary(u => u.AccountId);
        return accounts.Select(a =>
        {
            var b = billOf.GetValueOrDefault(a.Id);
            var u = usageOf.GetValueOrDefault(a.Id);
            return new AccountSummary(a.Id, a.AccountNumber, a.HolderName, a.Type, a.Region, a.TariffPackageCode, a.ContractedCapacityKva,
                b is null ? null : new LatestBill(b.Id, b.PeriodStart, b.Amount, b.Amount - b.PaidAmount, b.DueDate, b.Status),
                (u?.Wh ?? 0) / 1000m, u?.Latest);
        }).ToList();
    }

    public async Task<SystemCounts> SystemCountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var byType = await db.Accounts.AsNoTracking().GroupBy(a => a.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(CustomerType t) => byType.FirstOrDefault(x => x.Key == t)?.Count ?? 0;
        var startOfDay = clock.GetUtcNow().UtcDateTime.Date;
        return new SystemCounts(
            byType.Sum(x => x.Count), Count(CustomerType.Residential), Count(CustomerType.Business), Count(CustomerType.LargeIndustrial),
            await db.Users.CountAsync(ct),
            await db.AccountDays.LongCountAsync(ct),
            await db.Bills.CountAsync(ct),
            await db.Bills.CountAsync(b => b.Status != BillStatus.Paid, ct),
            await db.EmailMessages.CountAsync(m => m.CreatedAtUtc >= startOfDay, ct),
            await db.AccountDays.MaxAsync(d => (DateOnly?)d.Date, ct));
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
}
