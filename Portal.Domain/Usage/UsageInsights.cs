using System.Buffers.Binary;
using Portal.Domain.Tariffs;

namespace Portal.Domain.Usage;

// kWh totals that feed bills and exports are decimal (exact from whole Wh); shares, ratios, profiles and kW
// averages are double because they are statistics shown rounded, never billed.

public sealed record TouShare(TouPeriod Period, decimal Kwh, double Share);

public sealed record DailyTotal(DateOnly Date, decimal Kwh, int MissingIntervals, int EstimatedIntervals);

public sealed record MonthlyTotal(int Year, int Month, decimal Kwh, int DaysWithData, int MissingIntervals);

/// <summary>Average kW per hour of the day (index 0 = 00:00–01:00), over weekdays and over weekend days.</summary>
public sealed record DailyProfiles(IReadOnlyList<double> WeekdayKw, IReadOnlyList<double> WeekendKw, int WeekdayCount, int WeekendCount);

public sealed record LoadPoint(TimeOnly Start, decimal? Kwh, double? AverageKw, ReadingQuality Quality);

/// <summary>Ratios of average daily kWh in winter (Dec–Feb) and summer (Jun–Aug) to the shoulder months; null without data.</summary>
public sealed record Seasonality(double? WinterToShoulder, double? SummerToShoulder);

/// <summary>
/// Average daily kWh in a period and in the same dates a year earlier. Daily averages over the days with data
/// keep a gap in either year from looking like a saving. <see cref="ChangeShare"/> is +0.12 for 12 % more.
/// </summary>
public sealed record YearOnYearChange(decimal AverageDailyKwh, decimal? LastYearAverageDailyKwh, double? ChangeShare, int DaysWithData, int LastYearDaysWithData);

/// <summary>How fresh and complete the data is; <see cref="DaysBehind"/> counts from the latest reading's date to today.</summary>
public sealed record DataFreshness(DateTime? LatestReadingStart, int? DaysBehind, double EstimatedShare, double MissingShare);

/// <summary>
/// Usage figures for the insights page. Pure functions of the day readings passed in (any order, one account,
/// any mix of 15/30/60-minute days). Missing intervals are left out of sums; shares say how much is missing.
/// </summary>
public static class UsageInsights
{
    /// <summary>Start of the night window used for base load (inclusive).</summary>
    public static readonly TimeOnly NightStart = new(0, 0);
    /// <summary>End of the night window used for base load (exclusive).</summary>
    public static readonly TimeOnly NightEnd = new(5, 0);
    public const double BaseLoadLowestShare = 0.10;
    public static readonly TimeOnly EveningStart = new(17, 0);
    public static readonly TimeOnly EveningEnd = new(22, 0);

    public static IReadOnlyList<TouShare> TouShares(IEnumerable<DayReadings> days, Func<DateOnly, int, TouPeriod> classify)
    {
        var wh = new long[Enum.GetValues<TouPeriod>().Length];
        foreach (var d in days)
            for (var i = 0; i < d.IntervalsPerDay; i++)
            {
                var v = d.WattHours[i];
                if (v > 0) wh[(int)classify(d.Date, i * d.IntervalMinutes)] += v;
            }
        var total = wh.Sum();
        return Enum.GetValues<TouPeriod>()
            .Where(p => wh[(int)p] > 0)
            .Select(p => new TouShare(p, wh[(int)p] / 1000m, total == 0 ? 0 : wh[(int)p] / (double)total))
            .ToArray();
    }

    /// <summary>
    /// Always-on base load in kW: the mean of the lowest 10 % (at least one) of the night-time (00:00–05:00)
    /// interval average powers. Night avoids counting a daytime absence as base load; the lowest tenth rather
    /// than the minimum keeps one odd zero reading from setting it. Null without night readings.
    /// </summary>
    public static double? BaseLoadKw(IEnumerable<DayReadings> days)
    {
        var powers = new List<double>();
        foreach (var d in days)
        {
            var from = NightStart.Hour * 60 / d.IntervalMinutes;
            var to = NightEnd.Hour * 60 / d.IntervalMinutes;
            for (var i = from; i < to; i++)
                if (d.WattHours[i] >= 0) powers.Add(d.WattHours[i] / 1000.0 * 60 / d.IntervalMinutes);
        }
        if (powers.Count == 0) return null;
        powers.Sort();
        var take = Math.Max(1, (int)Math.Floor(powers.Count * BaseLoadLowestShare));
        return powers.Take(take).Average();
    }

    /// <summary>Share of the kWh used 17:00–22:00 (interval start in the window). Null when nothing was used.</summary>
    public static double? EveningPeakShare(IEnumerable<DayReadings> days)
    {
        long evening = 0, total = 0;
        foreach (var d in days)
            for (var i = 0; i < d.IntervalsPerDay; i++)
            {
                var v = d.WattHours[i];
                if (v <= 0) continue;
                total += v;
                var minute = i * d.IntervalMinutes;
                if (minute >= EveningStart.Hour * 60 && minute < EveningEnd.Hour * 60) evening += v;
            }
        return total == 0 ? null : evening / (double)total;
    }

    public static bool IsWinter(int month) => month is 12 or 1 or 2;
    public static bool IsSummer(int month) => month is 6 or 7 or 8;

    /// <summary>
    /// Average daily kWh of winter and summer days over shoulder days (Mar–May, Sep–Nov). Only days with no missing
    /// intervals count, so a half-empty day does not drag a season down.
    /// </summary>
    public static Seasonality Seasonality(IEnumerable<DayReadings> days) => Seasonality(days.Select(DayTotal.Of));

    /// <summary>The same figures from day totals alone (the nightly refresh reads no readings for them).</summary>
    public static Seasonality Seasonality(IEnumerable<DayTotal> days)
    {
        double winter = 0, summer = 0, shoulder = 0;
        int nw = 0, ns = 0, nh = 0;
        foreach (var d in days)
        {
            if (d.MissingCount > 0) continue;
            var kwh = (double)d.TotalKwh;
            if (IsWinter(d.Date.Month)) { winter += kwh; nw++; }
            else if (IsSummer(d.Date.Month)) { summer += kwh; ns++; }
            else { shoulder += kwh; nh++; }
        }
        if (nh == 0 || shoulder <= 0) return new Seasonality(null, null);
        var shoulderAvg = shoulder / nh;
        return new Seasonality(nw == 0 ? null : winter / nw / shoulderAvg, ns == 0 ? null : summer / ns / shoulderAvg);
    }

    /// <summary>Compares [from, to] with the same dates one year earlier (29 Feb maps to 28 Feb).</summary>
    public static YearOnYearChange ChangeAgainstLastYear(IEnumerable<DayReadings> days, DateOnly from, DateOnly to)
    {
        if (to < from) throw new Common.DomainException("Usage.PeriodInverted", "The period ends before it starts.");
        var lyFrom = from.AddYears(-1);
        var lyTo = to.AddYears(-1);
        decimal now = 0, before = 0;
        int nNow = 0, nBefore = 0;
        foreach (var d in days)
        {
            if (d.MissingCount == d.IntervalsPerDay) continue;
            if (d.Date >= from && d.Date <= to) { now += d.TotalKwh; nNow++; }
            else if (d.Date >= lyFrom && d.Date <= lyTo) { before += d.TotalKwh; nBefore++; }
        }
        var avgNow = nNow == 0 ? 0m : now / nNow;
        decimal? avgBefore = nBefore == 0 ? null : before / nBefore;
        double? change = avgBefore is > 0 ? (double)(avgNow / avgBefore.Value) - 1 : null;
        return new YearOnYearChange(Math.Round(avgNow, 3), avgBefore is null ? null : Math.Round(avgBefore.Value, 3), change, nNow, nBefore);
    }

    public static IReadOnlyList<DailyTotal> Daily(IEnumerable<DayReadings> days) =>
        days.OrderBy(d => d.Date).Select(d => new DailyTotal(d.Date, d.TotalKwh, d.MissingCount, d.EstimatedCount)).ToArray();

    public static IReadOnlyList<MonthlyTotal> Monthly(IEnumerable<DayReadings> days) =>
        days.GroupBy(d => (d.Date.Year, d.Date.Month))
            .OrderBy(g => g.Key)
            .Select(g => new MonthlyTotal(g.Key.Year, g.Key.Month, g.Sum(d => d.TotalKwh),
                g.Count(d => d.MissingCount < d.IntervalsPerDay), g.Sum(d => d.MissingCount)))
            .ToArray();

    /// <summary>Average kW for each hour of the day, weekdays vs Saturday/Sunday. Missing intervals are skipped, not zeroed.</summary>
    public static DailyProfiles AverageProfiles(IEnumerable<DayReadings> days)
    {
        var profiles = new ProfileAccumulator();
        foreach (var d in days) profiles.Add(d.Date, d.IntervalMinutes, d.WattHours);
        return profiles.ToProfiles();
    }

    public static IReadOnlyList<LoadPoint> LoadCurve(DayReadings day)
    {
        var points = new LoadPoint[day.IntervalsPerDay];
        for (var i = 0; i < points.Length; i++)
        {
            var kwh = day.Kwh(i);
            points[i] = new LoadPoint(TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(i * day.IntervalMinutes)), kwh,
                kwh is null ? null : (double)kwh.Value * 60 / day.IntervalMinutes, day.Quality[i]);
        }
        return points;
    }

    public static DataFreshness Freshness(IEnumerable<DayReadings> days, DateOnly today)
    {
        DateTime? latest = null;
        long intervals = 0, estimated = 0, missing = 0;
        foreach (var d in days)
        {
            intervals += d.IntervalsPerDay;
            estimated += d.EstimatedCount;
            missing += d.MissingCount;
            for (var i = d.IntervalsPerDay - 1; i >= 0; i--)
            {
                if (d.IsMissing(i)) continue;
                var start = d.IntervalStart(i);
                if (latest is null || start > latest) latest = start;
                break;
            }
        }
        return new DataFreshness(latest, latest is null ? null : today.DayNumber - DateOnly.FromDateTime(latest.Value).DayNumber,
            intervals == 0 ? 0 : estimated / (double)intervals, intervals == 0 ? 0 : missing / (double)intervals);
    }
}

/// <summary>
/// The running sums behind <see cref="UsageInsights.AverageProfiles"/>, fed one day at a time: from readings, or straight
/// from a packed day (<see cref="DayReadings.Pack"/>) without unpacking it, or from the packed sums of a whole month
/// (<see cref="Pack"/>, kept by the monthly roll-up so the nightly refresh's load shape need not read two years of days).
/// Each interval adds its average power in whole watts (Wh × 60 / minutes, exact for 15-, 30- and 60-minute intervals),
/// so the sums are integers: the same in any order and however they are split into months.
/// </summary>
public sealed class ProfileAccumulator
{
    private const int Slots = 48;
    /// <summary>Bytes of <see cref="Pack"/>: 48 watt sums (int64), 48 counts (int32), weekdays and weekend days (int32).</summary>
    public const int PackedLength = Slots * 8 + Slots * 4 + 8;
    private readonly long[] _watts = new long[Slots];
    private readonly int[] _counts = new int[Slots];
    private int _weekdays, _weekends;

    public void Add(DateOnly date, int intervalMinutes, ReadOnlySpan<int> wattHours)
    {
        var row = StartDay(date);
        for (var i = 0; i < wattHours.Length; i++) AddInterval(row, i, intervalMinutes, wattHours[i]);
    }

    /// <summary>Adds a packed day (little-endian int32 Wh per interval); checked like <see cref="DayReadings"/> checks it.</summary>
    public void AddPacked(DateOnly date, int intervalMinutes, ReadOnlySpan<byte> packedWattHours)
    {
        if (intervalMinutes is not (15 or 30 or 60))
            throw new Common.DomainException("Usage.IntervalNotSupported", $"Interval of {intervalMinutes} minutes is not supported (15, 30 or 60).");
        var n = 1440 / intervalMinutes;
        if (packedWattHours.Length != n * 4)
            throw new Common.DomainException("Usage.IntervalCount", $"Expected {n} intervals, got {packedWattHours.Length / 4.0}.");
        var row = StartDay(date);
        for (var i = 0; i < n; i++)
        {
            var v = BinaryPrimitives.ReadInt32LittleEndian(packedWattHours[(i * 4)..]);
            if (v < DayReadings.MissingValue) throw new Common.DomainException("Usage.NegativeReading", "Readings cannot be negative.");
            AddInterval(row, i, intervalMinutes, v);
        }
    }

    /// <summary>Adds the sums of another accumulator packed by <see cref="Pack"/> (a month of days).</summary>
    public void AddPackedSums(ReadOnlySpan<byte> packed)
    {
        if (packed.Length != PackedLength)
            throw new Common.DomainException("Usage.ProfileSumsLength", $"Expected {PackedLength} bytes of profile sums, got {packed.Length}.");
        for (var i = 0; i < Slots; i++)
        {
            _watts[i] += BinaryPrimitives.ReadInt64LittleEndian(packed[(i * 8)..]);
            _counts[i] += BinaryPrimitives.ReadInt32LittleEndian(packed[(Slots * 8 + i * 4)..]);
        }
        _weekdays += BinaryPrimitives.ReadInt32LittleEndian(packed[(Slots * 12)..]);
        _weekends += BinaryPrimitives.ReadInt32LittleEndian(packed[(Slots * 12 + 4)..]);
    }

    /// <summary>The sums as bytes (little-endian), for <see cref="AddPackedSums"/>.</summary>
    public byte[] Pack()
    {
        var packed = new byte[PackedLength];
        for (var i = 0; i < Slots; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(packed.AsSpan(i * 8), _watts[i]);
            BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(Slots * 8 + i * 4), _counts[i]);
        }
        BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(Slots * 12), _weekdays);
        BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(Slots * 12 + 4), _weekends);
        return packed;
    }

    private int StartDay(DateOnly date)
    {
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (weekend) _weekends++; else _weekdays++;
        return weekend ? 24 : 0;
    }

    private void AddInterval(int row, int interval, int intervalMinutes, int wh)
    {
        if (wh < 0) return;
        var hour = interval * intervalMinutes / 60;
        // Average power = energy / duration: a 15-minute interval's Wh × 4 is its average W.
        _watts[row + hour] += (long)wh * 60 / intervalMinutes;
        _counts[row + hour]++;
    }

    public DailyProfiles ToProfiles()
    {
        double[] Row(int row) => Enumerable.Range(0, 24).Select(h => _counts[row + h] == 0 ? 0 : _watts[row + h] / 1000.0 / _counts[row + h]).ToArray();
        return new DailyProfiles(Row(0), Row(24), _weekdays, _weekends);
    }
}

