using System.Globalization;
using CsvHelper;
using Portal.Domain.Service;

namespace Portal.Features.FieldOps;

/// <summary>A row the import refused: its line in the file, the column at fault (or null for the row) and the rule's code.</summary>
public sealed record FieldImportError(int Line, string? Column, string Code);

/// <param name="Refused">The header is not the expected one: nothing was read further.</param>
public sealed record FieldImportOutcome(int Rows, int Added, int AlreadyThere, IReadOnlyList<FieldImportError> Errors, bool Refused = false)
{
    public bool Ok => !Refused && Errors.Count == 0;
}

/// <summary>
/// Imports the field system's export of service jobs (CSV with the header <see cref="Header"/>, UTF-8). The header must
/// match; every row is checked (fields, then the intake rules) and if any row is wrong nothing is written and every
/// wrong row is reported with its line and column. A row whose source and reference are already stored is skipped, so
/// importing the same file twice adds nothing. Completed jobs invite their customers to rate them.
/// </summary>
public sealed class FieldOpsImportService(FieldOpsService fieldOps)
{
    public static readonly string[] Columns = ["source", "reference", "account", "type", "done_at", "staff", "outcome", "reason", "summary"];
    public static readonly string Header = string.Join(',', Columns);
    public const int MaxRows = 5000;

    public async Task<FieldImportOutcome> ImportAsync(Stream csv, string? userId, string? userName, CancellationToken ct = default)
    {
        var drafts = new List<ActivityDraft>();
        var lines = new List<int>();
        var errors = new List<FieldImportError>();
        await using (var reader = CsvReader.Create(csv, new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true }, true))
        {
            var first = true;
            while (await reader.ReadAsync(ct))
            {
                var fields = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).Trim()).ToArray();
                var line = (int)reader.LineNumber;
                if (first)
                {
                    first = false;
                    if (!fields.Select(f => f.TrimStart('\uFEFF').ToLowerInvariant()).SequenceEqual(Columns)) return new(0, 0, 0, [], Refused: true);
                    continue;
                }
                if (fields.All(string.IsNullOrEmpty)) continue;
                if (drafts.Count + errors.Count >= MaxRows)
                {
                    errors.Add(new(line, null, "FieldImport.TooManyRows"));
                    break;
                }
                if (fields.Length != Columns.Length)
                {
                    errors.Add(new(line, null, "FieldImport.ColumnCount"));
                    continue;
                }
                var rowErrors = new List<FieldImportError>();
                string Need(int i)
                {
                    if (fields[i].Length == 0) rowErrors.Add(new(line, Columns[i], "FieldImport.Required"));
                    return fields[i];
                }
                var source = Need(0);
                var reference = Need(1);
                var account = Need(2);
                if (!TryEnum<ServiceActivityType>(Need(3), out var type) && fields[3].Length > 0) rowErrors.Add(new(line, "type", "FieldImport.TypeUnknown"));
                if (!TryTime(Need(4), out var doneAt) && fields[4].Length > 0) rowErrors.Add(new(line, "done_at", "FieldImport.TimeInvalid"));
                var staff = Need(5);
                if (!TryEnum<ActivityOutcome>(Need(6), out var outcome) && fields[6].Length > 0) rowErrors.Add(new(line, "outcome", "FieldImport.OutcomeUnknown"));
                var summary = Need(8);
                if (rowErrors.Count > 0)
                {
                    errors.AddRange(rowErrors);
                    continue;
                }
                drafts.Add(new ActivityDraft(account, type, doneAt, staff, outcome, fields[7], summary, source, reference));
                lines.Add(line);
            }
            if (first) return new(0, 0, 0, [], Refused: true);
        }
        var rows = drafts.Count + errors.Select(e => e.Line).Distinct().Count();
        if (drafts.Count == 0) return new(rows, 0, 0, errors);
        // With bad fields somewhere, still check the readable rows against the intake rules: one report lists everything.
        var result = await fieldOps.RecordActivitiesAsync(drafts, userId, userName, inviteToRate: true, ct, checkOnly: errors.Count > 0);
        errors.AddRange(result.Errors.Select(e => new FieldImportError(lines[e.Draft], ColumnOf(e.Code), e.Code)));
        if (errors.Count > 0) return new(rows, 0, 0, errors.OrderBy(e => e.Line).ToList());
        return new(rows, result.Added.Count, result.AlreadyThere, []);
    }

    /// <summary>The column an intake rule is about, so the report points at the right cell.</summary>
    private static string? ColumnOf(string code) => code switch
    {
        "Intake.AccountUnknown" or "Activity.AccountRequired" => "account",
        "Activity.SummaryRequired" or "Activity.SummaryTooLong" => "summary",
        "Activity.StaffRequired" or "Activity.StaffTooLong" => "staff",
        "Activity.InFuture" => "done_at",
        "Activity.ReasonRequired" or "Activity.ReasonTooLong" => "reason",
        "Activity.ReferenceIncomplete" or "Activity.ReferenceTooLong" or "Intake.DuplicateReference" => "reference",
        _ => null,
    };

    /// <summary>By name only (case-insensitive): a number would pass Enum.TryParse and mean nothing to the field system.</summary>
    private static bool TryEnum<T>(string value, out T result) where T : struct, Enum
    {
        result = default;
        return value.Length > 0 && !char.IsAsciiDigit(value[0]) && value[0] != '-' && Enum.TryParse(value, true, out result) && Enum.IsDefined(result);
    }

    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>Local time of the utility (UTC+8), as the field system writes it.</summary>
    private static bool TryTime(string value, out DateTime result) =>
        DateTime.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out result);
}
