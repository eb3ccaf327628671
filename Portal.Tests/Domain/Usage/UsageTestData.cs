using Portal.Domain.Tariffs;
using Portal.Domain.Usage;

namespace Portal.Tests.Domain.Usage;

/// <summary>Builds synthetic day readings for usage tests.</summary>
internal static class UsageTestData
{
    /// <summary>A day whose interval i holds <paramref name="wh"/>(minute of day) watt-hours.</summary>
    public static DayReadings Day(DateOnly date, int intervalMinutes, Func<int, int> wh, ReadingQuality[]? quality = null)
    {
        var n = 1440 / intervalMinutes;
        return new DayReadings(date, intervalMinutes, Enumerable.Range(0, n).Select(i => wh(i * intervalMinutes)).ToArray(), quality);
    }

    public static DayReadings Flat(DateOnly date, int whPerInterval, int intervalMinutes = 15) => Day(date, intervalMinutes, _ => whPerInterval);

    /// <summary>Consecutive days from <paramref name="first"/>, each built by <paramref name="day"/>.</summary>
    public static IReadOnlyList<DayReadings> Days(DateOnly first, int count, Func<DateOnly, DayReadings> day) =>
        Enumerable.Range(0, count).Select(i => day(first.AddDays(i))).ToArray();

    /// <summary>Simple business-like schedule: valley 00–08, peak 08–12 and 18–22, flat otherwise.</summary>
    public static TouPeriod Tou(DateOnly _, int minute) => (minute / 60) switch
    {
        < 8 => TouPeriod.Valley,
        < 12 => TouPeriod.Peak,
        >= 18 and < 22 => TouPeriod.Peak,
        _ => TouPeriod.Flat,
    };
}
