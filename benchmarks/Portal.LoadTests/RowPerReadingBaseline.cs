using Microsoft.EntityFrameworkCore;
using Portal.Domain.Usage;

namespace Portal.LoadTests;

/// <summary>The baseline storage the issue compares against: one EF row per 15-minute reading, in its own SQLite file.</summary>
public sealed class ReadingPerRow
{
    public Guid AccountId { get; set; }
    public DateTime At { get; set; }
    public int WattHours { get; set; }
}

public sealed class RowPerReadingContext(DbContextOptions<RowPerReadingContext> options) : DbContext(options)
{
    public DbSet<ReadingPerRow> Readings => Set<ReadingPerRow>();

    protected override void OnModelCreating(ModelBuilder b) => b.Entity<ReadingPerRow>().HasKey(r => new { r.AccountId, r.At });

    public static RowPerReadingContext Open(string file) =>
        new(new DbContextOptionsBuilder<RowPerReadingContext>().UseSqlite($"Data Source={file};Pooling=True").Options);

    /// <summary>Adds the days as one row per reading with EF (batched SaveChanges in one transaction), as a naive store would.</summary>
    public static async Task<int> WriteAsync(string file, IEnumerable<(Guid AccountId, DayReadings Day)> days, CancellationToken ct)
    {
        await using var db = Open(file);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var pending = 0;
        var total = 0;
        foreach (var (accountId, day) in days)
        {
            var start = day.Date.ToDateTime(TimeOnly.MinValue);
            for (var i = 0; i < day.WattHours.Length; i++)
                db.Readings.Add(new ReadingPerRow { AccountId = accountId, At = start.AddMinutes(i * day.IntervalMinutes), WattHours = day.WattHours[i] });
            pending += day.WattHours.Length;
            total += day.WattHours.Length;
            if (pending >= 20_000)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return total;
    }

    /// <summary>The usage page's read in the baseline: every reading of the range, grouped back into days.</summary>
    public static async Task<List<DayReadings>> ReadDaysAsync(string file, Guid accountId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var db = Open(file);
        var (start, end) = (from.ToDateTime(TimeOnly.MinValue), to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var rows = await db.Readings.AsNoTracking().Where(r => r.AccountId == accountId && r.At >= start && r.At < end)
            .OrderBy(r => r.At).ToListAsync(ct);
        return rows.GroupBy(r => DateOnly.FromDateTime(r.At))
            .Select(g =>
            {
                var wh = new int[96];
                foreach (var r in g) wh[(r.At.Hour * 60 + r.At.Minute) / 15] = r.WattHours;
                return new DayReadings(g.Key, 15, wh);
            }).ToList();
    }
}
