using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Credit;
using Portal.Features.Accounts;
using Portal.Features.Demo;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Credit;

public sealed record ViolationRow(Guid Id, string AccountNumber, ViolationKind Kind, DateOnly OccurredOn, string Note);

public enum ViolationOutcome { Recorded, AccountNotFound, Refused }

/// <param name="Code">The localization key of the refusal (a domain code such as Credit.ViolationNoteRequired).</param>
public sealed record ViolationResult(ViolationOutcome Outcome, string? Code = null);

/// <summary>
/// Staff record a theft or a supply-rule violation found on site; the account is re-evaluated through the job, which
/// puts it in the floor tier with the policy's freeze. Every attempt, refused ones included, is audited with the reason.
/// </summary>
public sealed class ViolationService(IDbContextFactory<AppDbContext> dbFactory, CreditReevaluation reevaluation, AuditService audit,
    TimeProvider clock)
{
    public const int RecentCount = 50;

    public async Task<IReadOnlyList<ViolationRow>> RecentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Violations.AsNoTracking()
            .Join(db.Accounts, v => v.AccountId, a => a.Id, (v, a) => new { v, a.AccountNumber })
            .OrderByDescending(x => x.v.OccurredOn).ThenBy(x => x.AccountNumber).Take(RecentCount)
            .Select(x => new ViolationRow(x.v.Id, x.AccountNumber, x.v.Kind, x.v.OccurredOn, x.v.Note))
            .ToListAsync(ct);
    }

    public async Task<ViolationResult> RecordAsync(ClaimsPrincipal staff, string? accountNumber, ViolationKind kind, DateOnly occurredOn,
        string? reason, CancellationToken ct = default)
    {
        var number = (accountNumber ?? "").Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accountId = await db.Accounts.Where(a => a.AccountNumber == number).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (accountId is null)
        {
            await AuditAsync(staff, number, "Refused", "Credit.AccountNotFound", ct);
            return new(ViolationOutcome.AccountNotFound, "CreditAdmin.AccountNotFound");
        }
        Violation violation;
        try
        {
            violation = Violation.Record(accountId.Value, kind, occurredOn, reason, recordedOn: DemoSeeder.Today(clock));
        }
        catch (DomainException e)
        {
            await AuditAsync(staff, number, "Refused", e.Code, ct);
            return new(ViolationOutcome.Refused, e.Code);
        }
        db.Violations.Add(violation);
        await db.SaveChangesAsync(ct);
        await AuditAsync(staff, number, "Success", $"{kind} on {occurredOn:yyyy-MM-dd}: {violation.Note}", ct);
        reevaluation.Request(accountId.Value);
        return new(ViolationOutcome.Recorded);
    }

    private Task AuditAsync(ClaimsPrincipal user, string target, string outcome, string detail, CancellationToken ct) =>
        audit.RecordAsync(new AuditEvent("Credit.ViolationRecorded", target, outcome, detail, AccountAccessService.UserId(user), user.Identity?.Name), ct);
}
