using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Complaints;
using Portal.Features.Complaints;
using Portal.Features.Complaints.Customer;

namespace Portal.Tests.Features.Complaints;

/// <summary>Principals for the seeded demo users and short-hands for the complaint services of a running portal.</summary>
internal static class ComplaintsTestKit
{
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0];
    public static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0];

    public static async Task<ClaimsPrincipal> UserAsync(this PortalHost host, string email)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var user = await db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync();
        var roles = await db.UserRoles.Where(r => r.UserId == user).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync();
        return new ClaimsPrincipal(new ClaimsIdentity(
            roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.NameIdentifier, user)).Append(new Claim(ClaimTypes.Name, email)),
            "test"));
    }

    public static async Task<Guid> FirstAccountOfAsync(this PortalHost host, string email)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.AccountBindings.Where(b => db.Users.Any(u => u.Id == b.UserId && u.Email == email))
            .OrderBy(b => b.Id).Select(b => b.AccountId).FirstAsync();
    }

    public static T Service<T>(this PortalHost host) where T : notnull =>
        host.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public static ComplaintForm Form(Guid account, string description = "Power has been off on our street since this morning.",
        ComplaintCategory category = ComplaintCategory.Outage, string? key = null, Guid? activity = null) =>
        new(account, category, description, ContactPreference.Phone, key ?? Guid.NewGuid().ToString("N"), activity);

    public static async Task<Complaint> LoadAsync(this PortalHost host, Guid id)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.Complaints.AsNoTracking().FirstAsync(c => c.Id == id);
    }

    /// <summary>Waits for the routing job that the submit enqueued (Hangfire in-memory runs it in-process).</summary>
    public static async Task<Complaint> WaitUntilRoutedAsync(this PortalHost host, Guid id, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var c = await host.LoadAsync(id);
            if (c.Status != ComplaintStatus.Submitted || DateTime.UtcNow > until) return c;
            await Task.Delay(100);
        }
    }

    public static async Task<IReadOnlyList<string>> WaitForNotificationsAsync(this PortalHost host, string userId, string tracking, int atLeast)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            await using var db = await host.Db.CreateDbContextAsync();
            var kinds = await db.Notifications.Where(n => n.UserId == userId && n.Arguments == tracking).OrderBy(n => n.Id).Select(n => n.Kind).ToListAsync();
            if (kinds.Count >= atLeast || DateTime.UtcNow > until) return kinds;
            await Task.Delay(100);
        }
    }

    /// <summary>Stores a complaint as if it had been submitted at <paramref name="submittedAt"/> and its routing job was lost.</summary>
    public static async Task<Guid> InsertUnroutedAsync(this PortalHost host, Guid account, string userId, DateTime submittedAt, string text = "Meter display is blank since last week.")
    {
        var clock = host.Services.GetRequiredService<ComplaintClock>();
        await using var db = await host.Db.CreateDbContextAsync();
        var seq = Random.Shared.Next(500_000, 999_999);
        var c = Complaint.Submit(new ComplaintSubmission(account, userId, ComplaintCategory.MeterFault, text, ContactPreference.Phone, Guid.NewGuid().ToString("N")),
            seq, submittedAt, await clock.CalendarAsync());
        db.Complaints.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    }
}
