using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Usage;
using Portal.Features.Usage;

namespace Portal.Tests.Features.Usage;

[Collection(PortalCollection.Name)]
public class UsageImportTests(UsageHost host) : IClassFixture<UsageHost>
{
    private UsageImportService Imports => host.Services.GetRequiredService<UsageImportService>();

    private async Task<(Guid Id, string Number)> AccountAsync(int index)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var a = await db.Accounts.OrderBy(x => x.AccountNumber).Skip(index).Select(x => new { x.Id, x.AccountNumber }).FirstAsync();
        return (a.Id, a.AccountNumber);
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string Day(string account, DateOnly date, Func<int, string> kwh) =>
        string.Concat(Enumerable.Range(0, 96).Select(i => $"{account},{date:yyyy-MM-dd} {i / 4:00}:{i % 4 * 15:00},{kwh(i)}\n"));

    [Fact]
    public async Task Every_bad_row_is_reported_with_its_line_and_reason_and_the_good_rows_are_kept()
    {
        var (id, number) = await AccountAsync(6);
        var date = Today.AddDays(-40);
        var csv = "account,timestamp,kwh\n"                                  // line 1: header
            + $"{number},{date:yyyy-MM-dd} 00:00,0.250\n"                    // 2 ok
            + $"999999999,{date:yyyy-MM-dd} 00:15,0.250\n"                   // 3 unknown account
            + $"{number},yesterday 00:15,0.250\n"                            // 4 bad timestamp
            + $"{number},{date:yyyy-MM-dd} 00:30,-0.1\n"                     // 5 negative
            + $"{number},{date:yyyy-MM-dd} 00:45,abc\n"                      // 6 non-numeric
            + $"{number},{date:yyyy-MM-dd} 00:00,0.300\n"                    // 7 duplicate of line 2
            + $"{number},{Today.AddDays(2):yyyy-MM-dd} 00:00,0.1\n"          // 8 in the future
            + $"{number},{date:yyyy-MM-dd} 01:10,0.1\n";                     // 9 misaligned

        var outcome = await Imports.ImportAsync(Csv(csv), "mixed.csv", "test", "tester");

        Assert.Equal(1, outcome.AcceptedRows);
        Assert.Equal(
            [(3, ImportRejectReason.UnknownAccount), (4, ImportRejectReason.BadTimestamp), (5, ImportRejectReason.NegativeValue), (6, ImportRejectReason.NonNumeric),
             (7, ImportRejectReason.Duplicate), (8, ImportRejectReason.OutOfRange), (9, ImportRejectReason.MisalignedTimestamp)],
            outcome.Rejected.Select(r => (r.LineNumber, r.Reason)).ToArray());
        Assert.Equal(1, outcome.DaysWritten);

        var stored = (await host.Services.GetRequiredService<ReadingStore>().ReadDaysAsync(id, date, date.AddDays(1))).Single();
        // One row on the hour reads as an hourly day: the day now holds that reading and 23 missing hours.
        Assert.Equal(0.25m, stored.TotalKwh);
        Assert.Equal(60, stored.IntervalMinutes);
        Assert.Equal(23, stored.MissingCount);

        var report = (await Imports.RejectsReportAsync(outcome.ImportId))!.Value;
        Assert.Equal("mixed.rejects.csv", report.FileName);
        Assert.Equal("line,reason,value", report.Csv.Split('\n')[0]);
        Assert.Contains("\n3,UnknownAccount,999999999\n", report.Csv);
        Assert.Contains("\n4,BadTimestamp,yesterday 00:15\n", report.Csv);
        Assert.Contains("\n5,NegativeValue,-0.1\n", report.Csv);
        Assert.Contains("\n6,NonNumeric,abc\n", report.Csv);
        Assert.Equal(8, report.Csv.TrimEnd('\n').Split('\n').Length);

        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Usage.Import" && a.Target == "mixed.csv" && a.Detail!.Contains("rejected=7")));
    }

    [Fact]
    public async Task Offending_values_in_the_rejects_report_are_quoted_and_cannot_run_as_spreadsheet_formulas()
    {
        var csv = "=HYPERLINK(\"x\"),2026-01-01 00:00,1\n\"a,\"\"b\",2026-01-01 00:00,1\n";

        var outcome = await Imports.ImportAsync(Csv(csv), "hostile.csv", "test", null);

        Assert.Equal(["=HYPERLINK(\"x\")", "a,\"b"], outcome.Rejected.Select(r => r.Value));
        var report = (await Imports.RejectsReportAsync(outcome.ImportId))!.Value.Csv;
        Assert.Equal("line,reason,value\n1,UnknownAccount,\"'=HYPERLINK(\"\"x\"\")\"\n2,UnknownAccount,\"a,\"\"b\"\n", report);
    }

    [Theory]
    [InlineData("meter_id,timestamp,kwh")]
    [InlineData("account,time,kwh")]
    [InlineData("account,timestamp,kwh,kw")]
    [InlineData("账号,时间,电量")]
    public async Task A_file_whose_first_line_is_another_header_is_refused_whole_and_nothing_is_written(string header)
    {
        var (id, number) = await AccountAsync(9);
        var date = Today.AddDays(-45);
        var csv = header + "\n" + Day(number, date, _ => "7.000");
        var store = host.Services.GetRequiredService<ReadingStore>();
        var before = (await store.ReadDaysAsync(id, date, date.AddDays(1))).Select(d => (d.TotalKwh, d.MissingCount)).ToArray();

        var outcome = await Imports.ImportAsync(Csv(csv), "other-layout.csv", "test", "tester");

        Assert.True(outcome.Refused);
        Assert.True(outcome.Failed);
        Assert.Equal(header, outcome.RefusedFirstLine);
        Assert.Equal(0, outcome.AcceptedRows);
        Assert.Empty(outcome.Rejected);
        var after = (await store.ReadDaysAsync(id, date, date.AddDays(1))).Select(d => (d.TotalKwh, d.MissingCount)).ToArray();
        Assert.Equal(before, after);
        Assert.DoesNotContain(after, d => d.TotalKwh == 672m);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Usage.Import" && a.Target == "other-layout.csv" && a.Outcome == "Refused"));
    }

    [Theory]
    [InlineData("account,timestamp,kwh")]
    [InlineData(" Account , TIMESTAMP , kWh ")]
    [InlineData("\uFEFFaccount,timestamp,kwh,kvarh,kw")]
    [InlineData(null)]
    public async Task The_expected_header_in_any_case_or_no_header_at_all_is_read(string? header)
    {
        var (_, number) = await AccountAsync(10);
        var date = Today.AddDays(-46 - (header?.Length ?? 0));
        var csv = (header is null ? "" : header + "\n") + Day(number, date, _ => "0.100");

        var outcome = await Imports.ImportAsync(Csv(csv), "ok.csv", "test", null);

        Assert.False(outcome.Failed);
        Assert.Equal(96, outcome.AcceptedRows);
        Assert.Empty(outcome.Rejected);
    }

    [Fact]
    public async Task Re_importing_the_same_file_changes_nothing()
    {
        var (id, number) = await AccountAsync(7);
        var date = Today.AddDays(-50);
        var csv = Day(number, date, i => (0.1 + i / 1000.0).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));

        var first = await Imports.ImportAsync(Csv(csv), "day.csv", "test", null);
        Assert.Equal(96, first.AcceptedRows);
        Assert.Equal(1, first.DaysWritten);
        DateTime importedAt;
        await using (var db = await host.Db.CreateDbContextAsync())
            importedAt = await db.AccountDays.Where(d => d.AccountId == id && d.Date == date).Select(d => d.ImportedAtUtc).SingleAsync();

        var second = await Imports.ImportAsync(Csv(csv), "day.csv", "test", null);
        Assert.Equal(0, second.DaysWritten);
        Assert.Equal(1, second.DaysUnchanged);
        await using (var db = await host.Db.CreateDbContextAsync())
            Assert.Equal(importedAt, await db.AccountDays.Where(d => d.AccountId == id && d.Date == date).Select(d => d.ImportedAtUtc).SingleAsync());
    }

    [Fact]
    public async Task Overlapping_data_replaces_the_whole_account_day()
    {
        var (id, number) = await AccountAsync(8);
        var date = Today.AddDays(-60);
        await Imports.ImportAsync(Csv(Day(number, date, _ => "0.5")), "a.csv", "test", null);
        // The second file has only the first hour of that day: the day is replaced, not merged.
        var outcome = await Imports.ImportAsync(Csv(string.Concat(Day(number, date, _ => "0.2").Split('\n').Take(4).Select(l => l + "\n"))), "b.csv", "test", null);

        Assert.Equal(4, outcome.AcceptedRows);
        var stored = (await host.Services.GetRequiredService<ReadingStore>().ReadDaysAsync(id, date, date.AddDays(1))).Single();
        Assert.Equal(0.8m, stored.TotalKwh);
        Assert.Equal(92, stored.MissingCount);
    }

    [Fact]
    public async Task A_file_of_only_bad_rows_writes_no_readings()
    {
        int days;
        await using (var db = await host.Db.CreateDbContextAsync())
            days = await db.AccountDays.CountAsync();

        var outcome = await Imports.ImportAsync(Csv("12345678,2026-01-01 00:00,1\nnot,a,row\n"), "bad.csv", "test", null);

        Assert.Equal(0, outcome.AcceptedRows);
        Assert.Equal(2, outcome.RejectedRows);
        Assert.Equal(0, outcome.DaysWritten);
        await using (var db = await host.Db.CreateDbContextAsync())
            Assert.Equal(days, await db.AccountDays.CountAsync());
    }

    [Fact]
    public async Task Hourly_rows_with_reactive_energy_and_demand_become_an_hourly_day()
    {
        var (id, number) = await AccountAsync(9);
        var date = Today.AddDays(-70);
        var csv = string.Concat(Enumerable.Range(0, 24).Select(h => $"{number},{date:yyyy-MM-dd}T{h:00}:00,2.0,1.0,2.5\n"));

        var outcome = await Imports.ImportAsync(Csv(csv), "hourly.csv", "test", null);

        Assert.Equal(24, outcome.AcceptedRows);
        var stored = (await host.Services.GetRequiredService<ReadingStore>().ReadDaysAsync(id, date, date.AddDays(1))).Single();
        Assert.Equal(60, stored.IntervalMinutes);
        Assert.Equal(48m, stored.TotalKwh);
        Assert.Equal(24m, stored.TotalKvarh);
        Assert.Equal(2.5m, stored.MaxDemandKw);
    }
}
