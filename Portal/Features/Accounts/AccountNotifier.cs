using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Features.Notifications;
using Portal.Infrastructure.Email;
using Portal.Resources;

namespace Portal.Features.Accounts;

/// <summary>
/// Tells the people on an account what happened to its access: the holder about a join request, the requester
/// about the answer, a removed user about the removal. A bell notification plus an email in the recipient's language
/// (account messages: always sent). The requester's name is their own input: the email template encodes it.
/// </summary>
public sealed class AccountNotifier(IDbContextFactory<AppDbContext> dbFactory, NotificationService notifications, IStringLocalizer<SharedResource> l)
{
    public const string JoinRequestedKind = "AccountJoinRequested";
    public const string JoinSentKind = "AccountJoinSent";
    public const string JoinApprovedKind = "AccountJoinApproved";
    public const string JoinDeniedKind = "AccountJoinDenied";
    public const string AccessRevokedKind = "AccountAccessRevoked";

    /// <summary>To the holder: who asked (name as they typed it, email masked) and where to answer.</summary>
    public async Task JoinRequestedAsync(string holderId, string requesterId, string accountNumber, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requester = await db.Users.AsNoTracking().Where(u => u.Id == requesterId).Select(u => new { u.DisplayName, u.Email }).SingleAsync(ct);
        var who = $"{requester.DisplayName} ({Masking.Email(requester.Email)})";
        await SendAsync(holderId, JoinRequestedKind, accountNumber, "Accounts.Email.AccountJoinRequestedBody", [accountNumber, who], ct);
        // The requester learns where their request went (a registrant has no page that says so).
        await SendAsync(requesterId, JoinSentKind, accountNumber, "Accounts.Email.AccountJoinSentBody", [accountNumber], ct);
    }

    public Task DecidedAsync(string requesterId, string accountNumber, bool approved, CancellationToken ct = default)
    {
        var kind = approved ? JoinApprovedKind : JoinDeniedKind;
        return SendAsync(requesterId, kind, accountNumber, $"Accounts.Email.{kind}Body", [accountNumber], ct);
    }

    public Task RevokedAsync(string userId, string accountNumber, CancellationToken ct = default) =>
        SendAsync(userId, AccessRevokedKind, accountNumber, "Accounts.Email.AccountAccessRevokedBody", [accountNumber], ct);

    private Task SendAsync(string userId, string kind, string accountNumber, string bodyKey, object[] bodyArgs, CancellationToken ct) =>
        notifications.NotifyAsync(userId, kind, accountNumber, "/accounts",
            () => new EmailContent(l["Notify." + kind, accountNumber], l[bodyKey, bodyArgs]), ct);
}
