using Portal.Domain.Accounts;
using Portal.Domain.Credit;
using Portal.Domain.Service;
using Portal.Domain.Usage;

namespace Portal.Features.Services;

/// <summary>A mutable copy of one catalogue item for the admin form; <see cref="ToItem"/> gives the document back.</summary>
public sealed class CatalogItemEditor
{
    public string Code { get; set; } = "";
    public string TitleZh { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string DescriptionZh { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    public ServiceTeam Team { get; set; }
    public bool Active { get; set; } = true;
    public IReadOnlyCollection<LoadArchetype> Segments { get; set; } = [];
    public IReadOnlyCollection<CreditTier> Tiers { get; set; } = [];
    public IReadOnlyCollection<CustomerType> CustomerTypes { get; set; } = [];
    public IReadOnlyCollection<string> Packages { get; set; } = [];
    public decimal? MinCapacityKva { get; set; }
    public decimal? MaxCapacityKva { get; set; }
    /// <summary>Items added in this edit may still change their code; published codes are what requests refer to.</summary>
    public bool IsNew { get; init; }

    public static CatalogItemEditor From(ServiceCatalogItem i) => new()
    {
        Code = i.Code,
        TitleZh = i.Title.ZhCn,
        TitleEn = i.Title.EnUs,
        DescriptionZh = i.Description.ZhCn,
        DescriptionEn = i.Description.EnUs,
        Team = i.Team,
        Active = i.Active,
        Segments = i.Eligibility.Segments.ToList(),
        Tiers = i.Eligibility.Tiers.ToList(),
        CustomerTypes = i.Eligibility.CustomerTypes.ToList(),
        Packages = i.Eligibility.Packages.ToList(),
        MinCapacityKva = i.Eligibility.MinCapacityKva,
        MaxCapacityKva = i.Eligibility.MaxCapacityKva,
    };

    public ServiceCatalogItem ToItem() => new()
    {
        Code = Code.Trim(),
        Title = new(TitleZh.Trim(), TitleEn.Trim()),
        Description = new(DescriptionZh.Trim(), DescriptionEn.Trim()),
        Team = Team,
        Active = Active,
        Eligibility = new()
        {
            Segments = Segments.Order().ToList(),
            Tiers = Tiers.OrderDescending().ToList(),
            CustomerTypes = CustomerTypes.Order().ToList(),
            Packages = Packages.Order(StringComparer.Ordinal).ToList(),
            MinCapacityKva = MinCapacityKva,
            MaxCapacityKva = MaxCapacityKva,
        },
    };
}

public sealed class CatalogEditorModel(int baseVersion, IEnumerable<ServiceCatalogItem> items)
{
    public int BaseVersion { get; } = baseVersion;
    public List<CatalogItemEditor> Items { get; } = items.Select(CatalogItemEditor.From).ToList();

    public ServiceCatalog ToCatalog() => new(Items.Select(i => i.ToItem()).ToList());
}
