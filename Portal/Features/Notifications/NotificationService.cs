using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure.Email;

namespace Portal.Features.Notifications;

public sealed record NotificationItem(long Id, string Kind, string Arguments, string? Link, DateTime CreatedAtUtc, bool Read);

/// <summary>Portal notifications (the bell) and their email copy through the sink.</summary>
public sealed class NotificationService(IDbContextFactory<AppDbContext> dbFactory, IPortalEmailSender email, TimeProvider clock)
{
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

    /// <summary>Notifies a user in the portal and by email (subject and body already localized by the caller).</summary>
    public async Task NotifyAsync(string userId, string kind, string arguments, string? link, string? emailSubject = null, string? emailBody = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Notifications.Add(new Notification { UserId = userId, Kind = kind, Arguments = arguments, Link = link, CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        if (emailSubject is not null)
        {
            var to = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
            if (to is not null) await email.SendAsync(to, emailSubject, emailBody ?? emailSubject, ct);
        }
    }
}
