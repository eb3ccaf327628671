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

    public async Task<IReadOnlyList<AccountSummary>> ManagedAccountsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Accounts.AsNoTracking().Where(a => a.CustomerManagerId == userId).Select(a => a.Id).ToListAsync(ct);
        return await SummariesAsync(ids, ct);
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
        return accounts.Select(a =>
        {
            var b = bills.FirstOrDefault(x => x.AccountId == a.Id);
            var u = usage.FirstOrDefault(x => x.AccountId == a.Id);
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
