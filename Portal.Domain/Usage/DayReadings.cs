using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Portal.Domain.Common;

namespace Portal.Domain.Usage;

public enum ReadingQuality : byte
{
    Actual = 0,
    Estimated = 1,
    Missing = 2,
}

/// <summary>
/// One account's interval readings for one local calendar day (China Standard Time, no DST), packed.
/// Energy is held as whole watt-hours (int) so that kWh = Wh / 1000 is exact in <c>decimal</c> for billing,
/// and one day of 15-minute data packs into 384 bytes (see docs/adr/0002-interval-storage.md).
/// Interval <c>i</c> covers [Date + i·IntervalMinutes, Date + (i+1)·IntervalMinutes).
/// </summary>
public sealed class DayReadings
{
    public const int MissingValue = -1;

    private readonly int[] _wh;
    private readonly int[]? _varh;
    private readonly int[]? _demandW;
    private readonly ReadingQuality[] _quality;

    public DayReadings(DateOnly date, int intervalMinutes, int[] wattHours, ReadingQuality[]? quality = null,
        int[]? varh = null, int[]? demandWatts = null)
    {
        if (intervalMinutes is not (15 or 30 or 60))
            throw new DomainException("Usage.IntervalNotSupported", $"Interval of {intervalMinutes} minutes is not supported (15, 30 or 60).");
        var n = 1440 / intervalMinutes;
        if (wattHours.Length != n)
            throw new DomainException("Usage.IntervalCount", $"Expected {n} intervals, got {wattHours.Length}.");
        if (quality is not null && quality.Length != n)
            throw new DomainException("Usage.IntervalCount", $"Expected {n} quality flags, got {quality.Length}.");
        if (varh is not null && varh.Length != n)
            throw new DomainException("Usage.IntervalCount", $"Expected {n} kvarh values, got {varh.Length}.");
        if (demandWatts is not null && demandWatts.Length != n)
            throw new DomainException("Usage.IntervalCount", $"Expected {n} demand values, got {demandWatts.Length}.");
        foreach (var v in wattHours)
            if (v < MissingValue) throw new DomainException("Usage.NegativeReading", "Readings cannot be negative.");

        Date = date;
        IntervalMinutes = intervalMinutes;
        _wh = wattHours;
        _varh = varh;
        _demandW = demandWatts;
        _quality = quality ?? wattHours.Select(v => v == MissingValue ? ReadingQuality.Missing : ReadingQuality.Actual).ToArray();
        for (var i = 0; i < n; i++)
            if (_wh[i] == MissingValue) _quality[i] = ReadingQuality.Missing;
    }

    /// <summary>
    /// The same day at a finer interval (a meter exchanged from hourly to 15-minute within a billing period). Each
    /// coarse value is split evenly, the Wh left over going one each to the first parts, so every hour's energy is
    /// unchanged to the watt-hour; tariff periods start on whole hours, so time-of-use pricing is unchanged too.
    /// Demand is an average over its interval and is repeated. Missing stays missing.
    /// </summary>
    public DayReadings Refine(int intervalMinutes)
    {
        if (intervalMinutes == IntervalMinutes) return this;
        if (intervalMinutes > IntervalMinutes || IntervalMinutes % intervalMinutes != 0)
            throw new DomainException("Usage.IntervalNotSupported", $"Cannot refine {IntervalMinutes}-minute readings to {intervalMinutes} minutes.");
        var k = IntervalMinutes / intervalMinutes;
        var n = _wh.Length * k;
        var wh = new int[n];
        var quality = new ReadingQuality[n];
        var varh = _varh is null ? null : new int[n];
        var demand = _demandW is null ? null : new int[n];
        for (var i = 0; i < _wh.Length; i++)
            for (var j = 0; j < k; j++)
            {
                wh[i * k + j] = Split(_wh[i], k, j);
                quality[i * k + j] = _quality[i];
                if (varh is not null) varh[i * k + j] = Split(_varh![i], k, j);
                if (demand is not null) demand[i * k + j] = _demandW![i];
            }
        return new DayReadings(Date, intervalMinutes, wh, quality, varh, demand);

        static int Split(int value, int parts, int index) =>
            value == MissingValue ? MissingValue : value / parts + (index < value % parts ? 1 : 0);
    }

    public DateOnly Date { get; }
    public int IntervalMinutes { get; }
    public int IntervalsPerDay => _wh.Length;
    public bool HasReactive => _varh is not null;
    public bool HasDemand => _demandW is not null;

    public ReadOnlySpan<int> WattHours => _wh;
    public ReadOnlySpan<int> VarHours => _varh;
    public ReadOnlySpan<int> DemandWatts => _demandW;
    public ReadOnlySpan<ReadingQuality> Quality => _quality;

    public bool IsMissing(int interval) => _wh[interval] == MissingValue;

    /// <summary>kWh of one interval, or null where the reading is missing.</summary>
    public decimal? Kwh(int interval) => _wh[interval] == MissingValue ? null : _wh[interval] / 1000m;

    private decimal? _totalKwh;
    private int _missingCount = -1, _estimatedCount = -1;

    // The figures below are cached on first use: the page and the jobs ask for them many times per day. The arrays
    // handed to the constructor belong to the instance from then on (nothing in the portal changes them afterwards).

    /// <summary>Sum of the present intervals in kWh (missing ones count as nothing; see <see cref="MissingCount"/>).</summary>
    public decimal TotalKwh
    {
        get
        {
            if (_totalKwh is { } cached) return cached;
            long sum = 0;
            foreach (var v in _wh) if (v > 0) sum += v;
            return (_totalKwh = sum / 1000m).Value;
        }
    }

    public decimal TotalKvarh
    {
        get
        {
            if (_varh is null) return 0m;
            long sum = 0;
            foreach (var v in _varh) if (v > 0) sum += v;
            return sum / 1000m;
        }
    }

    /// <summary>Maximum demand in kW: the meter's demand register where present, else the interval's average power.</summary>
    public decimal MaxDemandKw
    {
        get
        {
            if (_demandW is not null)
                return _demandW.Max() / 1000m;
            var maxWh = _wh.Max();
            return maxWh <= 0 ? 0m : maxWh / 1000m * (60m / IntervalMinutes);
        }
    }

    public int MissingCount => _missingCount >= 0 ? _missingCount : _missingCount = Count(ReadingQuality.Missing);
    public int EstimatedCount => _estimatedCount >= 0 ? _estimatedCount : _estimatedCount = Count(ReadingQuality.Estimated);

    private int Count(ReadingQuality quality)
    {
        var n = 0;
        foreach (var q in _quality) if (q == quality) n++;
        return n;
    }

    public DateTime IntervalStart(int interval) => Date.ToDateTime(TimeOnly.MinValue).AddMinutes(interval * IntervalMinutes);

    // ---- packing (little-endian int32 arrays; quality as one byte per interval) ----

    public static byte[] Pack(ReadOnlySpan<int> values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    public static int[] Unpack(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 4 != 0) throw new DomainException("Usage.CorruptBlob", "Packed readings have a length that is not a multiple of 4.");
        if (BitConverter.IsLittleEndian) return MemoryMarshal.Cast<byte, int>(bytes).ToArray();   // the stored order: one copy
        var values = new int[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
        return values;
    }

    public byte[] PackQuality() => _quality.Select(q => (byte)q).ToArray();

    public static DayReadings FromPacked(DateOnly date, int intervalMinutes, byte[] wh, byte[] quality, byte[]? varh, byte[]? demand) =>
        new(date, intervalMinutes, Unpack(wh), MemoryMarshal.Cast<byte, ReadingQuality>(quality).ToArray(),
            varh is null ? null : Unpack(varh), demand is null ? null : Unpack(demand));
}

/// <summary>
/// A day's figures without its readings: what the forecast, the annual level and the seasonality need. The packed
/// account-day stores them alongside the readings (TotalWh, MissingCount), so the nightly refresh reads them without
/// unpacking two years of intervals.
/// </summary>
public readonly record struct DayTotal(DateOnly Date, int IntervalsPerDay, int MissingCount, decimal TotalKwh)
{
    /// <summary>True when at least one interval has a reading.</summary>
    public bool HasData => MissingCount < IntervalsPerDay;

    public static DayTotal Of(DayReadings day) => new(day.Date, day.IntervalsPerDay, day.MissingCount, day.TotalKwh);

    /// <summary>From the stored columns: <paramref name="totalWh"/> is the sum of the present intervals, as <see cref="DayReadings.TotalKwh"/> sums them.</summary>
    public static DayTotal FromStored(DateOnly date, int intervalMinutes, int missingCount, long totalWh) =>
        new(date, 1440 / intervalMinutes, missingCount, totalWh / 1000m);
}
