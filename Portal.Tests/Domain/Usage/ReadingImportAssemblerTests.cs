using Portal.Domain.Common;
using Portal.Domain.Usage;
using Xunit;

namespace Portal.Tests.Domain.Usage;

public class ReadingImportAssemblerTests
{
    private static readonly string[] Known = ["0100000001", "0100000002"];
    private static readonly ImportOptions Options = new(new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30),
        NotAfter: new DateTime(2025, 6, 30, 12, 0, 0), MaxKwhPerInterval: 50m);

    private static ImportResult Run(params RawReadingRow[] rows) => ReadingImportAssembler.Assemble(rows, Known, Options);

    private static RawReadingRow Row(int line, string ts, string kwh, string account = "0100000001", string? kvarh = null, string? kw = null) =>
        new(line, account, ts, kwh, kvarh, kw);

    private static IEnumerable<RawReadingRow> FullDay(string date, int intervalMinutes, string kwh, int firstLine = 2)
    {
        var line = firstLine;
        for (var m = 0; m < 1440; m += intervalMinutes)
            yield return Row(line++, $"{date} {m / 60:00}:{m % 60:00}", kwh);
    }

    [Fact]
    public void A_full_day_of_15_minute_rows_becomes_one_complete_day()
    {
        var result = Run(FullDay("2025-03-01", 15, "0.25").ToArray());

        var day = Assert.Single(result.Days);
        Assert.Equal(new DateOnly(2025, 3, 1), day.Readings.Date);
        Assert.Equal(15, day.Readings.IntervalMinutes);
        Assert.Equal(24m, day.Readings.TotalKwh);
        Assert.Equal(0, day.Readings.MissingCount);
        Assert.Equal(96, result.AcceptedRowCount);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Hourly_rows_are_detected_as_an_hourly_day()
    {
        var day = Assert.Single(Run(FullDay("2025-03-01", 60, "1.5").ToArray()).Days).Readings;
        Assert.Equal(60, day.IntervalMinutes);
        Assert.Equal(24, day.IntervalsPerDay);
        Assert.Equal(36m, day.TotalKwh);
    }

    [Fact]
    public void Half_hourly_rows_are_detected_as_a_30_minute_day()
    {
        var day = Assert.Single(Run(FullDay("2025-03-01", 30, "0.5").ToArray()).Days).Readings;
        Assert.Equal(30, day.IntervalMinutes);
    }

    [Fact]
    public void Interval_length_is_detected_per_account_day()
    {
        var rows = FullDay("2025-03-01", 60, "1").Concat(FullDay("2025-03-02", 15, "0.25", 100)).ToArray();
        var days = Run(rows).Days;
        Assert.Equal([60, 15], days.Select(d => d.Readings.IntervalMinutes));
    }

    [Fact]
    public void Intervals_without_a_row_are_missing()
    {
        var rows = FullDay("2025-03-01", 15, "0.1").Where(r => r.LineNumber is not (10 or 11)).ToArray();
        var day = Assert.Single(Run(rows).Days).Readings;
        Assert.Equal(2, day.MissingCount);
        Assert.True(day.IsMissing(8));
        Assert.Equal(ReadingQuality.Missing, day.Quality[9]);
        Assert.Equal(ReadingQuality.Actual, day.Quality[10]);
    }

    [Fact]
    public void A_day_with_a_single_15_minute_row_is_a_15_minute_day_with_the_rest_missing()
    {
        var day = Assert.Single(Run(Row(2, "2025-03-01 10:45", "0.3")).Days).Readings;
        Assert.Equal(15, day.IntervalMinutes);
        Assert.Equal(95, day.MissingCount);
        Assert.Equal(0.3m, day.Kwh(43));
    }

    [Theory]
    [InlineData("2025-03-01 10:15")]
    [InlineData("2025-03-01T10:15")]
    [InlineData("2025-03-01 10:15:00")]
    [InlineData("2025-03-01T10:15:00.000")]
    [InlineData("2025-03-01T02:15:00Z")]
    [InlineData("2025-03-01T10:15:00+08:00")]
    public void Accepts_iso_local_timestamps_and_converts_offsets_to_china_time(string ts)
    {
        var day = Assert.Single(Run(Row(2, ts, "1")).Days).Readings;
        Assert.Equal(new DateOnly(2025, 3, 1), day.Date);
        Assert.Equal(1m, day.Kwh(41));
    }

    [Fact]
    public void An_utc_timestamp_late_in_the_evening_belongs_to_the_next_local_day()
    {
        var day = Assert.Single(Run(Row(2, "2025-03-01T16:00:00Z", "1")).Days).Readings;
        Assert.Equal(new DateOnly(2025, 3, 2), day.Date);
        Assert.Equal(1m, day.Kwh(0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025/03/01 10:00")]
    [InlineData("01-03-2025 10:00")]
    [InlineData("2025-02-30 10:00")]
    [InlineData("2025-03-01 24:00")]
    [InlineData("2025-03-01 10:60")]
    [InlineData("2025-03-01")]
    [InlineData("2025-03-01 10:00 extra")]
    [InlineData("2025-03-01 10:00:00+8")]
    public void Unreadable_timestamps_are_rejected_as_bad(string ts) =>
        Assert.Equal(ImportRejectReason.BadTimestamp, Assert.Single(Run(Row(7, ts, "1")).Rejected).Reason);

    [Theory]
    [InlineData("2025-03-01 10:05")]
    [InlineData("2025-03-01 10:14")]
    [InlineData("2025-03-01 10:15:30")]
    [InlineData("2025-03-01 10:15:00.5")]
    public void Timestamps_off_the_15_minute_grid_are_misaligned(string ts) =>
        Assert.Equal(ImportRejectReason.MisalignedTimestamp, Assert.Single(Run(Row(7, ts, "1")).Rejected).Reason);

    [Fact]
    public void Unknown_accounts_are_rejected_with_their_line_number()
    {
        var rejected = Assert.Single(Run(Row(42, "2025-03-01 10:00", "1", account: "9999")).Rejected);
        Assert.Equal(new RejectedRow(42, ImportRejectReason.UnknownAccount, "9999"), rejected);
        Assert.Equal("Import.UnknownAccount", rejected.Code);
    }

    [Fact]
    public void Account_numbers_are_trimmed_and_matched_exactly()
    {
        var result = Run(Row(2, "2025-03-01 10:00", "1", account: " 0100000002 "), Row(3, "2025-03-01 10:00", "1", account: "100000002"));
        Assert.Equal("0100000002", Assert.Single(result.Days).AccountNumber);
        Assert.Equal(ImportRejectReason.UnknownAccount, Assert.Single(result.Rejected).Reason);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1,5")]
    [InlineData(".")]
    [InlineData("NaN")]
    [InlineData("1.2.3")]
    public void Non_numeric_energy_is_rejected(string kwh) =>
        Assert.Equal(ImportRejectReason.NonNumeric, Assert.Single(Run(Row(2, "2025-03-01 10:00", kwh)).Rejected).Reason);

    [Fact]
    public void Negative_energy_is_rejected_but_negative_zero_is_zero()
    {
        var result = Run(Row(2, "2025-03-01 10:00", "-0.001"), Row(3, "2025-03-01 10:15", "-0.000"));
        Assert.Equal(new RejectedRow(2, ImportRejectReason.NegativeValue, "-0.001"), Assert.Single(result.Rejected));
        Assert.Equal(0m, Assert.Single(result.Days).Readings.Kwh(41));
    }

    [Fact]
    public void Non_numeric_or_negative_kvarh_and_kw_reject_the_row()
    {
        var result = Run(Row(2, "2025-03-01 10:00", "1", kvarh: "x"), Row(3, "2025-03-01 10:15", "1", kw: "-2"));
        Assert.Equal([ImportRejectReason.NonNumeric, ImportRejectReason.NegativeValue], result.Rejected.Select(r => r.Reason));
        Assert.Equal(["x", "-2"], result.Rejected.Select(r => r.Value));
    }

    [Theory]
    [InlineData("0.2406", 241)]
    [InlineData("0.2405", 241)]
    [InlineData("0.24049", 240)]
    [InlineData("12", 12000)]
    [InlineData("+1.5", 1500)]
    [InlineData(" 0.5 ", 500)]
    [InlineData(".25", 250)]
    [InlineData("1.5E-1", 150)]
    public void Kwh_text_is_converted_to_whole_watt_hours_rounding_half_up(string kwh, int wh)
    {
        var day = Assert.Single(Run(Row(2, "2025-03-01 00:00", kwh)).Days).Readings;
        Assert.Equal(wh, day.WattHours[0]);
    }

    [Fact]
    public void The_second_row_for_the_same_account_and_timestamp_is_a_duplicate_even_when_identical()
    {
        var result = Run(Row(2, "2025-03-01 10:00", "1"), Row(3, "2025-03-01T10:00:00", "1"), Row(4, "2025-03-01 10:00", "2"));
        Assert.Equal([3, 4], result.Rejected.Select(r => r.LineNumber));
        Assert.All(result.Rejected, r => Assert.Equal(ImportRejectReason.Duplicate, r.Reason));
        Assert.Equal(1m, Assert.Single(result.Days).Readings.Kwh(10)); // a lone :00 row makes an hourly day
    }

    [Fact]
    public void The_same_timestamp_for_two_accounts_is_not_a_duplicate()
    {
        var result = Run(Row(2, "2025-03-01 10:00", "1"), Row(3, "2025-03-01 10:00", "1", account: "0100000002"), Row(4, "2025-03-01 10:15", "1"));
        Assert.Empty(result.Rejected);
        Assert.Equal(2, result.Days.Count);
        Assert.Equal(2, result.Days[0].Readings.IntervalsPerDay - result.Days[0].Readings.MissingCount);
    }

    [Fact]
    public void An_invalid_row_does_not_take_the_slot_of_a_later_valid_row()
    {
        var result = Run(Row(2, "2025-03-01 10:00", "-1"), Row(3, "2025-03-01 10:00", "1"));
        Assert.Equal(ImportRejectReason.NegativeValue, Assert.Single(result.Rejected).Reason);
        Assert.Equal(1m, Assert.Single(result.Days).Readings.Kwh(10));
    }

    [Theory]
    [InlineData("2024-12-31 23:45", true)]
    [InlineData("2025-01-01 00:00", false)]
    [InlineData("2025-06-30 12:00", false)]
    [InlineData("2025-06-30 12:15", true)]
    [InlineData("2025-07-01 00:00", true)]
    public void Dates_outside_the_allowed_range_or_in_the_future_are_out_of_range(string ts, bool rejected)
    {
        var result = Run(Row(2, ts, "1"));
        Assert.Equal(rejected, result.Rejected.Any(r => r.Reason == ImportRejectReason.OutOfRange));
        Assert.Equal(rejected ? 0 : 1, result.Days.Count);
    }

    [Theory]
    [InlineData("50", false)]
    [InlineData("50.0004", false)]
    [InlineData("50.001", true)]
    [InlineData("1e9", true)]
    [InlineData("999999999999", true)]
    public void Values_above_the_plausible_maximum_per_interval_are_out_of_range(string kwh, bool rejected) =>
        Assert.Equal(rejected, Run(Row(2, "2025-03-01 10:00", kwh)).Rejected.Any(r => r.Reason == ImportRejectReason.OutOfRange));

    [Fact]
    public void Kvarh_and_demand_are_packed_alongside_energy()
    {
        var rows = FullDay("2025-03-01", 60, "2").Select(r => r with { Kvarh = "1", Kw = "2.5" }).ToArray();
        var day = Assert.Single(Run(rows).Days).Readings;
        Assert.True(day.HasReactive);
        Assert.True(day.HasDemand);
        Assert.Equal(24m, day.TotalKvarh);
        Assert.Equal(2.5m, day.MaxDemandKw);
    }

    [Fact]
    public void Days_come_out_ordered_by_account_then_date_whatever_the_file_order()
    {
        var result = Run(Row(2, "2025-03-02 00:00", "1", account: "0100000002"), Row(3, "2025-03-02 00:00", "1"), Row(4, "2025-03-01 00:00", "1"));
        Assert.Equal(["0100000001/2025-03-01", "0100000001/2025-03-02", "0100000002/2025-03-02"],
            result.Days.Select(d => $"{d.AccountNumber}/{d.Readings.Date:yyyy-MM-dd}"));
    }

    [Fact]
    public void Rejected_counts_are_reported_per_reason()
    {
        var result = Run(Row(2, "x", "1"), Row(3, "y", "1"), Row(4, "2025-03-01 00:00", "a"));
        Assert.Equal(2, result.RejectedCount(ImportRejectReason.BadTimestamp));
        Assert.Equal(1, result.RejectedCount(ImportRejectReason.NonNumeric));
        Assert.Equal(0, result.AcceptedRowCount);
    }

    [Fact]
    public void An_inverted_range_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => new ReadingImportAssembler(Known, new ImportOptions(new DateOnly(2025, 2, 1), new DateOnly(2025, 1, 1))));
        Assert.Equal("Import.RangeInverted", ex.Code);
    }

    [Fact]
    public void Span_rows_allocate_almost_nothing_per_accepted_row()
    {
        // Throughput target is 1M rows/s end to end; allocation per row is the deterministic proxy we can assert.
        var assembler = new ReadingImportAssembler(Known, new ImportOptions(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
        var ts = "2025-01-01 00:00".ToCharArray();
        long Feed(char month)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            ts[5] = '0'; ts[6] = month;
            for (var d = 1; d <= 28; d++)
                for (var m = 0; m < 1440; m += 15)
                {
                    ts[8] = (char)('0' + d / 10); ts[9] = (char)('0' + d % 10);
                    ts[11] = (char)('0' + m / 600); ts[12] = (char)('0' + m / 60 % 10);
                    ts[14] = (char)('0' + m % 60 / 10); ts[15] = (char)('0' + m % 10);
                    assembler.Add(1, "0100000001", ts, "0.123");
                }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Feed('1'); // warm-up: JIT and dictionary growth
        var perRow = Feed('2') / (28.0 * 96);

        // The day buffer (96 ints) is the only steady-state allocation: about 4-5 bytes per 15-minute row.
        Assert.True(perRow < 12, $"allocated {perRow:0.0} bytes per row");
        Assert.Equal(56, assembler.Build().Days.Count);
    }
}
