using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Notifications;
using Portal.Features.Accounts;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Email;
using Portal.Infrastructure.Localization;

namespace Portal.Features.Notifications;

/// <summary>One topic's channels as the customer sees them on the settings page.</summary>
public sealed record TopicChoice(NotificationTopic Topic, bool Portal, bool Email);

public sealed record NotificationSettings(IReadOnlyList<TopicChoice> Topics, string Culture);

public enum UnsubscribeOutcome { Unsubscribed, AlreadyOff, Invalid }

/// <summary>
/// The customer's channel choices per topic: read and changed on the settings page, turned off by an unsubscribe link,
/// and asked at send time by <see cref="NotificationService"/> and at delivery time by the email job. Every change is audited.
/// </summary>
public sealed class NotificationPreferencesService(IDbContextFactory<AppDbContext> dbFactory, AuditService audit, TimeProvider clock)
{
    public const string ChangedAction = "Notifications.PreferencesChanged";
    public const string UnsubscribedAction = "Notifications.Unsubscribed";

    public async Task<NotificationSettings?> GetAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        if (userId is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var culture = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PreferredCulture).FirstOrDefaultAsync(ct);
        if (culture is null) return null;
        var rows = await RowsAsync(db, userId, ct);
        var topics = NotificationTopics.Choosable
            .Select(t => new TopicChoice(t, Effective(rows, t, NotificationChannel.Portal), Effective(rows, t, NotificationChannel.Email))).ToList();
        return new NotificationSettings(topics, Supported(culture));
    }

    /// <summary>Stores the choices and the language of messages; returns false (nothing written) when the input is not valid.</summary>
    public async Task<bool> SaveAsync(ClaimsPrincipal user, NotificationSettings settings, CancellationToken ct = default)
    {
        var userId = AccountAccessService.UserId(user);
        if (userId is null || !LocalizationSetup.SupportedCultures.Contains(settings.Culture)
            || settings.Topics.Any(t => !NotificationTopics.IsChoosable(t.Topic)) || settings.Topics.DistinctBy(t => t.Topic).Count() != settings.Topics.Count)
            return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (account is null) return false;
        var rows = await db.Set<NotificationPreferenceRow>().Where(r => r.UserId == userId).ToListAsync(ct);
        var changes = new List<string>();
        if (account.PreferredCulture != settings.Culture)
        {
            changes.Add($"culture:{account.PreferredCulture}→{settings.Culture}");
            account.PreferredCulture = settings.Culture;
        }
        var turnedOffEmail = new List<NotificationTopic>();
        foreach (var choice in settings.Topics)
            foreach (var (channel, on) in new[] { (NotificationChannel.Portal, choice.Portal), (NotificationChannel.Email, choice.Email) })
            {
                var before = Effective(rows, choice.Topic, channel);
                var row = rows.FirstOrDefault(r => r.Topic == choice.Topic && r.Channel == channel);
                if (row is null && on == NotificationTopics.DefaultOn(choice.Topic, channel)) continue;
                if (row is null)
                {
                    row = new NotificationPreferenceRow { UserId = userId, Topic = choice.Topic, Channel = channel };
                    db.Add(row);
                    rows.Add(row);
                }
                if (row.Enabled == on && db.Entry(row).State != EntityState.Added) continue;
                row.Enabled = on;
                row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
                if (before != on) changes.Add($"{choice.Topic}.{channel}:{(on ? "on" : "off")}");
                if (!on && channel == NotificationChannel.Email) turnedOffEmail.Add(choice.Topic);
            }
        if (changes.Count == 0) return true;
        await db.SaveChangesAsync(ct);
        foreach (var topic in turnedOffEmail) await RecipientChoices.SuppressQueuedAsync(db, userId, topic, ct);
        await audit.RecordAsync(new AuditEvent(ChangedAction, $"user:{userId}", Detail: string.Join(";", changes),
            UserId: userId, UserName: user.Identity?.Name), ct);
        return true;
    }

    /// <summary>Whether the link's choice is on right now; null when its user no longer exists.</summary>
    public async Task<bool?> IsOnAsync(UnsubscribeRequest request, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, ct)) return null;
        return await RecipientChoices.AllowsAsync(db, request.UserId, request.Topic, request.Channel, ct);
    }

    /// <summary>Turns the link's choice off at once; a queued email of the topic to the user is not sent any more.</summary>
    public async Task<UnsubscribeOutcome> UnsubscribeAsync(UnsubscribeRequest request, string via, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, ct)) return UnsubscribeOutcome.Invalid;
        var row = await db.Set<NotificationPreferenceRow>()
            .FirstOrDefaultAsync(r => r.UserId == request.UserId && r.Topic == request.Topic && r.Channel == request.Channel, ct);
        var wasOn = NotificationTopics.Allows(request.Topic, request.Channel, row?.Enabled);
        if (row is null)
            db.Add(row = new NotificationPreferenceRow { UserId = request.UserId, Topic = request.Topic, Channel = request.Channel });
        row.Enabled = false;
        row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A second click at the same moment inserted the row first: the choice is off either way.
        }
        if (request.Channel == NotificationChannel.Email) await RecipientChoices.SuppressQueuedAsync(db, request.UserId, request.Topic, ct);
        if (!wasOn) return UnsubscribeOutcome.AlreadyOff;
        await audit.RecordAsync(new AuditEvent(UnsubscribedAction, $"user:{request.UserId}",
            Detail: $"{request.Topic}.{request.Channel}:off;via={via}", UserId: request.UserId), ct);
        return UnsubscribeOutcome.Unsubscribed;
    }

    private static Task<List<NotificationPreferenceRow>> RowsAsync(AppDbContext db, string userId, CancellationToken ct) =>
        db.Set<NotificationPreferenceRow>().AsNoTracking().Where(r => r.UserId == userId).ToListAsync(ct);

    private static bool Effective(List<NotificationPreferenceRow> rows, NotificationTopic topic, NotificationChannel channel) =>
        NotificationTopics.Allows(topic, channel, rows.FirstOrDefault(r => r.Topic == topic && r.Channel == channel)?.Enabled);

    private static string Supported(string culture) => culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en-US" : "zh-CN";
}
