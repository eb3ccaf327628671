namespace Portal.Domain.Service;

/// <summary>A marketing-service job for a customer (营销服务活动). Values are stored: append, never renumber.</summary>
public enum ServiceActivityType
{
    Repair = 0,            // 抢修
    MeterReplacement = 1,  // 换表
    NewConnection = 2,     // 业扩报装 (new connection / capacity change)
    SafetyInspection = 3,  // 用电检查
    HallVisit = 4,         // 营业厅
    ManagerVisit = 5,      // 客户经理走访
    EnergyAudit = 6,       // 能效诊断
    InspectionBooking = 7, // 预约用电检查
}

/// <summary>How a field job ended. Only a completed job invites the customer to rate it.</summary>
public enum ActivityOutcome
{
    Completed = 0,
    /// <summary>The crew could not do the job (no access, parts missing…); the reason is recorded.</summary>
    CouldNotComplete = 1,
    /// <summary>Done for now, another visit is needed.</summary>
    FollowUpNeeded = 2,
}
