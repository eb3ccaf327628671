using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Safety;
using Portal.Features.Accounts;
using Portal.Features.Credit;
using Portal.Features.Demo;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Safety;

/// <summary>A hazard as the inspector writes it on the notice; no deadline means the default for its severity.</summary>
public sealed record HazardDraft(HazardSeverity Severity, string? Description, DateOnly? Deadline = null);

public sealed record InspectionDraft(string AccountNumber, DateOnly InspectedOn, string? Inspector, string? NoticeNumber,
    IReadOnlyList<HazardDraft> Hazards);

/// <summary>A broken intake rule: the domain code and, for a hazard's rule, which hazard (0-based).</summary>
public sealed record IntakeError(string Code, int? Hazard = null);

public sealed record RecordedInspection(Guid InspectionId, Guid AccountId, string NoticeNumber, IReadOnlyList<Guid> HazardIds);

public sealed record InspectionIntakeResult(IReadOnlyList<IntakeError> Errors, RecordedInspection? Recorded)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Inspection intake (用电检查录入): staff record an inspection with the hazards found and their rectification deadlines.
/// It lives with the hazard tracker because the hazards it creates are the tracker's; the field-operations page calls it.
/// Every rule is checked before anything is written; the inspection and its hazards are saved together. The account's
/// credit is re-evaluated (a hazard found is a credit event).
/// </summary>
public sealed class InspectionIntakeService(IDbContextFactory<AppDbContext> dbFactory, CreditReevaluation reevaluation,
    AuditService audit, TimeProvider clock)
{
    public const int MaxHazards = 20;

    public async Task<InspectionIntakeResult> RecordAsync(ClaimsPrincipal staff, InspectionDraft draft, CancellationToken ct = default)
    {
        var staffId = AccountAccessService.UserId(staff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.AccountNumber == draft.AccountNumber.Trim())
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var built = Build(draft, account, DemoSeeder.Today(clock));
        if (built.Errors.Count > 0) return new(built.Errors, null);
        db.Inspections.Add(built.Inspection!);
        db.Hazards.AddRange(built.Hazards);
        await db.SaveChangesAsync(ct);
        var recorded = Recorded(built);
        await audit.RecordAsync(new AuditEvent("Safety.InspectionRecorded", recorded.InspectionId.ToString(),
            Detail: $"{draft.AccountNumber} {recorded.NoticeNumber}; hazards={recorded.HazardIds.Count}", UserId: staffId, UserName: staff.Identity?.Name), ct);
        if (recorded.HazardIds.Count > 0) reevaluation.Request(recorded.AccountId);
        return new([], recorded);
    }

    /// <summary>
    /// Many inspections in one transaction (a field-system batch, the demo history): all valid or none written. Each error
    /// names the draft by its index.
    /// No credit re-evaluation is queued: the caller runs the credit review after the batch.
    /// </summary>
    public async Task<(IReadOnlyList<(int Draft, IntakeError Error)> Errors, IReadOnlyList<RecordedInspection> Recorded)> RecordBatchAsync(
        IReadOnlyList<InspectionDraft> drafts, string recordedBy, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var numbers = drafts.Select(d => d.AccountNumber.Trim()).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => numbers.Contains(a.AccountNumber))
            .ToDictionaryAsync(a => a.AccountNumber, a => a.Id, ct);
        var today = DemoSeeder.Today(clock);
        var built = drafts.Select(d => Build(d, accounts.TryGetValue(d.AccountNumber.Trim(), out var id) ? id : null, today)).ToList();
        var errors = built.SelectMany((b, i) => b.Errors.Select(e => (i, e))).ToList();
        if (errors.Count > 0) return (errors, []);
        foreach (var b in built)
        {
            db.Inspections.Add(b.Inspection!);
            db.Hazards.AddRange(b.Hazards);
        }
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent("Safety.InspectionsImported", $"{built.Count} inspections",
            Detail: $"hazards={built.Sum(b => b.Hazards.Count)}", UserName: recordedBy), ct);
        return ([], built.Select(Recorded).ToList());
    }

    private sealed record Built(IReadOnlyList<IntakeError> Errors, Inspection? Inspection, IReadOnlyList<Hazard> Hazards);

    private static RecordedInspection Recorded(Built b) =>
        new(b.Inspection!.Id, b.Inspection.AccountId, b.Inspection.NoticeNumber, b.Hazards.Select(h => h.Id).ToList());

    /// <summary>Checks the whole draft and collects every broken rule, so the clerk fixes them in one go.</summary>
    private static Built Build(InspectionDraft draft, Guid? accountId, DateOnly today)
    {
        var errors = new List<IntakeError>();
        if (accountId is null) errors.Add(new("Intake.AccountUnknown"));
        if (draft.Hazards.Count > MaxHazards) errors.Add(new("Intake.TooManyHazards"));
        var notice = string.IsNullOrWhiteSpace(draft.NoticeNumber)
            ? $"JC-{draft.InspectedOn:yyyyMMdd}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}"
            : draft.NoticeNumber;
        Inspection? inspection = null;
        try
        {
            inspection = Inspection.Intake(accountId ?? Guid.NewGuid(), draft.InspectedOn, draft.Inspector, notice, today);
        }
        catch (DomainException e)
        {
            errors.Add(new(e.Code));
        }
        var hazards = new List<Hazard>();
        if (inspection is not null)
            for (var i = 0; i < draft.Hazards.Count; i++)
            {
                var h = draft.Hazards[i];
                try
                {
                    hazards.Add(inspection.FindHazardWithinRules(h.Description, h.Severity, h.Deadline));
                }
                catch (DomainException e)
                {
                    errors.Add(new(e.Code, i));
                }
            }
        return errors.Count > 0 ? new(errors, null, []) : new([], inspection, hazards);
    }
}
