namespace Portal.Domain.Service;

/// <summary>
/// Stable codes of the built-in services (the service menu's default catalogue and the campaigns' offers refer to them).
/// Admins may add services with their own codes: lower-case letters, digits and hyphens, 2–40 characters.
/// </summary>
public static class ServiceCodes
{
    public const string TouSwitch = "tou-switch";                    // 峰谷分时套餐变更
    public const string EnergyAudit = "energy-audit";                // 能效诊断
    public const string DemandReview = "demand-review";              // 需量申报复核
    public const string PowerFactorAdvice = "power-factor";          // 功率因数改善建议
    public const string HeatingSeasonCheck = "heating-check";        // 采暖季用电检查
    public const string AutoPay = "auto-pay";                        // 自动代扣
    public const string EStatements = "e-statements";                // 电子账单
    public const string SafetyInspection = "safety-inspection";      // 安全用电检查预约
    public const string PriorityConnection = "priority-connection";  // 优先接电

    public static readonly IReadOnlyList<string> All =
        [TouSwitch, EnergyAudit, DemandReview, PowerFactorAdvice, HeatingSeasonCheck, AutoPay, EStatements, SafetyInspection, PriorityConnection];

    /// <summary>The team a built-in service goes to; an unknown code goes to the customer manager.</summary>
    public static ServiceTeam DefaultTeam(string code) => code switch
    {
        TouSwitch => ServiceTeam.CustomerManager,
        EnergyAudit or PowerFactorAdvice => ServiceTeam.EnergyEfficiency,
        DemandReview or AutoPay or EStatements => ServiceTeam.Billing,
        HeatingSeasonCheck or SafetyInspection => ServiceTeam.Safety,
        PriorityConnection => ServiceTeam.Connections,
        _ => ServiceTeam.CustomerManager,
    };

    public static bool IsWellFormed(string? code) =>
        code is { Length: >= 2 and <= 40 } && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && code[0] != '-' && code[^1] != '-';
}
