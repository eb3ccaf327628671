using Portal.Domain.Accounts;
using Portal.Domain.Credit;
using Portal.Domain.Service;
using Portal.Domain.Usage;
using Xunit;

namespace Portal.Tests.Domain.Service;

public class ServiceMenuPlannerTests
{
    private static readonly DateOnly June = new(2026, 6, 15);

    private static readonly ServiceProfile Household = new()
    {
        Type = CustomerType.Residential,
        CapacityKva = 8m,
        PackageCode = "XJ-RES-TIER",
        Segment = LoadArchetype.EveningPeaker,
        Tier = CreditTier.B,
        AnnualKwh = 3200m,
    };

    private static readonly ServiceProfile Factory = new()
    {
        Type = CustomerType.LargeIndustrial,
        CapacityKva = 400m,
        PackageCode = "XJ-2P-DEM",
        Segment = LoadArchetype.DaytimeBusiness,
        Tier = CreditTier.A,
        AnnualKwh = 900_000m,
    };

    private static ServiceCatalog One(ServiceEligibility eligibility, string code = "custom", bool active = true) => new(
    [
        new ServiceCatalogItem
        {
            Code = code, Team = ServiceTeam.FieldService, Active = active, Eligibility = eligibility,
            Title = new("测试", "Test"), Description = new("说明", "Description"),
        },
    ]);

    private static bool Shown(ServiceCatalog catalog, ServiceProfile profile) => ServiceMenuPlanner.Plan(catalog, profile, June).Count == 1;

    [Fact]
    public void An_item_without_rules_is_shown_to_everyone()
    {
        Assert.True(Shown(One(ServiceEligibility.Anyone), Household));
        Assert.True(Shown(One(ServiceEligibility.Anyone), Factory));
    }

    [Fact]
    public void An_inactive_item_is_never_shown()
    {
        Assert.False(Shown(One(ServiceEligibility.Anyone, active: false), Household));
    }

    [Fact]
    public void Minimum_capacity_admits_exactly_the_threshold_and_refuses_just_below_it()
    {
        var rule = One(new ServiceEligibility { MinCapacityKva = 100m });
        Assert.True(Shown(rule, Factory with { CapacityKva = 100m }));
        Assert.False(Shown(rule, Factory with { CapacityKva = 99.99m }));
    }

    [Fact]
    public void Maximum_capacity_is_exclusive_so_the_threshold_itself_is_refused()
    {
        var rule = One(new ServiceEligibility { MaxCapacityKva = 315m });
        Assert.True(Shown(rule, Factory with { CapacityKva = 314.99m }));
        Assert.False(Shown(rule, Factory with { CapacityKva = 315m }));
    }

    [Fact]
    public void Customer_type_rule_admits_listed_types_only()
    {
        var rule = One(new ServiceEligibility { CustomerTypes = [CustomerType.Business, CustomerType.LargeIndustrial] });
        Assert.True(Shown(rule, Factory));
        Assert.False(Shown(rule, Household));
    }

    [Fact]
    public void Tier_rule_admits_listed_tiers_and_refuses_others_and_accounts_not_yet_reviewed()
    {
        var rule = One(new ServiceEligibility { Tiers = [CreditTier.A] });
        Assert.True(Shown(rule, Household with { Tier = CreditTier.A }));
        Assert.False(Shown(rule, Household with { Tier = CreditTier.B }));
        Assert.False(Shown(rule, Household with { Tier = null }));
    }

    [Fact]
    public void Segment_rule_admits_listed_segments_and_refuses_others_and_unknown_segments()
    {
        var rule = One(new ServiceEligibility { Segments = [LoadArchetype.WinterHeater] });
        Assert.True(Shown(rule, Household with { Segment = LoadArchetype.WinterHeater }));
        Assert.False(Shown(rule, Household with { Segment = LoadArchetype.NightOwl }));
        Assert.False(Shown(rule, Household with { Segment = null }));
    }

    [Fact]
    public void Package_rule_admits_accounts_on_a_listed_package_only()
    {
        var rule = One(new ServiceEligibility { Packages = ["XJ-RES-TIER"] });
        Assert.True(Shown(rule, Household));
        Assert.False(Shown(rule, Household with { PackageCode = "XJ-RES-TIER-TOU" }));
    }

    [Fact]
    public void All_rules_must_hold_together()
    {
        var rule = One(new ServiceEligibility { CustomerTypes = [CustomerType.LargeIndustrial], Tiers = [CreditTier.A], MinCapacityKva = 315m });
        Assert.True(Shown(rule, Factory));
        Assert.False(Shown(rule, Factory with { Tier = CreditTier.B }));
        Assert.False(Shown(rule, Factory with { CapacityKva = 314m }));
    }

    [Fact]
    public void Auto_pay_and_e_statements_are_left_out_once_they_are_on()
    {
        var catalog = ServiceCatalogSeed.Default();
        var before = ServiceMenuPlanner.Plan(catalog, Household, June).Select(e => e.Item.Code).ToList();
        var after = ServiceMenuPlanner.Plan(catalog, Household with { AutoPayOn = true, EStatementsOn = true }, June).Select(e => e.Item.Code).ToList();
        Assert.Contains(ServiceCodes.AutoPay, before);
        Assert.Contains(ServiceCodes.EStatements, before);
        Assert.DoesNotContain(ServiceCodes.AutoPay, after);
        Assert.DoesNotContain(ServiceCodes.EStatements, after);
    }

    [Fact]
    public void A_household_on_the_tiered_package_is_offered_the_household_services_and_none_of_the_business_ones()
    {
        var codes = ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(), Household, June).Select(e => e.Item.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { ServiceCodes.TouSwitch, ServiceCodes.EnergyAudit, ServiceCodes.AutoPay, ServiceCodes.EStatements, ServiceCodes.SafetyInspection }, codes);
        Assert.DoesNotContain(ServiceCodes.DemandReview, codes);
        Assert.DoesNotContain(ServiceCodes.PowerFactorAdvice, codes);
        Assert.DoesNotContain(ServiceCodes.PriorityConnection, codes);
        Assert.DoesNotContain(ServiceCodes.HeatingSeasonCheck, codes);
    }

    [Fact]
    public void A_tier_A_large_industrial_customer_on_demand_billing_is_offered_the_business_services()
    {
        var codes = ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(), Factory, June).Select(e => e.Item.Code).ToHashSet();
        Assert.Contains(ServiceCodes.DemandReview, codes);
        Assert.Contains(ServiceCodes.PowerFactorAdvice, codes);
        Assert.Contains(ServiceCodes.PriorityConnection, codes);
        Assert.DoesNotContain(ServiceCodes.TouSwitch, codes);
        Assert.DoesNotContain(ServiceCodes.HeatingSeasonCheck, codes);
    }

    [Fact]
    public void A_saving_on_another_package_puts_the_switch_first_with_the_amount_and_package_in_the_reason()
    {
        var menu = ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(), Household with { BestSavingYuan = 312m, BestPackageCode = "XJ-RES-TIER-TOU" }, June);
        var first = menu[0];
        Assert.Equal(ServiceCodes.TouSwitch, first.Item.Code);
        Assert.Equal(new MenuReason("ServiceMenu.Reason.Saving", 312m, PackageCode: "XJ-RES-TIER-TOU"), first.Reason);
    }

    [Fact]
    public void Without_a_saving_the_switch_sinks_to_the_bottom_with_a_generic_reason()
    {
        var menu = ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(), Household with { BestSavingYuan = 0m, BestPackageCode = "XJ-RES-TIER" }, June);
        Assert.Equal(ServiceCodes.TouSwitch, menu[^1].Item.Code);
        Assert.Equal("ServiceMenu.Reason.ComparePackages", menu[^1].Reason.Key);
    }

    [Fact]
    public void Open_hazards_put_the_safety_inspection_above_a_saving()
    {
        var menu = ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(),
            Household with { BestSavingYuan = 312m, BestPackageCode = "XJ-RES-TIER-TOU", OpenHazards = 1 }, June);
        Assert.Equal(ServiceCodes.SafetyInspection, menu[0].Item.Code);
        Assert.Equal(new MenuReason("ServiceMenu.Reason.OpenHazards", Count: 1), menu[0].Reason);
        Assert.Equal(ServiceCodes.TouSwitch, menu[1].Item.Code);
    }

    [Fact]
    public void A_larger_saving_ranks_higher_than_a_smaller_one()
    {
        int Score(decimal saving) => ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(),
            Household with { BestSavingYuan = saving, BestPackageCode = "XJ-RES-TIER-TOU" }, June).Single(e => e.Item.Code == ServiceCodes.TouSwitch).Score;
        Assert.True(Score(600m) > Score(100m));
    }

    [Fact]
    public void Late_payments_lift_auto_pay_above_the_energy_audit_and_no_late_payment_leaves_it_below()
    {
        int Rank(ServiceProfile p, string code) => ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(), p, June).ToList().FindIndex(e => e.Item.Code == code);
        var late = Household with { LatePayments = 1 };
        Assert.True(Rank(late, ServiceCodes.AutoPay) < Rank(late, ServiceCodes.EnergyAudit));
        Assert.True(Rank(Household, ServiceCodes.AutoPay) > Rank(Household, ServiceCodes.EnergyAudit));
    }

    [Fact]
    public void Power_factor_surcharge_and_excess_demand_charges_are_named_in_the_reasons()
    {
        var menu = ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(), Factory with { PowerFactorSurchargeYuan = 1250.5m, ExcessDemandChargeYuan = 800m }, June);
        Assert.Equal(ServiceCodes.PowerFactorAdvice, menu[0].Item.Code);
        Assert.Equal(1250.5m, menu[0].Reason.Amount);
        Assert.Equal(ServiceCodes.DemandReview, menu[1].Item.Code);
        Assert.Equal("ServiceMenu.Reason.DemandExcess", menu[1].Reason.Key);
    }

    [Theory]
    [InlineData(8, 10)]
    [InlineData(9, 60)]
    [InlineData(10, 40)]
    [InlineData(4, 40)]
    [InlineData(5, 10)]
    public void The_heating_check_matters_most_in_the_month_before_the_heating_season(int month, int expectedScore)
    {
        var heater = Household with { Segment = LoadArchetype.WinterHeater, HasElectricHeating = true };
        var entry = ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(), heater, new DateOnly(2026, month, 1)).Single(e => e.Item.Code == ServiceCodes.HeatingSeasonCheck);
        Assert.Equal(expectedScore, entry.Score);
    }

    [Fact]
    public void Equal_scores_keep_the_catalogue_order()
    {
        var catalog = new ServiceCatalog(
        [
            new ServiceCatalogItem { Code = "b-first", Title = new("乙", "B"), Description = new("乙", "B") },
            new ServiceCatalogItem { Code = "a-second", Title = new("甲", "A"), Description = new("甲", "A") },
        ]);
        Assert.Equal(["b-first", "a-second"], ServiceMenuPlanner.Plan(catalog, Household, June).Select(e => e.Item.Code));
    }

    [Fact]
    public void A_service_a_running_campaign_offers_the_account_is_left_out_and_the_others_stay()
    {
        var all = ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(), Household, June).Select(e => e.Item.Code).ToList();
        var offered = all[0];
        var menu = ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(), Household, June, [offered]).Select(e => e.Item.Code).ToList();
        Assert.DoesNotContain(offered, menu);
        Assert.Equal(all.Where(c => c != offered), menu);
        // No campaign (or an offer of a service not on the menu) leaves the menu as it is.
        Assert.Equal(all, ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(), Household, June, []).Select(e => e.Item.Code));
        Assert.Equal(all, ServiceMenuPlanner.Plan(ServiceCatalogSeed.Default(), Household, June, ["not-on-the-menu"]).Select(e => e.Item.Code));
    }
}
