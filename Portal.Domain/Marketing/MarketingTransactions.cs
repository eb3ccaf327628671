using System.Globalization;

namespace Portal.Domain.Marketing;

/// <summary>What the analysis knows about one account at the end of the window; null where nothing is known yet.</summary>
public sealed record AccountFacts(
    Guid AccountId, string? Segment, string Region, int? ConsumptionLevel, string CustomerType, string? CreditTier,
    string Package, bool ElectricHeating, DateOnly OpenedOn, decimal CapacityKva);

/// <summary>One outcome an account had in the window (several events of one kind count once).</summary>
public readonly record struct OutcomeEvent(Guid AccountId, string Outcome);

/// <summary>The names of attributes and outcomes, and the bands, so the job, the tests and the page agree on them.</summary>
public static class MarketingVocabulary
{
    public const string Segment = "segment", Region = "region", Level = "level", CustomerType = "type", CreditTier = "tier",
        Package = "package", Heating = "heating", Tenure = "tenure", Capacity = "capacity";

    public static readonly string[] Attributes = [Segment, Region, Level, CustomerType, CreditTier, Package, Heating, Tenure, Capacity];

    public const string ComplaintPrefix = "complaint=";
    public const string LowRating = "lowRating", HazardFound = "hazard", LatePayment = "latePayment",
        SwitchRequested = "switch", AlertRaised = "alert", ServiceTaken = "service";

    public static string Complaint(string category) => ComplaintPrefix + category;

    public static string Item(string attribute, string value) => attribute + "=" + value;

    /// <summary>Years since the account was opened, at the end of the window: under 2, 2–5, 5–10, 10 and more.</summary>
    public static string TenureBand(DateOnly openedOn, DateOnly asOf)
    {
        var years = (asOf.DayNumber - openedOn.DayNumber) / 365.25;
        return years switch { < 2 => "lt2", < 5 => "2to5", < 10 => "5to10", _ => "ge10" };
    }

    /// <summary>Contracted capacity: household supplies, small business, the optional two-part band, large industry (≥ 315 kVA).</summary>
    public static string CapacityBand(decimal kva) => kva switch { <= 20m => "le20", < 100m => "20to100", < 315m => "100to315", _ => "ge315" };

    public static IReadOnlyList<string> Items(AccountFacts f, DateOnly asOf)
    {
        var items = new List<string>(9);
        if (f.Segment is { } s) items.Add(Item(Segment, s));
        items.Add(Item(Region, f.Region));
        if (f.ConsumptionLevel is { } l) items.Add(Item(Level, l.ToString(CultureInfo.InvariantCulture)));
        items.Add(Item(CustomerType, f.CustomerType));
        if (f.CreditTier is { } t) items.Add(Item(CreditTier, t));
        items.Add(Item(Package, f.Package));
        items.Add(Item(Heating, f.ElectricHeating ? "yes" : "no"));
        items.Add(Item(Tenure, TenureBand(f.OpenedOn, asOf)));
        items.Add(Item(Capacity, CapacityBand(f.CapacityKva)));
        return items;
    }

    /// <summary>One transaction per account, in the order of <paramref name="accounts"/>; outcomes of unknown accounts are ignored.</summary>
    public static IReadOnlyList<AssociationTransaction> Transactions(IEnumerable<AccountFacts> accounts, IEnumerable<OutcomeEvent> outcomes, DateOnly asOf)
    {
        var byAccount = new Dictionary<Guid, SortedSet<string>>();
        foreach (var o in outcomes)
        {
            if (!byAccount.TryGetValue(o.AccountId, out var set)) byAccount[o.AccountId] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(o.Outcome);
        }
        return accounts.Select(a => new AssociationTransaction(a.AccountId, Items(a, asOf),
            byAccount.TryGetValue(a.AccountId, out var set) ? set.ToArray() : [])).ToList();
    }
}
