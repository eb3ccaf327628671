namespace Portal.Domain.Service;

/// <summary>A completed marketing-service job for a customer (营销服务活动).</summary>
public enum ServiceActivityType
{
    Repair = 0,            // 抢修
    MeterReplacement = 1,  // 换表
    NewConnection = 2,     // 业扩报装 (new connection / capacity change)
    SafetyInspection = 3,  // 用电检查
    HallVisit = 4,         // 营业厅
    ManagerVisit = 5,      // 客户经理走访
}
