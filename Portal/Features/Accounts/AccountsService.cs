using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;

namespace Portal.Features.Accounts;

public sealed record AccountDetails(Guid Id, string AccountNumber, string HolderName, CustomerType Type, string Region,
    string StationArea, VoltageLevel Voltage, decimal CapacityKva, string PackageCode, string MeterNumber,
    string? ManagerName, string? ManagerPhone, string? ManagerHours);

public sealed class AccountsService(IDbContextFactory<AppDbContext> dbFactory, AccountAccessService access)
{
    public async Task<IReadOnlyList<AccountDetails>> OwnAccountsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var ids = await access.OwnAccountIdsAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from a in db.Accounts.AsNoTracking()
                      where ids.Contains(a.Id)
                      join m in db.Users on a.CustomerManagerId equals m.Id into managers
                      from m in managers.DefaultIfEmpty()
                      orderby a.AccountNumber
                      select new AccountDetails(a.Id, a.AccountNumber, a.HolderName, a.Type, a.Region, a.StationArea, a.Voltage,
                          a.ContractedCapacityKva, a.TariffPackageCode, a.MeterNumber, m != null ? m.DisplayName : null,
                          m != null ? m.WorkPhone : null, m != null ? m.WorkHours : null)).ToListAsync(ct);
    }
}
