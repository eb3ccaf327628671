namespace Portal.Domain.Tariffs;

/// <summary>Time-of-use periods (分时). Not every schedule uses all of them.</summary>
public enum TouPeriod
{
    CriticalPeak = 0, // 尖峰
    Peak = 1,         // 峰
    Flat = 2,         // 平
    Valley = 3,       // 谷
    DeepValley = 4,   // 深谷
}
