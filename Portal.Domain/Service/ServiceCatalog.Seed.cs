using Portal.Domain.Accounts;
using Portal.Domain.Credit;
using Portal.Domain.Usage;

namespace Portal.Domain.Service;

public static class ServiceCatalogSeed
{
    /// <summary>The first catalogue a new installation starts with; admins edit it from there.</summary>
    public static ServiceCatalog Default() => new(
    [
        new()
        {
            Code = ServiceCodes.TouSwitch, Team = ServiceCodes.DefaultTeam(ServiceCodes.TouSwitch),
            Title = new("峰谷分时套餐变更", "Switch to a time-of-use package"),
            Description = new("按您过去 12 个月的实际用电测算，改用峰谷分时套餐后，谷时用电更便宜。", "Priced on your own last 12 months of usage: off-peak hours cost less on a time-of-use package."),
            Eligibility = new() { Packages = ["XJ-RES-TIER", "XJ-RES-HEAT", "XJ-BIZ-SINGLE", "XJ-BIZ-GREEN"] },
        },
        new()
        {
            Code = ServiceCodes.EnergyAudit, Team = ServiceCodes.DefaultTeam(ServiceCodes.EnergyAudit),
            Title = new("能效诊断", "Energy audit"),
            Description = new("能效专员上门或远程分析您的用电，给出节能建议。", "An energy adviser reviews your usage on site or remotely and suggests savings."),
        },
        new()
        {
            Code = ServiceCodes.DemandReview, Team = ServiceCodes.DefaultTeam(ServiceCodes.DemandReview),
            Title = new("需量申报复核", "Demand declaration review"),
            Description = new("根据您的最大需量，帮您核定合适的申报需量，避免超需量部分加倍收费。", "We check your maximum demand and help you declare the right contract demand, so excess demand is not charged at double price."),
            Eligibility = new() { CustomerTypes = [CustomerType.Business, CustomerType.LargeIndustrial], Packages = ["XJ-2P-DEM"], MinCapacityKva = 100m },
        },
        new()
        {
            Code = ServiceCodes.PowerFactorAdvice, Team = ServiceCodes.DefaultTeam(ServiceCodes.PowerFactorAdvice),
            Title = new("功率因数改善建议", "Power-factor advice"),
            Description = new("分析无功用电，建议无功补偿方案，减少功率因数调整电费。", "We analyse your reactive energy and suggest compensation, reducing the power-factor adjustment on your bill."),
            Eligibility = new() { CustomerTypes = [CustomerType.Business, CustomerType.LargeIndustrial], MinCapacityKva = 100m },
        },
        new()
        {
            Code = ServiceCodes.HeatingSeasonCheck, Team = ServiceCodes.DefaultTeam(ServiceCodes.HeatingSeasonCheck),
            Title = new("采暖季用电检查", "Heating-season check"),
            Description = new("采暖季前上门检查电采暖线路和设备，安全过冬。", "Before the heating season we check your electric-heating wiring and equipment for a safe winter."),
            Eligibility = new() { CustomerTypes = [CustomerType.Residential], Segments = [LoadArchetype.WinterHeater] },
        },
        new()
        {
            Code = ServiceCodes.AutoPay, Team = ServiceCodes.DefaultTeam(ServiceCodes.AutoPay),
            Title = new("开通自动缴费", "Set up auto-pay"),
            Description = new("电费按期自动扣缴，不再错过缴费日。", "Bills are paid automatically on time, so you never miss a due date."),
        },
        new()
        {
            Code = ServiceCodes.EStatements, Team = ServiceCodes.DefaultTeam(ServiceCodes.EStatements),
            Title = new("开通电子账单", "Go paperless with e-statements"),
            Description = new("每月电费账单发送到您的邮箱和网上营业厅，不再邮寄纸质账单。", "Your monthly statement arrives by email and in the portal instead of by post."),
        },
        new()
        {
            Code = ServiceCodes.SafetyInspection, Team = ServiceCodes.DefaultTeam(ServiceCodes.SafetyInspection),
            Title = new("预约安全用电检查", "Book a safety inspection"),
            Description = new("用电检查人员上门检查线路、设备和隐患整改情况。", "An inspector visits to check wiring, equipment and how hazards were fixed."),
        },
        new()
        {
            Code = ServiceCodes.PriorityConnection, Team = ServiceCodes.DefaultTeam(ServiceCodes.PriorityConnection),
            Title = new("业扩报装优先办理", "Priority connection"),
            Description = new("新装、增容业务优先受理、优先勘查，缩短接电时间。", "New connections and capacity increases are handled first, so you are connected sooner."),
            Eligibility = new() { CustomerTypes = [CustomerType.Business, CustomerType.LargeIndustrial], Tiers = [CreditTier.A] },
        },
    ]);
}
