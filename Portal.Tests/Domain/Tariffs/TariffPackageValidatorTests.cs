using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Tariffs;
using Xunit;
using static Portal.Tests.Domain.Tariffs.TestData;

namespace Portal.Tests.Domain.Tariffs;

public class TariffPackageValidatorTests
{
    private static TariffPackage XinjiangBusinessTou() => Flat(0.45m, "XJ-BIZ-TOU") with { Energy = new EnergyCharge { BasePrice = 0.45m, TimeOfUse = XinjiangTou() } };

    private static TariffPackage WithWindows(params TouWindow[] windows) => XinjiangBusinessTou() with
    {
        Energy = new EnergyCharge
        {
            BasePrice = 0.45m,
            TimeOfUse = XinjiangTou() with { Seasons = [new TouSeason { Name = "all", Months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], Windows = windows }] },
        },
    };

    private static TouWindow W(TouPeriod p, string from, string to) => new() { Period = p, From = from, To = to };

    private static IEnumerable<string> Codes(TariffPackage p) => TariffPackageValidator.Validate(p).Select(x => x.Code);

    [Fact]
    public void The_DOMAIN_examples_validate_without_problems()
    {
        Assert.Empty(TariffPackageValidator.Validate(ZhejiangTiered()));
        Assert.Empty(TariffPackageValidator.Validate(BeijingMonthly()));
        Assert.Empty(TariffPackageValidator.Validate(XinjiangBusinessTou()));
        Assert.Empty(TariffPackageValidator.Validate(XinjiangTwoPart(BasicChargeMethod.Demand)));
    }

    [Fact]
    public void Overlapping_windows_are_reported_with_season_time_and_both_periods()
    {
        var problems = TariffPackageValidator.Validate(WithWindows(W(TouPeriod.Peak, "08:00", "12:00"), W(TouPeriod.Valley, "11:45", "08:00")));

        var overlap = Assert.Single(problems, p => p.Code == "Tariff.TouOverlap");
        Assert.Equal(["all", "11:45", "Peak", "Valley"], overlap.Args);
        Assert.Equal(TariffProblemSeverity.Error, overlap.Severity);
    }

    [Fact]
    public void Gaps_in_a_day_are_reported_as_ranges()
    {
        var problems = TariffPackageValidator.Validate(WithWindows(W(TouPeriod.Peak, "08:00", "12:00"), W(TouPeriod.Valley, "12:15", "08:00")));

        var gap = Assert.Single(problems, p => p.Code == "Tariff.TouGap");
        Assert.Equal(["all", "12:00", "12:15"], gap.Args);
    }

    [Fact]
    public void A_window_wrapping_midnight_closes_the_day()
    {
        Assert.DoesNotContain("Tariff.TouGap", Codes(WithWindows(W(TouPeriod.Peak, "08:00", "22:00"), W(TouPeriod.Valley, "22:00", "08:00"))));
        Assert.DoesNotContain("Tariff.TouGap", Codes(WithWindows(W(TouPeriod.Flat, "00:00", "24:00"))));
    }

    [Theory]
    [InlineData("08:10", "12:00")]
    [InlineData("8:00", "12:00")]
    [InlineData("24:00", "12:00")]
    [InlineData("08:00", "08:00")]
    [InlineData("08:00", "25:00")]
    public void Times_off_the_15_minute_grid_or_empty_windows_are_invalid(string from, string to) =>
        Assert.Contains("Tariff.TouTimeInvalid", Codes(WithWindows(W(TouPeriod.Flat, from, to))));

    [Fact]
    public void Every_month_must_be_in_exactly_one_season()
    {
        var tou = XinjiangTou();
        var package = XinjiangBusinessTou() with
        {
            Energy = new EnergyCharge
            {
                BasePrice = 0.45m,
                TimeOfUse = tou with { Seasons = [tou.Seasons[0] with { Months = [2, 3, 4, 5, 6, 8, 9, 10, 7] }, tou.Seasons[1]] },
            },
        };
        var problems = TariffPackageValidator.Validate(package);

        Assert.Equal(["7"], Assert.Single(problems, p => p.Code == "Tariff.TouMonthInTwoSeasons").Args);
        Assert.Equal([["1"], ["11"], ["12"]], problems.Where(p => p.Code == "Tariff.TouMonthUncovered").Select(p => p.Args));
    }

    [Fact]
    public void A_period_without_a_rate_is_an_error()
    {
        var package = WithWindows(W(TouPeriod.DeepValley, "00:00", "06:00"), W(TouPeriod.Flat, "06:00", "00:00"));
        Assert.Equal(["DeepValley"], Assert.Single(TariffPackageValidator.Validate(package), p => p.Code == "Tariff.TouRateMissing").Args);
    }

    [Fact]
    public void Tiers_out_of_order_are_reported()
    {
        var package = ZhejiangTiered() with
        {
            Energy = new EnergyCharge
            {
                BasePrice = 0.538m,
                Tiers = new TierSchedule { Bands = [new TierBand { UpToKwh = 4800m }, new TierBand { UpToKwh = 2760m, Adder = 0.05m }, new TierBand { Adder = 0.3m }] },
            },
        };
        Assert.Equal(["2", "2760"], Assert.Single(TariffPackageValidator.Validate(package), p => p.Code == "Tariff.TierOrder").Args);
    }

    [Fact]
    public void Tier_bands_need_bounds_except_the_last_which_is_open()
    {
        var package = ZhejiangTiered() with
        {
            Energy = new EnergyCharge
            {
                BasePrice = 0.538m,
                Tiers = new TierSchedule { Bands = [new TierBand(), new TierBand { UpToKwh = 4800m, Adder = 0.05m }] },
            },
        };
        var codes = Codes(package).ToList();
        Assert.Contains("Tariff.TierBoundMissing", codes);
        Assert.Contains("Tariff.TierLastBandBounded", codes);
    }

    [Fact]
    public void Negative_prices_are_errors_wherever_they_are()
    {
        var package = XinjiangTwoPart(BasicChargeMethod.Capacity) with
        {
            Energy = new EnergyCharge { BasePrice = -0.1m, SeasonalPrices = [new SeasonalPrice { Months = [1], Price = -0.22m }] },
            GreenPremiumPerKwh = -0.03m,
            FixedMonthlyFee = -1m,
            Basic = new BasicCharge { Method = BasicChargeMethod.Capacity, Price = -26m },
        };
        var problems = TariffPackageValidator.Validate(package);

        Assert.Equal(["energy.basePrice", "energy.seasonalPrices[0]", "fixedMonthlyFee", "greenPremiumPerKwh"],
            problems.Where(p => p.Code == "Tariff.NegativePrice").Select(p => p.Args[0]));
        Assert.Contains(problems, p => p.Code == "Tariff.BasicPriceNotPositive");
    }

    [Fact]
    public void A_peak_valley_ratio_under_3_to_1_is_a_warning_not_an_error()
    {
        var problems = TariffPackageValidator.Validate(ZhejiangTieredTou()); // 0.568 / 0.288 = 1.97

        var warning = Assert.Single(problems);
        Assert.Equal(("Tariff.PeakValleyRatioLow", TariffProblemSeverity.Warning, "1.97"), (warning.Code, warning.Severity, warning.Args[0]));
        CompiledTariff.Compile(ZhejiangTieredTou()); // warnings do not block billing
    }

    [Fact]
    public void A_ratio_of_exactly_3_to_1_passes()
    {
        var tou = ZhejiangTieredTou().Energy.TimeOfUse! with { Rates = [new TouRate { Period = TouPeriod.Peak, Value = 0.6m }, new TouRate { Period = TouPeriod.Valley, Value = 0.2m }] };
        Assert.Empty(TariffPackageValidator.Validate(ZhejiangTieredTou() with { Energy = ZhejiangTieredTou().Energy with { TimeOfUse = tou } }));
    }

    [Fact]
    public void Critical_peak_less_than_20_percent_above_peak_is_a_warning()
    {
        var tou = XinjiangTou();
        var low = tou with { Rates = [.. tou.Rates.Where(r => r.Period != TouPeriod.CriticalPeak), new TouRate { Period = TouPeriod.CriticalPeak, Value = 1.97m }] };
        var problem = Assert.Single(TariffPackageValidator.Validate(XinjiangBusinessTou() with { Energy = new EnergyCharge { BasePrice = 0.45m, TimeOfUse = low } }));
        Assert.Equal(("Tariff.CriticalPeakPremiumLow", TariffProblemSeverity.Warning), (problem.Code, problem.Severity));
    }

    [Fact]
    public void Missing_names_code_and_empty_eligibility_are_all_listed_at_once()
    {
        var package = new TariffPackage();
        var codes = Codes(package).ToList();

        Assert.Equal(["Tariff.CodeMissing", "Tariff.NameMissing", "Tariff.NameMissing", "Tariff.EligibilityNoCustomerTypes",
            "Tariff.EligibilityNoVoltageLevels", "Tariff.BasePriceMissing"], codes);
        Assert.Equal(["zh-CN", "en-US"], TariffPackageValidator.Validate(package).Where(p => p.Code == "Tariff.NameMissing").Select(p => p.Args[0]));
    }

    [Fact]
    public void An_inverted_capacity_range_is_an_error()
    {
        var package = Flat(0.4m) with { Eligibility = Flat(0.4m).Eligibility with { MinCapacityKva = 315m, MaxCapacityKva = 100m } };
        Assert.Contains("Tariff.CapacityRangeInvalid", Codes(package));
    }

    [Theory]
    [InlineData(new[] { CustomerType.Residential }, false)]
    [InlineData(new[] { CustomerType.Residential, CustomerType.Business }, true)]
    public void The_heating_rule_is_only_valid_on_a_residential_package(CustomerType[] types, bool error)
    {
        var package = Flat(0.4m) with { Eligibility = Flat(0.4m).Eligibility with { CustomerTypes = types, RequiresElectricHeating = true } };
        Assert.Equal(error, Codes(package).Contains("Tariff.HeatingOnlyResidential"));
    }

    [Fact]
    public void Compiling_an_invalid_package_lists_its_error_codes()
    {
        var ex = Assert.Throws<DomainException>(() => CompiledTariff.Compile(new TariffPackage()));
        Assert.Contains("Tariff.CodeMissing", ex.Message);
    }
}
