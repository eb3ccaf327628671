using Portal.Domain.Accounts;
using Portal.Domain.Calendar;
using Portal.Domain.Complaints;

namespace Portal.Tests.Domain.Complaints;

internal static class ComplaintTestData
{
    public const string Customer = "user-1";
    public const string Handler = "handler-1";
    public static readonly Guid Account = Guid.Parse("11111111-1111-1111-1111-111111111111");
    public static readonly WorkingCalendar ChinaCalendar = new(ChinaPublicHolidays.Seed());

    /// <summary>Tuesday 10 March 2026, 10:00 — an ordinary working day.</summary>
    public static readonly DateTime Tuesday10 = new(2026, 3, 10, 10, 0, 0);

    public static ComplaintSubmission Submission(string description = "No power since this morning on our street.",
        ComplaintCategory category = ComplaintCategory.Outage) =>
        new(Account, Customer, category, description, ContactPreference.Phone, "key-1");

    public static Complaint Submitted(DateTime? at = null) =>
        Complaint.Submit(Submission(), 42, at ?? Tuesday10, ChinaCalendar);

    public static ComplaintRoutingInput Input(string description = "No power since this morning.",
        ComplaintCategory category = ComplaintCategory.Outage, DateTime? at = null, CreditTierLevel? tier = CreditTierLevel.B,
        CustomerType type = CustomerType.Residential, string region = "Kuitun", params DateTime[] earlier) =>
        new(category, region, type, tier, description, at ?? Tuesday10, earlier);

    public static Complaint Routed(DateTime? at = null)
    {
        var c = Submitted(at);
        c.Route(RoutingEngine.Route(RoutingRules.SeedDefault(), Input(at: at ?? Tuesday10), ChinaCalendar), c.SubmittedAt.AddMinutes(1));
        return c;
    }

    public static Complaint Contacted()
    {
        var c = Routed();
        c.Claim(Handler, Tuesday10.AddMinutes(5));
        c.RecordContact(Handler, "called, customer at home", Tuesday10.AddHours(2));
        return c;
    }

    public static Complaint Replied()
    {
        var c = Contacted();
        c.Reply(Handler, "A crew is on its way.", Tuesday10.AddHours(3));
        return c;
    }

    public static Complaint Resolved(DateTime? at = null)
    {
        var c = Replied();
        c.Resolve(Handler, "Fixed", "The transformer fuse was replaced.", at ?? Tuesday10.AddHours(5));
        return c;
    }
}
