using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Credit;
using Portal.Features.Accounts;
using Portal.Features.Demo;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Credit;

public sealed record PolicyVersionRow(int Version, PolicyStatus Status, DateOnly EffectiveFrom, DateOnly? PublishedOn, DateTime UpdatedAtUtc, string CreatedBy);

public sealed record DraftView(CreditPolicyDocument Document, Guid ConcurrencyStamp, IReadOnlyList<PolicyProblem> Problems);

public sealed record ImpactMover(Guid AccountId, string AccountNumber, CreditTier From, CreditTier To, decimal CurrentScore, decimal DraftScore);

public sealed record ImpactView(int AccountCount, IReadOnlyList<TierMatrixCell> Matrix, IReadOnlyList<ImpactMover> Movers);

public enum AdminOutcome { Done, NotFound, Invalid, Conflict }

public sealed record AdminResult(AdminOutcome Outcome, IReadOnlyList<PolicyProblem> Problems, int? Version = null)
{
    public static AdminResult Ok(int? version = null) => new(AdminOutcome.Done, [], version);
}

public sealed record ReviewRunView(string Reason, int Total, int Done, int TierChanges, DateTime StartedAtUtc, DateTime? FinishedAtUtc);

/// <summary>
/// Admin side of the credit policy: one draft at a time (the next version), edited as a document; validated on every
/// save so problems show as the admin types; previewed against every account; published (which retires the previous
/// version and re-evaluates everyone through the job). Manual adjustments need a reason. Everything is audited.
/// </summary>
public sealed class CreditAdminService(IDbContextFactory<AppDbContext> dbFactory, CreditReevaluation reevaluation, AuditService audit,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<PolicyVersionRow>> VersionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CreditPolicyVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new PolicyVersionRow(v.Version, v.Status, v.EffectiveFrom, v.PublishedOn, v.UpdatedAtUtc,
                db.Users.Where(u => u.Id == v.CreatedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? v.CreatedByUserId))
            .ToListAsync(ct);
    }

    /// <summary>The open draft, created from the latest version when there is none.</summary>
    public async Task<DraftView> DraftAsync(ClaimsPrincipal admin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.CreditPolicyVersions.FirstOrDefaultAsync(v => v.Status == PolicyStatus.Draft, ct);
        if (row is null)
        {
            var latest = await db.CreditPolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct)
                ?? throw new InvalidOperationException("No credit policy exists to draft from.");
            var draft = latest.ToPolicy().CreateNextDraft(DemoSeeder.Today(clock));
            row = CreditPolicyStore.ToRow(draft, AccountAccessService.UserId(admin) ?? "", clock.GetUtcNow().UtcDateTime);
            db.CreditPolicyVersions.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                await AuditAsync(admin, "Credit.DraftCreated", $"v{draft.Version}", ct: ct);
            }
            catch (DbUpdateException)
            {
                // Another admin opened the page at the same moment and created this version first (unique index):
                // both work on that one draft.
                await using var again = await dbFactory.CreateDbContextAsync(ct);
                row = await again.CreditPolicyVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Status == PolicyStatus.Draft, ct)
                    ?? throw new InvalidOperationException("The credit policy draft could not be created.");
            }
        }
        var policy = row.ToPolicy();
        return new DraftView(policy.ToDocument(), row.ConcurrencyStamp, CreditPolicyValidator.Validate(policy));
    }

    /// <summary>Saves the edited draft (problems and all: a draft may be unfinished) and returns its problems.</summary>
    public async Task<(AdminResult Result, Guid Stamp)> SaveDraftAsync(ClaimsPrincipal admin, CreditPolicyDocument edited, Guid stamp, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.CreditPolicyVersions.FirstOrDefaultAsync(v => v.Status == PolicyStatus.Draft && v.Version == edited.Version, ct);
        if (row is null) return (new(AdminOutcome.NotFound, []), stamp);
        if (row.ConcurrencyStamp != stamp) return (new(AdminOutcome.Conflict, []), row.ConcurrencyStamp);
        var policy = CreditPolicy.FromDocument(edited with { Id = row.Id, Status = PolicyStatus.Draft, PublishedOn = null });
        CreditPolicyStore.Update(row, policy, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (new(AdminOutcome.Conflict, []), stamp);
        }
        await AuditAsync(admin, "Credit.DraftSaved", $"v{policy.Version}", ct: ct);
        var problems = CreditPolicyValidator.Validate(policy);
        return (new(problems.Count == 0 ? AdminOutcome.Done : AdminOutcome.Invalid, problems, policy.Version), row.ConcurrencyStamp);
    }

    /// <summary>What publishing the draft would do to every account (same facts, same day, current ledger state).</summary>
    public async Task<(ImpactView? Impact, IReadOnlyList<PolicyProblem> Problems)> PreviewAsync(CreditPolicyDocument draftDocument, CancellationToken ct = default)
    {
        var draft = CreditPolicy.FromDocument(draftDocument with { Status = PolicyStatus.Draft });
        var problems = CreditPolicyValidator.Validate(draft);
        if (problems.Count > 0) return (null, problems);
        var today = DemoSeeder.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await CreditPolicyStore.InForceAsync(db, today, ct) ?? throw new InvalidOperationException("No policy in force.");
        var states = await db.CreditStates.AsNoTracking().ToListAsync(ct);
        var facts = await CreditFactsBuilder.BuildAsync(db, states.Select(s => s.AccountId).ToList(), today, ct);
        var result = PolicyImpact.Preview(current, draft, states.Where(s => facts.ContainsKey(s.AccountId)).Select(s => (s.AccountId, s, facts[s.AccountId])), today);
        var numbers = await db.Accounts.AsNoTracking().Select(a => new { a.Id, a.AccountNumber }).ToDictionaryAsync(a => a.Id, a => a.AccountNumber, ct);
        return (new ImpactView(result.AccountCount, result.Matrix,
            result.Movers.Select(m => new ImpactMover(m.AccountId, numbers.GetValueOrDefault(m.AccountId, "?"), m.From, m.To, m.CurrentScore, m.DraftScore)).ToList()), []);
    }

    /// <summary>Publishes the saved draft: refused with every problem listed when it is invalid (nothing changes then).</summary>
    public async Task<AdminResult> PublishAsync(ClaimsPrincipal admin, int version, CancellationToken ct = default)
    {
        var today = DemoSeeder.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.CreditPolicyVersions.FirstOrDefaultAsync(v => v.Version == version && v.Status == PolicyStatus.Draft, ct);
        if (row is null) return new(AdminOutcome.NotFound, []);
        var draft = row.ToPolicy();
        var problems = CreditPolicyValidator.Validate(draft);
        if (problems.Count > 0)
        {
            await AuditAsync(admin, "Credit.PolicyPublish", $"v{version}", "Refused", string.Join(", ", problems.Select(p => p.Code).Distinct()), ct);
            return new(AdminOutcome.Invalid, problems, version);
        }
        draft = CreditPolicy.FromDocument(draft.ToDocument() with { EffectiveFrom = today });
        draft.Publish(today);
        CreditPolicyStore.Update(row, draft, now);
        foreach (var previous in await db.CreditPolicyVersions.Where(v => v.Status == PolicyStatus.Published).ToListAsync(ct))
        {
            var p = previous.ToPolicy();
            p.Retire();
            CreditPolicyStore.Update(previous, p, now);
        }
        await db.SaveChangesAsync(ct);
        await AuditAsync(admin, "Credit.PolicyPublish", $"v{version}", ct: ct);
        reevaluation.RequestAll(version);
        return AdminResult.Ok(version);
    }

    public async Task<AdminResult> DiscardDraftAsync(ClaimsPrincipal admin, int version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.CreditPolicyVersions.Where(v => v.Version == version && v.Status == PolicyStatus.Draft).ExecuteDeleteAsync(ct);
        if (deleted == 0) return new(AdminOutcome.NotFound, []);
        await AuditAsync(admin, "Credit.DraftDiscarded", $"v{version}", ct: ct);
        return AdminResult.Ok(version);
    }

    /// <summary>A manual adjustment of one indicator; refused without a reason. The account is re-evaluated through the job.</summary>
    public async Task<AdminResult> AdjustAsync(ClaimsPrincipal admin, string accountNumber, CreditIndicator indicator, decimal points, string? reason,
        CancellationToken ct = default)
    {
        var adminId = AccountAccessService.UserId(admin) ?? "";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accountId = await db.Accounts.Where(a => a.AccountNumber == (accountNumber ?? "").Trim()).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (accountId is null) return new(AdminOutcome.NotFound, []);
        CreditAdjustment adjustment;
        try
        {
            adjustment = CreditAdjustment.Make(accountId.Value, indicator, points, DemoSeeder.Today(clock), reason, adminId);
        }
        catch (DomainException e)
        {
            await AuditAsync(admin, "Credit.Adjust", accountNumber, "Refused", e.Code, ct);
            return new(AdminOutcome.Invalid, [new PolicyProblem(e.Code, "Adjustment", e.Message)]);
        }
        db.CreditAdjustments.Add(adjustment);
        await db.SaveChangesAsync(ct);
        await AuditAsync(admin, "Credit.Adjust", accountNumber, detail: $"{indicator} {points:+0.##;-0.##}: {adjustment.Reason}", ct: ct);
        reevaluation.Request(accountId.Value);
        return AdminResult.Ok();
    }

    private Task AuditAsync(ClaimsPrincipal user, string action, string target, string outcome = "Success", string? detail = null,
        CancellationToken ct = default) =>
        // Interactive pages have no HttpContext after the first render, so the acting user is passed explicitly.
        audit.RecordAsync(new AuditEvent(action, target, outcome, detail, AccountAccessService.UserId(user), user.Identity?.Name), ct);

    public async Task<Guid?> AccountIdAsync(string? accountNumber, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var number = (accountNumber ?? "").Trim();
        return await db.Accounts.AsNoTracking().Where(a => a.AccountNumber == number).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<ReviewRunView?> LatestRunAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CreditReviewRuns.AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new ReviewRunView(r.Reason, r.Total, r.Done, r.TierChanges, r.StartedAtUtc, r.FinishedAtUtc)).FirstOrDefaultAsync(ct);
    }
}
