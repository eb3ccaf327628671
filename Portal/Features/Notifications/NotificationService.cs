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

public sealed record NotificationItem(long Id, string Kind, string Arguments, string? Link, DateTime CreatedAtUtc, bool Read)
{
    /// <summary>The values the bell's text is formatted with (see <see cref="NotificationArguments"/>).</summary>
    public object[] Values => NotificationArguments.Split(Arguments);
}

/// <summary>One message to one user: what the bell shows and, when given, its email text (read in the recipient's language).</summary>
public sealed record NotificationRequest(string UserId, string Kind, string Arguments, string? Link, Func<EmailContent>? EmailContent = null);

/// <summary>
/// Portal notifications (the bell) and their email copy: the one place a message to a user is sent, so the user's choice
/// per topic and channel (<see cref="NotificationPreferencesService"/>) is asked here, at send time, and every email is
/// written in the recipient's stored language through <see cref="EmailTemplate"/>.
/// </summary>
public sealed class NotificationService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock,
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
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await StageAsync(db, [new NotificationRequest(userId, kind, arguments, link, emailContent)], ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds the bell rows and the queued emails of many messages to <paramref name="db"/> without saving them, with a few
    /// queries for the whole batch (the choices, the recipients' addresses and languages). The caller saves them in the
    /// same SaveChanges as its own record of having notified, so each message is written once or not at all.
    /// </summary>
    public async Task StageAsync(AppDbContext db, IReadOnlyList<NotificationRequest> requests, CancellationToken ct = default)
    {
        if (requests.Count == 0) return;
        var chosen = await RecipientChoices.ChosenAsync(db, requests.Select(r => r.UserId).ToList(),
            requests.Select(r => NotificationTopics.Of(r.Kind)).ToList(), ct);
        bool Allows(string userId, NotificationTopic topic, NotificationChannel channel) =>
            NotificationTopics.Allows(topic, channel, chosen.TryGetValue((userId, topic, channel), out var on) ? on : null);

        var now = clock.GetUtcNow().UtcDateTime;
        var mailed = requests.Where(r => r.EmailContent is not null && Allows(r.UserId, NotificationTopics.Of(r.Kind), NotificationChannel.Email)).ToList();
        var mailIds = mailed.Select(r => r.UserId).Distinct().ToList();
        var recipients = mailIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => mailIds.Contains(u.Id))
            .Select(u => new Recipient(u.Id, u.Email, u.PreferredCulture)).ToDictionaryAsync(u => u.Id, ct);

        foreach (var r in requests)
        {
            var topic = NotificationTopics.Of(r.Kind);
            if (Allows(r.UserId, topic, NotificationChannel.Portal))
                db.Notifications.Add(new Notification { UserId = r.UserId, Kind = r.Kind, Arguments = r.Arguments, Link = r.Link, CreatedAtUtc = now });
        }
        foreach (var r in mailed)
            if (recipients.TryGetValue(r.UserId, out var recipient) && recipient.Email is not null)
                db.EmailMessages.Add(DatabaseEmailSender.Row(Email(r, recipient), now));
    }

    private sealed record Recipient(string Id, string? Email, string PreferredCulture);

    /// <summary>The email in the recipient's language, with the unsubscribe and settings links when its topic is a choice.</summary>
    private OutgoingEmail Email(NotificationRequest r, Recipient recipient)
    {
        var topic = NotificationTopics.Of(r.Kind);
        var choosable = NotificationTopics.IsChoosable(topic);
        var token = choosable ? tokens.Create(new UnsubscribeRequest(r.UserId, topic, NotificationChannel.Email)) : null;
        string subject, html;
        using (CultureScope.Use(recipient.PreferredCulture))
        {
            (subject, html) = EmailTemplate.Render(l, r.EmailContent!(), topic, new EmailTemplate.Links(
                r.Link is null || r.Link.StartsWith("/backoffice", StringComparison.OrdinalIgnoreCase) ? null : Absolute(r.Link), null,
                token is null ? null : Absolute(UnsubscribePath, token), choosable ? Absolute(SettingsPath) : null));
        }
        return new OutgoingEmail(recipient.Email!, subject, html, choosable ? r.UserId : null, choosable ? topic : null,
            token is null ? null : Absolute(OneClickPath, token));
    }

    /// <summary>A link on the public endpoint, from the configured base URL (never from a request's Host).</summary>
    private string Absolute(string path, string? token = null)
    {
        var url = new Uri(urls.PublicBase, path.TrimStart('/')).AbsoluteUri;
        return token is null ? url : QueryHelpers.AddQueryString(url, "t", token);
    }
}
