using Portal.Domain.Accounts;
using Portal.Domain.Service;
using Xunit;

namespace Portal.Tests.Domain.Service;

public class ServiceCatalogTests
{
    private static ServiceCatalogItem Valid(string code = "energy-audit") => new()
    {
        Code = code,
        Team = ServiceTeam.EnergyEfficiency,
        Title = new("能效诊断", "Energy audit"),
        Description = new("说明", "What it is"),
    };

    private static IEnumerable<string> Problems(params ServiceCatalogItem[] items) => new ServiceCatalog(items).Validate().Select(p => p.Code);

    [Fact]
    public void The_seeded_catalogue_is_valid_and_holds_the_nine_services()
    {
        var seed = ServiceCatalogSeed.Default();
        Assert.Empty(seed.Validate());
        Assert.Equal(ServiceCodes.All.OrderBy(c => c), seed.Items.Select(i => i.Code).OrderBy(c => c));
    }

    [Fact]
    public void A_catalogue_round_trips_through_json()
    {
        var seed = ServiceCatalogSeed.Default();
        var back = ServiceCatalog.FromJson(seed.ToJson());
        Assert.Equal(seed.ToJson(), back.ToJson());
        Assert.Equal([CustomerType.Business, CustomerType.LargeIndustrial], back.Find(ServiceCodes.DemandReview)!.Eligibility.CustomerTypes);
    }

    [Fact]
    public void Both_languages_of_the_title_and_description_are_required()
    {
        Assert.Contains("ServiceMenu.Problem.TitleRequired", Problems(Valid() with { Title = new("能效诊断", " ") }));
        Assert.Contains("ServiceMenu.Problem.DescriptionRequired", Problems(Valid() with { Description = new("", "x") }));
    }

    [Fact]
    public void A_title_may_be_as_long_as_the_limit_but_not_longer()
    {
        Assert.Empty(Problems(Valid() with { Title = new(new string('电', ServiceCatalog.MaxTitleLength), "x") }));
        Assert.Contains("ServiceMenu.Problem.TitleTooLong", Problems(Valid() with { Title = new(new string('电', ServiceCatalog.MaxTitleLength + 1), "x") }));
    }

    [Fact]
    public void Codes_are_lowercase_slugs_and_unique()
    {
        Assert.Contains("ServiceMenu.Problem.CodeFormat", Problems(Valid("Energy Audit")));
        Assert.Contains("ServiceMenu.Problem.CodeRequired", Problems(Valid("")));
        Assert.Contains("ServiceMenu.Problem.CodeDuplicate", Problems(Valid("xy"), Valid("xy")));
    }

    [Fact]
    public void The_capacity_range_must_have_its_minimum_below_its_maximum()
    {
        Assert.Empty(Problems(Valid() with { Eligibility = new() { MinCapacityKva = 100m, MaxCapacityKva = 100.01m } }));
        Assert.Contains("ServiceMenu.Problem.CapacityRange", Problems(Valid() with { Eligibility = new() { MinCapacityKva = 100m, MaxCapacityKva = 100m } }));
        Assert.Contains("ServiceMenu.Problem.CapacityNegative", Problems(Valid() with { Eligibility = new() { MinCapacityKva = -1m } }));
    }

    [Fact]
    public void An_empty_catalogue_cannot_be_published()
    {
        Assert.Contains("ServiceMenu.Problem.Empty", new ServiceCatalog([]).Validate().Select(p => p.Code));
    }

    [Theory]
    [InlineData("zh-CN", "能效诊断")]
    [InlineData("en-US", "Energy audit")]
    [InlineData("en", "Energy audit")]
    public void Bilingual_text_picks_the_reader_s_language(string culture, string expected)
    {
        Assert.Equal(expected, new BilingualText("能效诊断", "Energy audit").For(culture));
    }
}
