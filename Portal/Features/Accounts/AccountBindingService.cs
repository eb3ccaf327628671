using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Accounts;

public enum BindingOutcome
{
    Bound,
    AlreadyBound,
    /// <summary>Account number unknown or verification fact wrong: one answer for both, so numbers cannot be probed.</summary>
    NotVerified,
    InvalidInput,
}

/// <summary>
/// Binds a login to an account (户号) with a verification fact: the amount of one of the account's last three bills.
/// Wrong number and wrong amount give the same answer; attempts are rate-limited at the endpoint and audited.
/// </summary>
public sealed class AccountBindingService(IDbContextFactory<AppDbContext> dbFactory, AuditService audit, TimeProvider clock)
{
    public const int BillsAccepted = 3;

    public async Task<(BindingOutcome Outcome, Guid? AccountId)> VerifyAsync(string? accountNumber, string? billAmountText, CancellationToken ct = default)
    {
        var number = accountNumber?.Trim() ?? "";
        if (number.Length is < 6 or > 20 || !number.All(char.IsAsciiDigit)) return (BindingOutcome.InvalidInput, null);
        if (!TryParseAmount(billAmountText, out var amount)) return (BindingOutcome.InvalidInput, null);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accountId = await db.Accounts.AsNoTracking().Where(a => a.AccountNumber == number).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (accountId is null) return (BindingOutcome.NotVerified, null);
        var recent = await db.Bills.AsNoTracking().Where(b => b.AccountId == accountId)
            .OrderByDescending(b => b.PeriodStart).Take(BillsAccepted).Select(b => b.Amount).ToListAsync(ct);
        return recent.Contains(amount) ? (BindingOutcome.Bound, accountId) : (BindingOutcome.NotVerified, null);
    }

    public async Task<BindingOutcome> BindAsync(string userId, string? accountNumber, string? billAmountText, CancellationToken ct = default)
    {
        var (outcome, accountId) = await VerifyAsync(accountNumber, billAmountText, ct);
        if (outcome != BindingOutcome.Bound || accountId is null)
        {
            await audit.RecordAsync(new AuditEvent("AccountBind", $"account:{accountNumber}", "Refused", outcome.ToString(), UserId: userId), ct);
            return outcome;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.AccountBindings.AnyAsync(b => b.UserId == userId && b.AccountId == accountId, ct))
            return BindingOutcome.AlreadyBound;
        db.AccountBindings.Add(new AccountBinding(userId, accountId.Value, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent("AccountBind", $"account:{accountNumber}", UserId: userId), ct);
        return BindingOutcome.Bound;
    }

    public static bool TryParseAmount(string? text, out decimal amount)
    {
        amount = 0;
        var t = text?.Trim().TrimStart('¥', '￥').Replace(",", "") ?? "";
        return decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out amount) && amount >= 0 && decimal.Round(amount, 2) == amount;
    }
}
