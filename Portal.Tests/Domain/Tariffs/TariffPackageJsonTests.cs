using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Xunit;
using static Portal.Tests.Domain.Tariffs.TestData;

namespace Portal.Tests.Domain.Tariffs;

public class TariffPackageJsonTests
{
    [Fact]
    public void A_package_round_trips_through_JSON_with_enums_as_strings()
    {
        var package = XinjiangTwoPart(BasicChargeMethod.Demand) with
        {
            Energy = new EnergyCharge { BasePrice = 0.378m, TimeOfUse = XinjiangTou(), Tiers = ZhejiangTiered().Energy.Tiers },
            PowerFactor = new PowerFactorRule { Standard = PowerFactorStandard.Pf85 },
        };

        var json = TariffPackageJson.Serialize(package);
        var back = TariffPackageJson.Deserialize(json);

        Assert.Contains("\"CriticalPeak\"", json);
        Assert.Contains("\"Demand\"", json);
        Assert.Contains("\"zh-CN\"", json);
        Assert.Equal(json, TariffPackageJson.Serialize(back));
        Assert.Equal(package.Energy.TimeOfUse!.Seasons[1].Windows, back.Energy.TimeOfUse!.Seasons[1].Windows);
        Assert.Equal(PowerFactorStandard.Pf85, back.PowerFactor!.Standard);
    }

    [Fact]
    public void Missing_properties_take_their_defaults()
    {
        var p = TariffPackageJson.Deserialize("""{ "code": "X", "basic": { "method": "Demand", "price": 33 } }""");

        Assert.Equal(1.05m, p.Basic!.ExcessThresholdRatio);
        Assert.Equal(0.40m, p.Basic.MinDeclaredRatioOfCapacity);
        Assert.Empty(p.Surcharges);
        Assert.Equal(1, p.Version);
    }

    [Theory]
    [InlineData("""{ "code": null }""")]
    [InlineData("""{ "eligibility": { "customerTypes": ["Farmer"] } }""")]
    [InlineData("not json")]
    public void Malformed_JSON_is_a_domain_error(string json) =>
        Assert.Equal("Tariff.JsonInvalid", Assert.Throws<DomainException>(() => TariffPackageJson.Deserialize(json)).Code);

    [Fact]
    public void Eligibility_is_read_from_the_file()
    {
        var p = TariffPackageJson.Deserialize("""{ "eligibility": { "customerTypes": ["Business"], "voltageLevels": ["Kv1To10"], "minCapacityKva": 100, "maxCapacityKva": 315 } }""");

        Assert.True(p.IsEligibleFor(new AccountProfile(CustomerType.Business, VoltageLevel.Kv1To10, 100m, "X")));
        Assert.False(p.IsEligibleFor(new AccountProfile(CustomerType.Business, VoltageLevel.Kv1To10, 315m, "X")));
        Assert.False(p.IsEligibleFor(new AccountProfile(CustomerType.Business, VoltageLevel.Kv1To10, 99m, "X")));
        Assert.False(p.IsEligibleFor(new AccountProfile(CustomerType.Business, VoltageLevel.Low, 200m, "X")));
        Assert.False(p.IsEligibleFor(new AccountProfile(CustomerType.Residential, VoltageLevel.Kv1To10, 200m, "X")));
    }
}
