using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain.Accounts;
using Portal.Domain.Credit;
using Portal.Domain.Usage;

namespace Portal.Domain.Service;

/// <summary>A text in both portal languages; the catalogue is edited by admins, so it is data, not resources.</summary>
public sealed record BilingualText(string ZhCn, string EnUs)
{
    /// <summary>The text for a UI culture name ("zh-CN", "en-US"); Chinese is the portal's first language.</summary>
    public string For(string cultureName) => cultureName.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? EnUs : ZhCn;
}

/// <summary>
/// Who may see a service. Each set is "any" when empty; a non-empty set admits only its members, and an account
/// whose segment or tier is not known yet is not admitted by a set that names segments or tiers.
/// Capacity range is [Min, Max) like tariff eligibility: "from 100 kVA" means Min = 100.
/// </summary>
public sealed record ServiceEligibility
{
    public IReadOnlyList<LoadArchetype> Segments { get; init; } = [];
    public IReadOnlyList<CreditTier> Tiers { get; init; } = [];
    public IReadOnlyList<CustomerType> CustomerTypes { get; init; } = [];
    /// <summary>Tariff package codes the account must be on.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];
    public decimal? MinCapacityKva { get; init; }
    public decimal? MaxCapacityKva { get; init; }

    public static ServiceEligibility Anyone { get; } = new();

    public bool Admits(ServiceProfile p) =>
        (Segments.Count == 0 || (p.Segment is { } s && Segments.Contains(s)))
        && (Tiers.Count == 0 || (p.Tier is { } t && Tiers.Contains(t)))
        && (CustomerTypes.Count == 0 || CustomerTypes.Contains(p.Type))
        && (Packages.Count == 0 || Packages.Contains(p.PackageCode, StringComparer.OrdinalIgnoreCase))
        && (MinCapacityKva is not { } min || p.CapacityKva >= min)
        && (MaxCapacityKva is not { } max || p.CapacityKva < max);
}

/// <summary>One service or programme of the menu.</summary>
public sealed record ServiceCatalogItem
{
    public string Code { get; init; } = "";
    public BilingualText Title { get; init; } = new("", "");
    public BilingualText Description { get; init; } = new("", "");
    public ServiceTeam Team { get; init; }
    public ServiceEligibility Eligibility { get; init; } = ServiceEligibility.Anyone;
    public bool Active { get; init; } = true;
}

public sealed record CatalogProblem(string Code, string Target);

/// <summary>
/// The menu's catalogue as one document. A publish stores it as a new version; earlier versions stay for history
/// (what a customer was offered on a given day is answerable).
/// </summary>
public sealed record ServiceCatalog(IReadOnlyList<ServiceCatalogItem> Items)
{
    public const int MaxTitleLength = 60;
    public const int MaxDescriptionLength = 300;
    public const int MaxCodeLength = 40;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ServiceCatalog FromJson(string json) =>
        JsonSerializer.Deserialize<ServiceCatalog>(json, JsonOptions) ?? new ServiceCatalog([]);

    public ServiceCatalogItem? Find(string code) => Items.FirstOrDefault(i => i.Code == code);

    /// <summary>Every problem of the document (empty when it may be published); codes are resource keys.</summary>
    public IReadOnlyList<CatalogProblem> Validate()
    {
        var problems = new List<CatalogProblem>();
        if (Items.Count == 0) problems.Add(new("ServiceMenu.Problem.Empty", ""));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, index) in Items.Select((x, i) => (x, i)))
        {
            var target = string.IsNullOrWhiteSpace(item.Code) ? $"#{index + 1}" : item.Code;
            if (string.IsNullOrWhiteSpace(item.Code)) problems.Add(new("ServiceMenu.Problem.CodeRequired", target));
            else if (!ServiceCodes.IsWellFormed(item.Code))
                problems.Add(new("ServiceMenu.Problem.CodeFormat", target));
            else if (!seen.Add(item.Code)) problems.Add(new("ServiceMenu.Problem.CodeDuplicate", target));
            if (string.IsNullOrWhiteSpace(item.Title.ZhCn) || string.IsNullOrWhiteSpace(item.Title.EnUs))
                problems.Add(new("ServiceMenu.Problem.TitleRequired", target));
            if (item.Title.ZhCn.Length > MaxTitleLength || item.Title.EnUs.Length > MaxTitleLength)
                problems.Add(new("ServiceMenu.Problem.TitleTooLong", target));
            if (string.IsNullOrWhiteSpace(item.Description.ZhCn) || string.IsNullOrWhiteSpace(item.Description.EnUs))
                problems.Add(new("ServiceMenu.Problem.DescriptionRequired", target));
            if (item.Description.ZhCn.Length > MaxDescriptionLength || item.Description.EnUs.Length > MaxDescriptionLength)
                problems.Add(new("ServiceMenu.Problem.DescriptionTooLong", target));
            if (!Enum.IsDefined(item.Team)) problems.Add(new("ServiceMenu.Problem.TeamInvalid", target));
            var e = item.Eligibility;
            if (e.MinCapacityKva < 0 || e.MaxCapacityKva <= 0) problems.Add(new("ServiceMenu.Problem.CapacityNegative", target));
            if (e.MinCapacityKva is { } min && e.MaxCapacityKva is { } max && min >= max)
                problems.Add(new("ServiceMenu.Problem.CapacityRange", target));
        }
        return problems;
    }
}
