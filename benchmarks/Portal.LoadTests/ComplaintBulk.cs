using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Domain.Complaints;
using Portal.Features.Complaints;

namespace Portal.LoadTests;

/// <summary>Many routed complaints over the last 90 days (a third claimed), for the queue's scale test and the scale scenario.</summary>
public static class ComplaintBulk
{
    public static async Task AddRoutedAsync(AppDbContext db, ComplaintClock clock, int count, string customerUserId, int firstSequence)
    {
        var rules = RoutingRules.SeedDefault();
        var accounts = await db.Accounts.Select(a => new { a.Id, a.Region, a.Type }).ToListAsync();
        var categories = Enum.GetValues<ComplaintCategory>();
        var r = new Random(7);
        var now = clock.Now;
        var calendar = await clock.CalendarAsync();
        for (var i = 0; i < count; i++)
        {
            var a = accounts[i % accounts.Count];
            var at = now.AddMinutes(-r.Next(1, 60 * 24 * 90));
            var category = categories[i % categories.Length];
            var c = Complaint.Submit(new ComplaintSubmission(a.Id, customerUserId, category, "Speed test complaint number " + i, ContactPreference.Phone, $"speed-{firstSequence}-{i}"),
                firstSequence + i + 1, at, calendar);
            c.Route(RoutingEngine.Route(rules, new ComplaintRoutingInput(category, a.Region, a.Type, CreditTierLevel.B, c.Description, at, []), calendar), at.AddMinutes(1));
            if (i % 3 == 0) c.Claim("someone", at.AddMinutes(5));
            db.Complaints.Add(c);
            if (i % 2000 == 1999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
