using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Features.Notifications;
using Portal.Resources;

namespace Portal.Features.Accounts;

/// <summary>
/// Tells the people on an account what happened to its access: the holder about a join request, the requester
/// about the answer, a removed user about the removal. A bell notification plus an email in the recipient's language.
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
        await SendAsync(db, holderId, JoinRequestedKind, accountNumber, "Accounts.Email.AccountJoinRequestedBody", [accountNumber, who], ct);
        // The requester learns where their request went (a registrant has no page that says so).
        await SendAsync(db, requesterId, JoinSentKind, accountNumber, "Accounts.Email.AccountJoinSentBody", [accountNumber], ct);
    }

    public async Task DecidedAsync(string requesterId, string accountNumber, bool approved, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var kind = approved ? JoinApprovedKind : JoinDeniedKind;
        await SendAsync(db, requesterId, kind, accountNumber, $"Accounts.Email.{kind}Body", [accountNumber], ct);
    }

    public async Task RevokedAsync(string userId, string accountNumber, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SendAsync(db, userId, AccessRevokedKind, accountNumber, "Accounts.Email.AccountAccessRevokedBody", [accountNumber], ct);
    }

    private async Task SendAsync(AppDbContext db, string userId, string kind, string accountNumber, string bodyKey, object[] bodyArgs, CancellationToken ct)
    {
        var culture = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PreferredCulture).SingleOrDefaultAsync(ct) ?? "zh-CN";
        var saved = CultureInfo.CurrentUICulture;
        string subject, body;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en-US");
            subject = l["Notify." + kind, accountNumber].Value;
            // Arguments are encoded: a requester's display name is their own input and the body is HTML.
            body = l[bodyKey, bodyArgs.Select(a => (object)HtmlEncoder.Default.Encode(a.ToString() ?? "")).ToArray()].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
        await notifications.NotifyAsync(userId, kind, accountNumber, "/accounts", subject, body, ct);
    }
}
