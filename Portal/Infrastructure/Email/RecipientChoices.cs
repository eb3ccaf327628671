using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Notifications;

namespace Portal.Infrastructure.Email;

/// <summary>
/// The stored choices asked where a message leaves: by the notification service when it writes one and by the delivery job
/// before it sends one (the customer may have turned the topic off in between). The rule itself is
/// <see cref="NotificationTopics.Allows"/>; this reads the rows it needs.
/// </summary>
public static class RecipientChoices
{
    /// <summary>The send-time check: whether a message of the topic goes to the user on the channel.</summary>
    public static async Task<bool> AllowsAsync(AppDbContext db, string userId, NotificationTopic topic, NotificationChannel channel, CancellationToken ct)
    {
        if (!NotificationTopics.IsChoosable(topic)) return true;
        var chosen = await db.Set<NotificationPreferenceRow>().AsNoTracking()
            .Where(r => r.UserId == userId && r.Topic == topic && r.Channel == channel).Select(r => (bool?)r.Enabled).FirstOrDefaultAsync(ct);
        return NotificationTopics.Allows(topic, channel, chosen);
    }

    /// <summary>The stored choices of many users for some topics, in one query (a bulk send asks <see cref="NotificationTopics.Allows"/> per message).</summary>
    public static async Task<IReadOnlyDictionary<(string UserId, NotificationTopic Topic, NotificationChannel Channel), bool>> ChosenAsync(
        AppDbContext db, IReadOnlyCollection<string> userIds, IReadOnlyCollection<NotificationTopic> topics, CancellationToken ct)
    {
        var choosable = topics.Where(NotificationTopics.IsChoosable).Distinct().ToList();
        if (choosable.Count == 0 || userIds.Count == 0) return new Dictionary<(string, NotificationTopic, NotificationChannel), bool>();
        var ids = userIds.Distinct().ToList();
        var rows = await db.Set<NotificationPreferenceRow>().AsNoTracking()
            .Where(r => ids.Contains(r.UserId) && choosable.Contains(r.Topic)).Select(r => new { r.UserId, r.Topic, r.Channel, r.Enabled })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.UserId, r.Topic, r.Channel), r => r.Enabled);
    }

    /// <summary>Marks the user's unsent emails of the topic Suppressed (a sender that already claimed one is not stopped).</summary>
    public static Task<int> SuppressQueuedAsync(AppDbContext db, string userId, NotificationTopic topic, CancellationToken ct) =>
        db.EmailMessages.Where(m => m.UserId == userId && m.Topic == topic && (m.Status == EmailStatus.Queued || m.Status == EmailStatus.Deferred))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, EmailStatus.Suppressed)
                .SetProperty(m => m.LastResult, "Not sent: the recipient turned this kind of email off.")
                .SetProperty(m => m.Version, m => m.Version + 1), ct);
}
