using System.Security.Claims;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Notifications;
using Portal.Infrastructure.Email;
using Portal.Infrastructure.Localization;
using Portal.Infrastructure.Security;
using Portal.Resources;

namespace Portal.Features.Notifications;

public sealed record NotificationItem(long Id, string Kind, string Arguments, string? Link, DateTime CreatedAtUtc, bool Read);

/// <summary>
/// Portal notifications (the bell) and their email copy: the one place a message to a user is sent, so the user's choice
/// per topic and channel (<see cref="NotificationPreferencesService"/>) is asked here, at send time, and every email is
/// written in the recipient's stored language through <see cref="EmailTemplate"/>.
/// </summary>
public sealed class NotificationService(IDbContextFactory<AppDbContext> dbFactory, IPortalEmailSender email, TimeProvider clock,
    PortalUrls urls, UnsubscribeTokens tokens, IStringLocalizer<SharedResource> l)
{
    public const string UnsubscribePath = "unsubscribe";
    public const string OneClickPath = "unsubscribe/one-click";
    public const string SettingsPath = "settings/notifications";

    public async Task<IReadOnlyList<NotificationItem>> RecentAsync(ClaimsPrincipal user, int take = 10, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.Id).Take(take)
            .Select(n => new NotificationItem(n.Id, n.Kind, n.Arguments, n.Link, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToListAsync(ct);
    }

    public async Task MarkAllReadAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == userId && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
    }

    /// <summary>
    /// Notifies a user in the portal and, when <paramref name="emailContent"/> is given, by email — each only if the user's
    /// choice for the kind's topic allows that channel. <paramref name="emailContent"/> is called with the recipient's
    /// language as the current culture, so it just reads the localizer.
    /// </summary>
    public async Task NotifyAsync(string userId, string kind, string arguments, string? link, Func<EmailContent>? emailContent = null, CancellationToken ct = default)
    {
        var topic = NotificationTopics.Of(kind);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await NotificationPreferencesService.AllowsAsync(db, userId, topic, NotificationChannel.Portal, ct))
        {
            db.Notifications.Add(new Notification { UserId = userId, Kind = kind, Arguments = arguments, Link = link, CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }
        if (emailContent is null || !await NotificationPreferencesService.AllowsAsync(db, userId, topic, NotificationChannel.Email, ct)) return;
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.PreferredCulture }).FirstOrDefaultAsync(ct);
        if (recipient?.Email is null) return;

        var choosable = NotificationTopics.IsChoosable(topic);
        var token = choosable ? tokens.Create(new UnsubscribeRequest(userId, topic, NotificationChannel.Email)) : null;
        string subject, html;
        using (CultureScope.Use(recipient.PreferredCulture))
        {
            (subject, html) = EmailTemplate.Render(l, emailContent(), topic, new EmailTemplate.Links(
                link is null || link.StartsWith("/backoffice", StringComparison.OrdinalIgnoreCase) ? null : Absolute(link), null,
                token is null ? null : Absolute(UnsubscribePath, token), choosable ? Absolute(SettingsPath) : null));
        }
        await email.EnqueueAsync(new OutgoingEmail(recipient.Email, subject, html, choosable ? userId : null, choosable ? topic : null,
            token is null ? null : Absolute(OneClickPath, token)), ct);
    }

    /// <summary>A link on the public endpoint, from the configured base URL (never from a request's Host).</summary>
    private string Absolute(string path, string? token = null)
    {
        var url = new Uri(urls.PublicBase, path.TrimStart('/')).AbsoluteUri;
        return token is null ? url : QueryHelpers.AddQueryString(url, "t", token);
    }
}
