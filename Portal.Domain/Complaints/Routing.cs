using Portal.Domain.Accounts;
using Portal.Domain.Common;

namespace Portal.Domain.Complaints;

/// <summary>
/// One routing rule. Empty condition lists mean "any". <see cref="QueueCode"/> and <see cref="Skills"/> may
/// contain <c>{region}</c>, replaced by the account's region (lower case), so one rule serves every region.
/// </summary>
public sealed record RoutingRule
{
    public required string Name { get; init; }
    public IReadOnlyList<ComplaintCategory> Categories { get; init; } = [];
    public IReadOnlyList<string> Regions { get; init; } = [];
    public IReadOnlyList<CustomerType> AccountTypes { get; init; } = [];

    /// <summary>The rule matches only if the description contains one of these (same matching as urgency keywords).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public CreditTierLevel? MinimumCreditTier { get; init; }

    public required string QueueCode { get; init; }
    public ComplaintPriority Priority { get; init; } = ComplaintPriority.Normal;
    public IReadOnlyList<string> Skills { get; init; } = [];
    public string SlaProfileCode { get; init; } = SlaProfile.Standard.Code;

    public bool IsCatchAll => Categories.Count == 0 && Regions.Count == 0 && AccountTypes.Count == 0
        && Keywords.Count == 0 && MinimumCreditTier is null;

    public bool Matches(ComplaintRoutingInput input) =>
        (Categories.Count == 0 || Categories.Contains(input.Category))
        && (Regions.Count == 0 || Regions.Any(r => string.Equals(r.Trim(), input.Region?.Trim(), StringComparison.OrdinalIgnoreCase)))
        && (AccountTypes.Count == 0 || AccountTypes.Contains(input.AccountType))
        && (Keywords.Count == 0 || KeywordMatcher.FindMatches(input.Description, Keywords).Count > 0)
        && (MinimumCreditTier is null || (input.CreditTier is { } tier && tier >= MinimumCreditTier));
}

/// <summary>
/// Everything an admin configures about routing, as plain data (serialize it with
/// <see cref="RoutingRulesJson"/> to store a version). Build a usable <see cref="RoutingRules"/> with
/// <see cref="RoutingRules.Create"/>, which refuses invalid settings.
/// </summary>
public sealed record RoutingSettings
{
    /// <summary>Evaluated in order; the first match wins, so the catch-all must be last.</summary>
    public required IReadOnlyList<RoutingRule> Rules { get; init; }

    /// <summary>Case-insensitive; any match makes the complaint Urgent whatever the rule said.</summary>
    public IReadOnlyList<string> UrgencyKeywords { get; init; } = [];
    public IReadOnlyList<SlaProfile> SlaProfiles { get; init; } = [SlaProfile.Standard, SlaProfile.Urgent];

    /// <summary>Applied to any Urgent outcome whose own profile has no dispatch window.</summary>
    public string UrgentSlaProfileCode { get; init; } = SlaProfile.Urgent.Code;
    public string SupervisorQueue { get; init; } = "supervisor";
    public int RepeatWindowDays { get; init; } = 30;

    /// <summary>
    /// Customers in this tier get their priority raised one step — only when the input does not say whether the
    /// customer's tier carries the priority privilege (the credit policy's privilege grid decides when it is known).
    /// </summary>
    public CreditTierLevel TopCreditTier { get; init; } = CreditTierLevel.A;
}

/// <summary>A validated, ready-to-use routing configuration.</summary>
public sealed class RoutingRules
{
    private RoutingRules(RoutingSettings settings) => Settings = settings;

    public RoutingSettings Settings { get; }
    public IReadOnlyList<RoutingRule> Rules => Settings.Rules;
    public string SupervisorQueue => Settings.SupervisorQueue;

    public SlaProfile Profile(string code) =>
        Settings.SlaProfiles.First(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>Throws the first problem's code when <see cref="Validate"/> finds any.</summary>
    public static RoutingRules Create(RoutingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings).ThrowIfAny();
        return new RoutingRules(settings);
    }

    public static IReadOnlyList<ValidationProblem> Validate(RoutingSettings settings)
    {
        var problems = new List<ValidationProblem>();
        var profileCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var profile in settings.SlaProfiles)
        {
            if (string.IsNullOrWhiteSpace(profile.Code) || !profileCodes.Add(profile.Code))
                problems.Add(new("Routing.InvalidSlaProfileCode", $"SLA profile code '{profile.Code}' is empty or duplicated.", profile.Code));
            if (profile.ContactWithinWorkingDays < 0 || profile.AnswerWithinWorkingDays < profile.ContactWithinWorkingDays
                || profile.DispatchWithinMinutes is <= 0)
                problems.Add(new("Routing.InvalidSlaProfile", $"SLA profile '{profile.Code}' has inconsistent limits.", profile.Code));
        }
        if (!profileCodes.Contains(settings.UrgentSlaProfileCode))
            problems.Add(new("Routing.UnknownSlaProfile", $"Urgent SLA profile '{settings.UrgentSlaProfileCode}' is not defined.", settings.UrgentSlaProfileCode));
        if (string.IsNullOrWhiteSpace(settings.SupervisorQueue))
            problems.Add(new("Routing.SupervisorQueueRequired", "A supervisor queue is required for escalations."));
        if (settings.RepeatWindowDays < 0)
            problems.Add(new("Routing.InvalidRepeatWindow", "The repeat window cannot be negative."));
        if (settings.UrgencyKeywords.Any(string.IsNullOrWhiteSpace))
            problems.Add(new("Routing.EmptyKeyword", "Urgency keywords cannot be blank."));

        if (settings.Rules.Count == 0)
        {
            problems.Add(new("Routing.NoRules", "At least one rule, the catch-all, is required."));
            return problems;
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var catchAllSeen = false;
        foreach (var rule in settings.Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Name))
                problems.Add(new("Routing.RuleNameRequired", "Every rule needs a name."));
            else if (!names.Add(rule.Name.Trim()))
                problems.Add(new("Routing.DuplicateRuleName", $"Rule name '{rule.Name}' is used twice.", rule.Name));
            if (string.IsNullOrWhiteSpace(rule.QueueCode))
                problems.Add(new("Routing.QueueRequired", $"Rule '{rule.Name}' has no queue.", rule.Name));
            if (!profileCodes.Contains(rule.SlaProfileCode))
                problems.Add(new("Routing.UnknownSlaProfile", $"Rule '{rule.Name}' uses unknown SLA profile '{rule.SlaProfileCode}'.", rule.Name));
            if (rule.Keywords.Any(string.IsNullOrWhiteSpace))
                problems.Add(new("Routing.EmptyKeyword", $"Rule '{rule.Name}' has a blank keyword.", rule.Name));
            if (catchAllSeen)
                problems.Add(new("Routing.RuleAfterCatchAll", $"Rule '{rule.Name}' comes after the catch-all and can never fire.", rule.Name));
            catchAllSeen |= rule.IsCatchAll;
        }
        if (!catchAllSeen)
            problems.Add(new("Routing.NoCatchAll", "The last rule must match every complaint (no conditions)."));
        return problems;
    }

    /// <summary>The seeded configuration: one queue per category, outage skilled by region, "supervisor" for escalations.</summary>
    public static RoutingRules SeedDefault() => Create(new RoutingSettings
    {
        Rules =
        [
            new() { Name = "outage", Categories = [ComplaintCategory.Outage], QueueCode = "outage",
                Priority = ComplaintPriority.High, Skills = ["outage", "region:{region}"] },
            new() { Name = "billing", Categories = [ComplaintCategory.BillingDispute], QueueCode = "billing", Skills = ["billing"] },
            new() { Name = "meter", Categories = [ComplaintCategory.MeterFault], QueueCode = "metering", Skills = ["metering"] },
            new() { Name = "voltage", Categories = [ComplaintCategory.VoltageQuality], QueueCode = "power-quality", Skills = ["power-quality"] },
            new() { Name = "attitude", Categories = [ComplaintCategory.ServiceAttitude], QueueCode = "service-quality", Skills = ["service-quality"] },
            // Large industrial connections hold up production lines and big revenue: same queue, higher priority.
            new() { Name = "connection-large-industrial", Categories = [ComplaintCategory.ConnectionDelay],
                AccountTypes = [CustomerType.LargeIndustrial], QueueCode = "connection", Priority = ComplaintPriority.High,
                Skills = ["connection", "large-industrial"] },
            new() { Name = "connection", Categories = [ComplaintCategory.ConnectionDelay], QueueCode = "connection", Skills = ["connection"] },
            new() { Name = "general", QueueCode = "general" },
        ],
        // "火" alone also matches harmless words (火车, train); over-triggering is the safe side for a safety
        // keyword, and the admin can narrow the list.
        UrgencyKeywords = ["fire", "smoke", "electric shock", "sparks", "火", "冒烟", "触电", "起火", "漏电"],
    });
}

/// <summary>What routing needs to know about a new complaint. Times are utility local time.</summary>
public sealed record ComplaintRoutingInput(
    ComplaintCategory Category,
    string Region,
    CustomerType AccountType,
    CreditTierLevel? CreditTier,
    string Description,
    DateTime SubmittedAt,
    IReadOnlyList<DateTime> EarlierComplaintDates,
    bool? PriorityPrivilege = null);

public enum RoutingOverlay
{
    UrgencyKeyword = 0,
    TopCreditTier = 1,
    RepeatComplaint = 2,
    UrgentSlaProfile = 3,
}

public enum RoutingArgKind
{
    Text = 0,
    Queue = 1,
    Priority = 2,
}

/// <summary>A value in an explanation line, typed so a page can show a queue or priority in the reader's language.</summary>
public sealed record RoutingArg(RoutingArgKind Kind, string Value)
{
    public static RoutingArg Text(object value) => new(RoutingArgKind.Text, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
    public static RoutingArg Queue(string code) => new(RoutingArgKind.Queue, code);
    public static RoutingArg Priority(ComplaintPriority p) => new(RoutingArgKind.Priority, p.ToString());
}

/// <summary>
/// One line of the routing explanation. <see cref="Code"/> is the localization key and <see cref="Args"/> its
/// placeholders in order; <see cref="Detail"/> is the same line in English for logs and old records.
/// </summary>
public sealed record RoutingStep(string Code, string Detail, IReadOnlyList<RoutingArg> Args)
{
    public RoutingStep(string code, string detail, params RoutingArg[] args) : this(code, detail, (IReadOnlyList<RoutingArg>)args)
    {
    }
}

/// <summary>
/// The explanation kept on the complaint's "routed" timeline entry: JSON of codes and typed arguments, so the back
/// office shows it in either language. Entries written before this format are plain text and read back as null.
/// </summary>
public static class RoutingExplanation
{
    // The English detail is left out: the note column is bounded and the code with its arguments says it all.
    private sealed record Stored(string Code, List<RoutingArg> Args);

    public static string Encode(IEnumerable<RoutingStep> steps) =>
        System.Text.Json.JsonSerializer.Serialize(steps.Select(s => new Stored(s.Code, s.Args.ToList())).ToList());

    public static IReadOnlyList<RoutingStep>? TryDecode(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored) || !stored.TrimStart().StartsWith('[')) return null;
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<Stored>>(stored)?
                .Select(s => new RoutingStep(s.Code, "", (IReadOnlyList<RoutingArg>)(s.Args ?? []))).ToList();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

public sealed record RoutingDecision(
    string RuleName,
    string QueueCode,
    ComplaintPriority Priority,
    IReadOnlyList<string> Skills,
    SlaProfile SlaProfile,
    SlaDeadlines Deadlines,
    bool IsRepeat,
    IReadOnlyList<string> MatchedUrgencyKeywords,
    IReadOnlyList<RoutingOverlay> Overlays,
    IReadOnlyList<RoutingStep> Explanation)
{
    public string Summary => string.Join("; ", Explanation.Select(s => s.Detail));
}
