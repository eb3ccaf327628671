using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Security;

namespace Portal.Features.Accounts;

public enum BindingOutcome
{
    Bound,
    AlreadyBound,
    /// <summary>Account number unknown or verification fact wrong: one answer for both, so numbers cannot be probed.</summary>
    NotVerified,
    InvalidInput,
    /// <summary>Too many failed proofs of this account number in the last day, whoever and wherever they came from.</summary>
    Locked,
    /// <summary>The account already has a holder: they were asked to approve; nothing is bound yet.</summary>
    JoinRequested,
    /// <summary>This login already asked to join the account and the holder has not answered yet.</summary>
    AlreadyRequested,
}

/// <summary>
/// Binds a login to an account (户号) with a verification fact: the amount of one of the account's last three bills.
/// That fact is on every paper bill, so for an account that already has a holder in the portal it is not enough: the
/// request goes to the holder, who approves or denies it signed in (<see cref="AccountSharingService"/>). Wrong number
/// and wrong amount give the same answer; every proof counts against the number's daily budget and is audited.
/// </summary>
public sealed class AccountBindingService(IDbContextFactory<AppDbContext> dbFactory, AuditService audit, TimeProvider clock,
    AccountNotifier notifier, IOptions<RateLimitOptions> limits)
{
    public const int BillsAccepted = 3;
    public const string AuditAction = "AccountBind";
    public static readonly TimeSpan AttemptWindow = TimeSpan.FromDays(1);
    public static readonly TimeSpan JoinRequestLifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// Checks the proof and records the attempt. <see cref="BindingOutcome.Bound"/> here means "verified" (nothing is
    /// written but the attempt); <paramref name="userId"/> is null while registering (the login does not exist yet).
    /// </summary>
    public async Task<(BindingOutcome Outcome, Guid? AccountId)> VerifyAsync(string? accountNumber, string? billAmountText, string? userId = null, CancellationToken ct = default)
    {
        var number = accountNumber?.Trim() ?? "";
        if (number.Length is < 6 or > 20 || !number.All(char.IsAsciiDigit) || !TryParseAmount(billAmountText, out var amount))
        {
            await audit.RecordAsync(new AuditEvent(AuditAction, $"account:{Short(number)}", "Refused", nameof(BindingOutcome.InvalidInput), UserId: userId), ct);
            return (BindingOutcome.InvalidInput, null);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - AttemptWindow;
        var failures = await db.AccountBindingAttempts.CountAsync(a => a.AccountNumber == number && !a.Succeeded && a.AtUtc > since, ct);
        if (failures >= limits.Value.BindingFailuresPerAccountPerDay)
        {
            await audit.RecordAsync(new AuditEvent(AuditAction, $"account:{number}", "Refused", nameof(BindingOutcome.Locked), UserId: userId), ct);
            return (BindingOutcome.Locked, null);
        }

        var accountId = await db.Accounts.AsNoTracking().Where(a => a.AccountNumber == number).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var verified = accountId is not null && (await db.Bills.AsNoTracking().Where(b => b.AccountId == accountId)
            .OrderByDescending(b => b.PeriodStart).Take(BillsAccepted).Select(b => b.Amount).ToListAsync(ct)).Contains(amount);
        db.AccountBindingAttempts.Add(new AccountBindingAttemptRow { AccountNumber = number, UserId = userId, AtUtc = now, Succeeded = verified });
        await db.SaveChangesAsync(ct);
        if (!verified)
        {
            await audit.RecordAsync(new AuditEvent(AuditAction, $"account:{number}", "Refused", nameof(BindingOutcome.NotVerified), UserId: userId), ct);
            return (BindingOutcome.NotVerified, null);
        }
        return (BindingOutcome.Bound, accountId);
    }

    /// <summary>Verifies the proof, then binds an account without a holder or asks the holder of an owned one.</summary>
    public async Task<BindingOutcome> BindAsync(string userId, string? accountNumber, string? billAmountText, CancellationToken ct = default)
    {
        var (outcome, accountId) = await VerifyAsync(accountNumber, billAmountText, userId, ct);
        return outcome == BindingOutcome.Bound && accountId is { } id ? await BindVerifiedAsync(userId, id, ct) : outcome;
    }

    /// <summary>The second half of <see cref="BindAsync"/>, for a proof <see cref="VerifyAsync"/> accepted moments ago.</summary>
    public async Task<BindingOutcome> BindVerifiedAsync(string userId, Guid accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var number = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.AccountNumber).SingleAsync(ct);
        var target = $"account:{number}";
        if (await db.AccountBindings.AnyAsync(b => b.UserId == userId && b.AccountId == accountId, ct))
            return BindingOutcome.AlreadyBound;

        var now = clock.GetUtcNow().UtcDateTime;
        var holder = await AccountSharingService.HolderIdAsync(db, accountId, ct);
        if (holder is null)
        {
            db.AccountBindings.Add(new AccountBinding(userId, accountId, now));
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(AuditAction, target, UserId: userId), ct);
            return BindingOutcome.Bound;
        }

        if (await db.AccountJoinRequests.AnyAsync(r => r.AccountId == accountId && r.RequesterUserId == userId
                && r.State == JoinRequestState.Pending && r.ExpiresAtUtc > now, ct))
        {
            await audit.RecordAsync(new AuditEvent(AccountSharingService.RequestedAction, target, "Refused", nameof(BindingOutcome.AlreadyRequested), UserId: userId), ct);
            return BindingOutcome.AlreadyRequested;
        }

        var request = new AccountJoinRequestRow
        {
            AccountId = accountId,
            RequesterUserId = userId,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + JoinRequestLifetime,
            State = JoinRequestState.Pending,
        };
        db.AccountJoinRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent(AccountSharingService.RequestedAction, target, "Pending", $"request={request.Id}", UserId: userId), ct);
        await notifier.JoinRequestedAsync(holder, userId, number, ct);
        return BindingOutcome.JoinRequested;
    }

    public static bool TryParseAmount(string? text, out decimal amount)
    {
        amount = 0;
        var t = text?.Trim().TrimStart('¥', '￥').Replace(",", "") ?? "";
        return decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out amount) && amount >= 0 && decimal.Round(amount, 2) == amount;
    }

    // Whatever was typed goes into the audit trail bounded, never as an unbounded blob.
    private static string Short(string text) => text.Length <= 32 ? text : text[..32];
}
