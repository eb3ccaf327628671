namespace Portal.Domain.Service;

// Placeholder for the lead's "Service requests: foundation" types until main is merged; removed at the merge.
public enum ServiceTeam { CustomerManager = 0, FieldService = 1, EnergyEfficiency = 2, Billing = 3, Safety = 4, Connections = 5 }

public static class ServiceCodes
{
    public const string TouSwitch = "tou-switch";
    public const string EnergyAudit = "energy-audit";
    public const string DemandReview = "demand-review";
    public const string PowerFactorAdvice = "power-factor";
    public const string HeatingSeasonCheck = "heating-check";
    public const string AutoPay = "auto-pay";
    public const string EStatements = "e-statements";
    public const string SafetyInspection = "safety-inspection";
    public const string PriorityConnection = "priority-connection";

    public static readonly IReadOnlyList<string> All =
        [TouSwitch, EnergyAudit, DemandReview, PowerFactorAdvice, HeatingSeasonCheck, AutoPay, EStatements, SafetyInspection, PriorityConnection];
}
