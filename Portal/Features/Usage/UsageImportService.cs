using System.Globalization;
using System.Text;
using CsvHelper;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Usage;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Usage;

/// <param name="ImportId">Id of the stored import (its rejects report is downloadable by it); 0 for a refused file.</param>
/// <param name="RefusedFirstLine">Set when the file was refused whole because its first line is neither the expected
/// header nor a data row (<see cref="ReadingCsvHeader"/>): that line as read, shortened. Nothing was written.</param>
public sealed record ImportOutcome(long ImportId, int AcceptedRows, int DaysWritten, int DaysUnchanged, IReadOnlyList<RejectedRow> Rejected, string? RefusedFirstLine = null)
{
    public int RejectedRows => Rejected.Count;

    public bool Refused => RefusedFirstLine is not null;

    /// <summary>Nothing usable in the file: refused, or every row rejected.</summary>
    public bool Failed => Refused || (AcceptedRows == 0 && RejectedRows > 0);
}

/// <summary>
/// Imports interval data: CSV <c>account,timestamp,kwh[,kvarh,kw]</c> (header optional) read with CsvHelper's parser,
/// validated by <see cref="ReadingImportAssembler"/>, written by <see cref="ReadingStore.UpsertAsync"/> in one
/// transaction (valid rows kept, rejected ones reported, nothing half-written). Audited; afterwards the roll-up and
/// the prediction refresh run.
/// </summary>
public sealed class UsageImportService(IDbContextFactory<AppDbContext> dbFactory, ReadingStore store, AuditService audit, TimeProvider clock, IServiceProvider services)
{
    /// <summary>How far back an import may reach.</summary>
    public const int MaxYearsBack = 5;

    public static string RejectsCsv(IEnumerable<RejectedRow> rejected)
    {
        var sb = new StringBuilder("line,reason,value\n");
        foreach (var r in rejected)
            sb.Append(r.LineNumber.ToString(CultureInfo.InvariantCulture)).Append(',').Append(r.Reason).Append(',').Append(CsvField(r.Value)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Quoted when it holds a separator, quote or line break; a leading formula character is neutralised so a
    /// spreadsheet opening the report does not evaluate text taken from an uploaded file.</summary>
    private static string CsvField(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0]) && !decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    /// <param name="progress">Share of the file read, 0–1 (only for seekable streams).</param>
    public async Task<ImportOutcome> ImportAsync(Stream csv, string fileName, string source, string? userName, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        Dictionary<string, Guid> accounts;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            accounts = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.AccountNumber, a => a.Id, StringComparer.Ordinal, ct);

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var nowLocal = nowUtc + ImportOptions.ChinaStandardTime;
        var today = DateOnly.FromDateTime(nowLocal);
        var assembler = new ReadingImportAssembler(accounts.Keys, new ImportOptions(today.AddYears(-MaxYearsBack), today, nowLocal));

        var options = new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true };
        await using (var reader = CsvReader.Create(csv, options, true))
        {
            var length = csv.CanSeek ? csv.Length - csv.Position : 0;
            var nextReport = 0L;
            var buffers = new char[5][];
            for (var i = 0; i < buffers.Length; i++) buffers[i] = new char[128];
            var first = true;
            while (await reader.ReadAsync(ct))
            {
                var n = reader.FieldCount;
                if (first)
                {
                    first = false;
                    var fields = Enumerable.Range(0, n).Select(i => reader.GetString(i)).ToArray();
                    var kind = ReadingCsvHeader.Classify(fields);
                    if (kind == ReadingCsvHeader.Kind.Wrong) return await RefuseAsync(string.Join(',', fields), fileName, source, userName, ct);
                    if (kind == ReadingCsvHeader.Kind.Header) continue;
                }
                assembler.Add((int)reader.LineNumber, Field(reader, 0, buffers[0]), Field(reader, 1, buffers[1]), Field(reader, 2, buffers[2]),
                    Field(reader, 3, buffers[3]), Field(reader, 4, buffers[4]));
                if (length > 0 && progress is not null && reader.ByteOffset >= nextReport)
                {
                    progress.Report(Math.Min(1, reader.ByteOffset / (double)length));
                    nextReport = reader.ByteOffset + length / 50;
                }
            }
        }
        progress?.Report(1);

        var result = assembler.Build();
        var rows = result.Days.Select(d => ReadingStore.ToRow(accounts[d.AccountNumber], d.Readings, nowUtc)).ToList();
        var written = rows.Count == 0 ? 0 : await store.UpsertAsync(rows, ct);

        var run = new UsageImportRow
        {
            FileName = Path.GetFileName(fileName),
            Source = source,
            UserName = userName,
            AcceptedRows = result.AcceptedRowCount,
            RejectedRows = result.Rejected.Count,
            DaysWritten = written,
            DaysUnchanged = rows.Count - written,
            RejectsCsv = RejectsCsv(result.Rejected),
            ImportedAtUtc = nowUtc,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.UsageImports.Add(run);
            await db.SaveChangesAsync(ct);
        }
        await audit.RecordAsync(new AuditEvent("Usage.Import", run.FileName, result.AcceptedRowCount > 0 || result.Rejected.Count == 0 ? "Success" : "Rejected",
            $"source={source}; accepted={result.AcceptedRowCount}; rejected={result.Rejected.Count}; days written={written}; unchanged={rows.Count - written}",
            UserName: userName), ct);
        return new ImportOutcome(run.Id, result.AcceptedRowCount, written, rows.Count - written, result.Rejected);
    }

    private async Task<ImportOutcome> RefuseAsync(string firstLine, string fileName, string source, string? userName, CancellationToken ct)
    {
        var shown = RejectedRow.Sample(firstLine);
        await audit.RecordAsync(new AuditEvent("Usage.Import", Path.GetFileName(fileName), "Refused",
            $"source={source}; first line is not the header {ReadingCsvHeader.Expected}", UserName: userName), ct);
        return new ImportOutcome(0, 0, 0, 0, [], shown);
    }

    /// <summary>A field as chars without allocating; absent fields are empty, over-long ones fall back to a string.</summary>
    private static ReadOnlySpan<char> Field(CsvReader reader, int index, char[] buffer)
    {
        if (index >= reader.FieldCount) return default;
        try
        {
            return buffer.AsSpan(0, reader.GetChars(index, buffer));
        }
        catch (ArgumentException)
        {
            return reader.GetString(index);
        }
    }

    /// <summary>After an import: monthly roll-up, then the prediction refresh, as background jobs.</summary>
    public void EnqueueFollowUp()
    {
        var jobs = services.GetRequiredService<IBackgroundJobClient>();
        var rollup = jobs.Enqueue<UsageRollupJob>(j => j.RunAsync(CancellationToken.None));
        jobs.ContinueJobWith<RefreshPredictionsJob>(rollup, j => j.RunAsync(CancellationToken.None));
    }

    public async Task<(string FileName, string Csv)?> RejectsReportAsync(long importId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.UsageImports.AsNoTracking().Where(r => r.Id == importId).Select(r => new { r.FileName, r.RejectsCsv }).FirstOrDefaultAsync(ct);
        return run is null ? null : (Path.GetFileNameWithoutExtension(run.FileName) + ".rejects.csv", run.RejectsCsv);
    }
}
