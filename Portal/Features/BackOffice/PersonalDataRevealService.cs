using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Infrastructure.Audit;

namespace Portal.Features.BackOffice;

/// <summary>A personal value that staff see masked until they reveal it with a reason.</summary>
public enum PersonalField { Holder = 0, Phone = 1, Address = 2 }

/// <summary>The revealed value, or the resource key of why it was refused.</summary>
public sealed record RevealResult(string? Value, string? ErrorKey)
{
    public bool Revealed => Value is not null;
}

/// <summary>
/// Staff see personal data masked (Masking in Portal.Domain). A full value is shown only after the staff member
/// states why they need it; every reveal and every refusal is audited with the reason. Complaint handlers and
/// admins may reveal any account's value; a customer manager only for the accounts assigned to them.
/// </summary>
public sealed class PersonalDataRevealService(IDbContextFactory<AppDbContext> dbFactory, AuditService audit)
{
    public const int MinReasonLength = 10;
    public const int MaxReasonLength = 300;
    public const string AuditAction = "PersonalData.Reveal";

    public async Task<RevealResult> RevealAsync(ClaimsPrincipal staff, Guid accountId, PersonalField field, string? reason,
        CancellationToken ct = default)
    {
        var why = reason?.Trim() ?? "";
        var target = $"account:{accountId}:{field}";
        if (why.Length < MinReasonLength) return new(null, "Reveal.ReasonTooShort");
        if (why.Length > MaxReasonLength) return new(null, "Reveal.ReasonTooLong");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.HolderName, a.Phone, a.Address, a.CustomerManagerId }).FirstOrDefaultAsync(ct);
        if (account is null) return new(null, "Reveal.NotFound");

        var mayReveal = staff.IsInRole(Roles.Admin) || staff.IsInRole(Roles.ComplaintHandler)
            || (staff.IsInRole(Roles.CustomerManager) && account.CustomerManagerId == AccountAccessService.UserId(staff));
        if (!mayReveal)
        {
            await audit.RecordAsync(new AuditEvent(AuditAction, target, "Refused", $"reason={why}",
                UserId: AccountAccessService.UserId(staff), UserName: staff.Identity?.Name), ct);
            return new(null, "Reveal.NotAllowed");
        }

        await audit.RecordAsync(new AuditEvent(AuditAction, target, "Success", $"reason={why}",
            UserId: AccountAccessService.UserId(staff), UserName: staff.Identity?.Name), ct);
        return new(field switch
        {
            PersonalField.Holder => account.HolderName,
            PersonalField.Phone => account.Phone,
            _ => account.Address,
        }, null);
    }
}
