using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data;
using Portal.Domain.Usage;

namespace Portal.Features.Usage;

/// <summary>
/// Writes and reads packed account-days. The write path bypasses change tracking: one prepared command,
/// one transaction per batch, upsert per (account, day) so a re-import replaces a day atomically.
/// </summary>
public sealed class ReadingStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static AccountDayRow ToRow(Guid accountId, DayReadings day, DateTime importedAtUtc) => new()
    {
        AccountId = accountId,
        Date = day.Date,
        IntervalMinutes = day.IntervalMinutes,
        WattHours = DayReadings.Pack(day.WattHours),
        Quality = day.PackQuality(),
        VarHours = day.HasReactive ? DayReadings.Pack(day.VarHours) : null,
        DemandWatts = day.HasDemand ? DayReadings.Pack(day.DemandWatts) : null,
        TotalWh = Sum(day.WattHours),
        TotalVarh = Sum(day.VarHours),
        MaxDemandW = (int)(day.MaxDemandKw * 1000m),
        MissingCount = day.MissingCount,
        EstimatedCount = day.EstimatedCount,
        ImportedAtUtc = importedAtUtc,
    };

    public static DayReadings ToDay(AccountDayRow r) =>
        DayReadings.FromPacked(r.Date, r.IntervalMinutes, r.WattHours, r.Quality, r.VarHours, r.DemandWatts);

    private static long Sum(ReadOnlySpan<int> values)
    {
        long s = 0;
        foreach (var v in values) if (v > 0) s += v;
        return s;
    }

    /// <summary>
    /// Upserts the rows in one transaction: either all of them land or none. Returns how many days were inserted or
    /// changed; a day whose readings equal the stored ones is skipped.
    /// </summary>
    public async Task<int> UpsertAsync(IEnumerable<AccountDayRow> rows, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var conn = db.Database.GetDbConnection();
        var sqlite = db.Database.IsSqlite();
        var postgres = db.Database.IsNpgsql();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx.GetDbTransaction();
        cmd.CommandText = sqlite ? SqliteUpsert : postgres ? PostgreSqlUpsert : SqlServerUpsert;
        var p = sqlite ? '$' : '@';
        string[] names = ["a", "d", "i", "wh", "q", "varh", "dem", "twh", "tvarh", "maxd", "miss", "est", "at"];
        var ps = names.Select(n => { var x = cmd.CreateParameter(); x.ParameterName = p + n; cmd.Parameters.Add(x); return x; }).ToArray();
        // Npgsql cannot prepare before the values give the parameters their types; it caches the plan per connection anyway.
        if (!postgres) cmd.Prepare();
        var count = 0;
        var changed = new HashSet<(Guid AccountId, DateOnly Month)>();
        foreach (var r in rows)
        {
            ps[0].Value = AccountParameter(r.AccountId, sqlite);
            ps[1].Value = DateParameter(r.Date, sqlite, postgres);
            ps[2].Value = r.IntervalMinutes;
            ps[3].Value = r.WattHours;
            ps[4].Value = r.Quality;
            ps[5].Value = (object?)r.VarHours ?? DBNull.Value;
            ps[6].Value = (object?)r.DemandWatts ?? DBNull.Value;
            ps[7].Value = r.TotalWh;
            ps[8].Value = r.TotalVarh;
            ps[9].Value = r.MaxDemandW;
            ps[10].Value = r.MissingCount;
            ps[11].Value = r.EstimatedCount;
            ps[12].Value = sqlite ? r.ImportedAtUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
                // PostgreSQL: a wall-clock `timestamp` like the model's (a UTC kind would be cast through the session zone).
                : postgres ? DateTime.SpecifyKind(r.ImportedAtUtc, DateTimeKind.Unspecified) : r.ImportedAtUtc;
            // A day identical to the stored one is left alone (its ImportedAtUtc too), so re-importing a file changes nothing.
            if (await cmd.ExecuteNonQueryAsync(ct) > 0)
            {
                count++;
                changed.Add((r.AccountId, new DateOnly(r.Date.Year, r.Date.Month, 1)));
            }
        }
        // A month whose days changed has stale roll-up sums: cleared in this transaction (so the refresh reads its days
        // until then), rebuilt by the next roll-up (UsageRollupJob runs after every import). A plain command on the same
        // transaction, like the upsert: EF's retrying strategies refuse their own commands inside a user transaction.
        if (changed.Count > 0)
        {
            await using var clear = conn.CreateCommand();
            clear.Transaction = cmd.Transaction;
            clear.CommandText = postgres
                ? """UPDATE "MonthlyUsage" SET "ProfileSums" = NULL, "DayTotals" = NULL WHERE "AccountId" = @a AND "Month" = @m"""
                : $"UPDATE MonthlyUsage SET ProfileSums = NULL, DayTotals = NULL WHERE AccountId = {p}a AND Month = {p}m";
            var account = clear.CreateParameter();
            account.ParameterName = p + "a";
            var month = clear.CreateParameter();
            month.ParameterName = p + "m";
            clear.Parameters.Add(account);
            clear.Parameters.Add(month);
            foreach (var (accountId, first) in changed)
            {
                account.Value = AccountParameter(accountId, sqlite);
                month.Value = DateParameter(first, sqlite, postgres);
                await clear.ExecuteNonQueryAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
        return count;
    }

    // Parameter values as each provider stores the model's columns: SQLite keeps a Guid as upper-case text and a date as ISO text.
    private static object AccountParameter(Guid id, bool sqlite) => sqlite ? id.ToString().ToUpperInvariant() : id;

    private static object DateParameter(DateOnly date, bool sqlite, bool postgres) =>
        sqlite ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : postgres ? date : date.ToDateTime(TimeOnly.MinValue);

    private const string SqliteUpsert = """
        INSERT INTO AccountDays (AccountId, Date, IntervalMinutes, WattHours, Quality, VarHours, DemandWatts, TotalWh, TotalVarh, MaxDemandW, MissingCount, EstimatedCount, ImportedAtUtc)
        VALUES ($a, $d, $i, $wh, $q, $varh, $dem, $twh, $tvarh, $maxd, $miss, $est, $at)
        ON CONFLICT(AccountId, Date) DO UPDATE SET IntervalMinutes=excluded.IntervalMinutes, WattHours=excluded.WattHours,
          Quality=excluded.Quality, VarHours=excluded.VarHours, DemandWatts=excluded.DemandWatts, TotalWh=excluded.TotalWh,
          TotalVarh=excluded.TotalVarh, MaxDemandW=excluded.MaxDemandW, MissingCount=excluded.MissingCount,
          EstimatedCount=excluded.EstimatedCount, ImportedAtUtc=excluded.ImportedAtUtc
        WHERE AccountDays.IntervalMinutes IS NOT excluded.IntervalMinutes OR AccountDays.WattHours IS NOT excluded.WattHours
          OR AccountDays.Quality IS NOT excluded.Quality OR AccountDays.VarHours IS NOT excluded.VarHours
          OR AccountDays.DemandWatts IS NOT excluded.DemandWatts
        """;

    // Same statement as SQLite's: PostgreSQL quotes the model's PascalCase names and spells "IS NOT" as IS DISTINCT FROM.
    private const string PostgreSqlUpsert = """
        INSERT INTO "AccountDays" ("AccountId", "Date", "IntervalMinutes", "WattHours", "Quality", "VarHours", "DemandWatts", "TotalWh", "TotalVarh", "MaxDemandW", "MissingCount", "EstimatedCount", "ImportedAtUtc")
        VALUES (@a, @d, @i, @wh, @q, @varh, @dem, @twh, @tvarh, @maxd, @miss, @est, @at)
        ON CONFLICT ("AccountId", "Date") DO UPDATE SET "IntervalMinutes"=excluded."IntervalMinutes", "WattHours"=excluded."WattHours",
          "Quality"=excluded."Quality", "VarHours"=excluded."VarHours", "DemandWatts"=excluded."DemandWatts", "TotalWh"=excluded."TotalWh",
          "TotalVarh"=excluded."TotalVarh", "MaxDemandW"=excluded."MaxDemandW", "MissingCount"=excluded."MissingCount",
          "EstimatedCount"=excluded."EstimatedCount", "ImportedAtUtc"=excluded."ImportedAtUtc"
        WHERE "AccountDays"."IntervalMinutes" IS DISTINCT FROM excluded."IntervalMinutes" OR "AccountDays"."WattHours" IS DISTINCT FROM excluded."WattHours"
          OR "AccountDays"."Quality" IS DISTINCT FROM excluded."Quality" OR "AccountDays"."VarHours" IS DISTINCT FROM excluded."VarHours"
          OR "AccountDays"."DemandWatts" IS DISTINCT FROM excluded."DemandWatts"
        """;

    private const string SqlServerUpsert = """
        IF NOT EXISTS (SELECT 1 FROM AccountDays WHERE AccountId = @a AND Date = @d AND IntervalMinutes = @i AND WattHours = @wh AND Quality = @q
            AND (VarHours = @varh OR (VarHours IS NULL AND @varh IS NULL)) AND (DemandWatts = @dem OR (DemandWatts IS NULL AND @dem IS NULL)))
        BEGIN
          DELETE FROM AccountDays WHERE AccountId = @a AND Date = @d;
          INSERT INTO AccountDays (AccountId, Date, IntervalMinutes, WattHours, Quality, VarHours, DemandWatts, TotalWh, TotalVarh, MaxDemandW, MissingCount, EstimatedCount, ImportedAtUtc)
          VALUES (@a, @d, @i, @wh, @q, @varh, @dem, @twh, @tvarh, @maxd, @miss, @est, @at)
        END
        """;

    public async Task<IReadOnlyList<DayReadings>> ReadDaysAsync(Guid accountId, DateOnly from, DateOnly toExclusive, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadDaysAsync(db, accountId, from, toExclusive.AddDays(-1), ct);
    }

    /// <summary>
    /// One account's days from <paramref name="from"/> to <paramref name="to"/> (inclusive) in date order, decoded straight
    /// from the packed columns. EF writes the SQL (<c>CreateDbCommand</c>, so every provider gets its own); the rows are
    /// read with the plain data reader: EF's materializer (an entity per row, the key and import time parsed from text on
    /// SQLite) was three quarters of a usage page's time for two years of data.
    /// </summary>
    public static async Task<List<DayReadings>> ReadDaysAsync(AppDbContext db, Guid accountId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var query = db.AccountDays.AsNoTracking().Where(d => d.AccountId == accountId && d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date)
            .Select(d => new { d.Date, d.IntervalMinutes, d.WattHours, d.Quality, d.VarHours, d.DemandWatts });
        var days = new List<DayReadings>(Math.Max(0, to.DayNumber - from.DayNumber + 1));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = query.CreateDbCommand();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            int dateCol = reader.GetOrdinal(nameof(AccountDayRow.Date)), minutesCol = reader.GetOrdinal(nameof(AccountDayRow.IntervalMinutes)),
                whCol = reader.GetOrdinal(nameof(AccountDayRow.WattHours)), qualityCol = reader.GetOrdinal(nameof(AccountDayRow.Quality)),
                varhCol = reader.GetOrdinal(nameof(AccountDayRow.VarHours)), demandCol = reader.GetOrdinal(nameof(AccountDayRow.DemandWatts));
            while (await reader.ReadAsync(ct))
                days.Add(DayReadings.FromPacked(ReadDate(reader, dateCol), reader.GetInt32(minutesCol), reader.GetFieldValue<byte[]>(whCol),
                    reader.GetFieldValue<byte[]>(qualityCol),
                    reader.IsDBNull(varhCol) ? null : reader.GetFieldValue<byte[]>(varhCol),
                    reader.IsDBNull(demandCol) ? null : reader.GetFieldValue<byte[]>(demandCol)));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return days;
    }

    /// <summary>A date column: SQLite's yyyy-MM-dd text read without the general date parser, a date type elsewhere.</summary>
    internal static DateOnly ReadDate(DbDataReader reader, int column) =>
        reader.GetFieldType(column) == typeof(string) ? ParseIsoDate(reader.GetString(column)) : reader.GetFieldValue<DateOnly>(column);

    private static DateOnly ParseIsoDate(string s) =>
        s.Length == 10 && s[4] == '-' && s[7] == '-'
            ? new DateOnly(Digits(s, 0, 4), Digits(s, 5, 2), Digits(s, 8, 2))
            : DateOnly.Parse(s, CultureInfo.InvariantCulture);

    private static int Digits(string s, int start, int count)
    {
        var v = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) throw new FormatException($"Not a date: {s}");
            v = v * 10 + d;
        }
        return v;
    }

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
}

