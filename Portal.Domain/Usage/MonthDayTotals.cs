using System.Buffers.Binary;

namespace Portal.Domain.Usage;

/// <summary>
/// The day totals of one calendar month packed into one value, kept by the monthly roll-up beside the month's profile
/// sums (<see cref="ProfileAccumulator.Pack"/>): the nightly refresh reads a month of totals as one row instead of a row
/// per day. Per day of the month 12 bytes, little-endian: total Wh (int64), interval minutes (int16, 0 = no row that
/// day) and missing intervals (int16).
/// </summary>
public static class MonthDayTotals
{
    public const int BytesPerDay = 12;

    public static byte[] Pack(DateOnly month, IEnumerable<DayTotal> days)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var packed = new byte[DateTime.DaysInMonth(month.Year, month.Month) * BytesPerDay];
        foreach (var d in days)
        {
            if (d.Date.Year != first.Year || d.Date.Month != first.Month)
                throw new Common.DomainException("Usage.DayOutsideMonth", $"{d.Date:yyyy-MM-dd} is not in {first:yyyy-MM}.");
            var at = packed.AsSpan((d.Date.Day - 1) * BytesPerDay, BytesPerDay);
            if (BinaryPrimitives.ReadInt16LittleEndian(at[8..]) != 0)
                throw new Common.DomainException("Usage.DuplicateDay", $"{d.Date:yyyy-MM-dd} is given twice.");
            BinaryPrimitives.WriteInt64LittleEndian(at, decimal.ToInt64(d.TotalKwh * 1000m));
            BinaryPrimitives.WriteInt16LittleEndian(at[8..], (short)(1440 / d.IntervalsPerDay));
            BinaryPrimitives.WriteInt16LittleEndian(at[10..], (short)d.MissingCount);
        }
        return packed;
    }

    /// <summary>Adds the month's days from <paramref name="from"/> to <paramref name="to"/> (inclusive) to <paramref name="into"/>, in date order.</summary>
    public static void Unpack(DateOnly month, ReadOnlySpan<byte> packed, DateOnly from, DateOnly to, List<DayTotal> into)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        if (packed.Length != DateTime.DaysInMonth(first.Year, first.Month) * BytesPerDay)
            throw new Common.DomainException("Usage.MonthTotalsLength", $"{packed.Length} bytes do not hold the days of {first:yyyy-MM}.");
        for (var day = 0; day * BytesPerDay < packed.Length; day++)
        {
            var at = packed.Slice(day * BytesPerDay, BytesPerDay);
            var minutes = BinaryPrimitives.ReadInt16LittleEndian(at[8..]);
            var date = first.AddDays(day);
            if (minutes == 0 || date < from || date > to) continue;
            into.Add(DayTotal.FromStored(date, minutes, BinaryPrimitives.ReadInt16LittleEndian(at[10..]), BinaryPrimitives.ReadInt64LittleEndian(at)));
        }
    }

    /// <summary>The month's last day with a row, or null when it has none.</summary>
    public static DateOnly? LastDay(DateOnly month, ReadOnlySpan<byte> packed)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        for (var day = packed.Length / BytesPerDay - 1; day >= 0; day--)
            if (BinaryPrimitives.ReadInt16LittleEndian(packed[(day * BytesPerDay + 8)..]) != 0) return first.AddDays(day);
        return null;
    }
}
