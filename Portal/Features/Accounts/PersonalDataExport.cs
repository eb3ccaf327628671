using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Accounts;

public sealed record PersonalDataFile(PersonalProfile Profile, IReadOnlyList<PersonalAccount> Accounts, IReadOnlyList<PersonalComplaint> Complaints,
    IReadOnlyList<PersonalHazard> Hazards, IReadOnlyList<PersonalAuditRecord> SecurityEvents, DateTime ExportedAtUtc);

public sealed record PersonalProfile(string Email, string DisplayName, string? Phone, string PreferredCulture, bool TwoFactorEnabled, DateTime CreatedAtUtc);

public sealed record PersonalAccount(string AccountNumber, string HolderName, string Address, string Phone, string Region, string MeterNumber,
    string TariffPackage, DateOnly OpenedOn, DateTime BoundAtUtc);

public sealed record PersonalComplaint(string TrackingNumber, string AccountNumber, string Category, string Description, string Status, DateTime SubmittedAt);

public sealed record PersonalHazard(string AccountNumber, string Description, string State, DateOnly FoundOn, DateOnly? ReportedOn, string? CustomerNote);

public sealed record PersonalAuditRecord(DateTime AtUtc, string Action, string? Target, string Outcome, string? ClientIp);

/// <summary>
/// Everything the portal holds about one signed-in user, in full (it is their own data), for the personal-data
/// download. Only the user's own bindings are followed; secrets (password hash, authenticator key) are never included.
/// </summary>
public sealed class PersonalDataExport(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<PersonalDataFile?> BuildAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new PersonalProfile(u.Email!, u.DisplayName, u.PhoneNumber, u.PreferredCulture, u.TwoFactorEnabled, u.CreatedAtUtc))
            .FirstOrDefaultAsync(ct);
        if (user is null) return null;

        var accounts = (await db.AccountBindings.AsNoTracking().Where(b => b.UserId == userId)
                .Join(db.Accounts, b => b.AccountId, a => a.Id, (b, a) => new { Binding = b, Account = a }).ToListAsync(ct))
            .Select(x => new { x.Account.Id, Row = ToRow(x.Account, x.Binding.BoundAtUtc) }).ToList();
        var numbers = accounts.ToDictionary(a => a.Id, a => a.Row.AccountNumber);
        var ids = numbers.Keys.ToList();

        var complaints = (await db.Complaints.AsNoTracking().Where(c => c.CustomerUserId == userId)
                .Select(c => new { c.TrackingNumber, c.AccountId, c.Category, c.Description, c.Status, c.SubmittedAt }).ToListAsync(ct))
            .OrderBy(c => c.SubmittedAt)
            .Select(c => new PersonalComplaint(c.TrackingNumber, numbers.GetValueOrDefault(c.AccountId, ""), c.Category.ToString(), c.Description, c.Status.ToString(), c.SubmittedAt))
            .ToList();
        var hazards = (await db.Hazards.AsNoTracking().Where(h => ids.Contains(h.AccountId))
                .Select(h => new { h.AccountId, h.Description, h.State, h.FoundOn, h.ReportedOn, h.CustomerNote }).ToListAsync(ct))
            .OrderBy(h => h.FoundOn)
            .Select(h => new PersonalHazard(numbers[h.AccountId], h.Description, h.State.ToString(), h.FoundOn, h.ReportedOn, h.CustomerNote))
            .ToList();
        var events = await db.AuditEntries.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Id)
            .Select(a => new PersonalAuditRecord(a.AtUtc, a.Action, a.Target, a.Outcome, a.ClientIp)).ToListAsync(ct);

        return new PersonalDataFile(user, accounts.Select(a => a.Row).ToList(), complaints, hazards, events, clock.GetUtcNow().UtcDateTime);
    }

    private static PersonalAccount ToRow(Domain.Accounts.CustomerAccount a, DateTime boundAtUtc) =>
        new(a.AccountNumber, a.HolderName, a.Address, a.Phone, a.Region, a.MeterNumber, a.TariffPackageCode, a.OpenedOn, boundAtUtc);
}
