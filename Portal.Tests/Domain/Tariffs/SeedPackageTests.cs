using Portal.Domain.Accounts;
using Portal.Domain.Tariffs;
using Xunit;

namespace Portal.Tests.Domain.Tariffs;

public class SeedPackageTests
{
    internal static string SeedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PowerMarketing.sln")) || Directory.Exists(Path.Combine(dir.FullName, "Portal.Domain")))
                return Path.Combine(dir.FullName, "Portal", "Features", "Tariffs", "SeedPackages");
        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }

    internal static IReadOnlyList<TariffPackage> LoadAll() =>
        Directory.GetFiles(SeedFolder(), "*.json").Order().Select(f => TariffPackageJson.Deserialize(File.ReadAllText(f))).ToList();

    public static TheoryData<string> SeedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(SeedFolder(), "*.json").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void Every_seed_package_validates_without_errors(string file)
    {
        var package = TariffPackageJson.Deserialize(File.ReadAllText(Path.Combine(SeedFolder(), file)));

        Assert.DoesNotContain(TariffPackageValidator.Validate(package), p => p.Severity == TariffProblemSeverity.Error);
        CompiledTariff.Compile(package);
    }

    [Fact]
    public void The_catalogue_covers_the_brief_with_unique_codes()
    {
        var codes = LoadAll().Select(p => p.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Superset(new HashSet<string> { "XJ-RES-TIER", "XJ-RES-TIER-TOU", "XJ-RES-HEAT", "XJ-BIZ-SINGLE", "XJ-BIZ-TOU", "XJ-2P-CAP", "XJ-2P-DEM", "XJ-BIZ-GREEN" }, codes.ToHashSet());
    }

    [Fact]
    public void Seeded_Xinjiang_figures_are_the_ones_in_DOMAIN_md()
    {
        var all = LoadAll().ToDictionary(p => p.Code);

        Assert.Equal(26m, all["XJ-2P-CAP"].Basic!.Price);
        Assert.Equal(33m, all["XJ-2P-DEM"].Basic!.Price);
        Assert.Equal(0.378m, all["XJ-2P-CAP"].Energy.BasePrice);
        Assert.Equal(0.450m, all["XJ-BIZ-SINGLE"].Energy.BasePrice);
        Assert.Equal([1.98m, 1.65m, 1.00m, 0.35m], all["XJ-BIZ-TOU"].Energy.TimeOfUse!.Rates.Select(r => r.Value));
        Assert.Equal(0.22m, all["XJ-RES-HEAT"].Energy.SeasonalPrices.Single().Price);
    }

    [Fact]
    public void The_heating_price_applies_from_October_to_April_only()
    {
        var heating = LoadAll().Single(p => p.Code == "XJ-RES-HEAT");
        var household = new AccountProfile(CustomerType.Residential, VoltageLevel.Low, 8m, "Kuitun");
        BillingPeriod Month(int y, int m) => BillingPeriod.Month(y, m);

        var april = BillCalculator.Calculate(heating, household, Month(2025, 4), TestData.Constant(Month(2025, 4).Start, Month(2025, 4).End, 1000, minutes: 60));
        var may = BillCalculator.Calculate(heating, household, Month(2025, 5), TestData.Constant(Month(2025, 5).Start, Month(2025, 5).End, 1000, minutes: 60));

        Assert.Equal(0.22m, april.Lines.Single().UnitPrice); // 720 kWh × 0.22 = 158.40
        Assert.Equal(158.40m, april.Total.Yuan);
        Assert.Equal(0.39m, may.Lines.Single().UnitPrice);
    }

    [Theory]
    [InlineData(true, true)]   // a household with registered individual electric heating may choose the heating price
    [InlineData(false, false)] // one without may not (DOMAIN.md: the heating price is for individual heaters)
    public void The_heating_package_is_only_for_households_with_registered_electric_heating(bool heating, bool eligible)
    {
        var package = LoadAll().Single(p => p.Code == "XJ-RES-HEAT");
        Assert.Equal(eligible, package.IsEligibleFor(new AccountProfile(CustomerType.Residential, VoltageLevel.Low, 8m, "Kuitun", heating)));
    }

    [Fact]
    public void Heating_registration_never_makes_a_business_eligible_for_the_heating_package()
    {
        var package = LoadAll().Single(p => p.Code == "XJ-RES-HEAT");
        Assert.False(package.IsEligibleFor(new AccountProfile(CustomerType.Business, VoltageLevel.Low, 8m, "Kuitun", HasElectricHeating: true)));
    }

    [Fact]
    public void Packages_without_the_heating_rule_admit_households_with_or_without_heating()
    {
        var tiered = LoadAll().Single(p => p.Code == "XJ-RES-TIER");
        Assert.True(tiered.IsEligibleFor(new AccountProfile(CustomerType.Residential, VoltageLevel.Low, 8m, "Kuitun", true)));
        Assert.True(tiered.IsEligibleFor(new AccountProfile(CustomerType.Residential, VoltageLevel.Low, 8m, "Kuitun", false)));
    }

    [Fact]
    public void Two_part_energy_price_follows_the_supply_voltage()
    {
        var demand = LoadAll().Single(p => p.Code == "XJ-2P-CAP");
        var at35kV = new AccountProfile(CustomerType.LargeIndustrial, VoltageLevel.Kv35, 2000m, "Kuitun");
        var june = BillingPeriod.Month(2025, 6);

        var bill = BillCalculator.Calculate(demand, at35kV, june, TestData.Constant(june.Start, june.End, 1000));

        Assert.Equal(0.356m, bill.Lines.First(l => l.Kind == BillLineKind.Energy).UnitPrice);
    }
}
