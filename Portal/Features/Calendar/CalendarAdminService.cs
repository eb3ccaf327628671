using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Calendar;
using Portal.Domain.Common;
using Portal.Features.Accounts;
using Portal.Features.Complaints;
using Portal.Infrastructure.Audit;

namespace Portal.Features.Calendar;

public sealed record CalendarDayView(long Id, DateOnly Date, CalendarDayKind Kind, string Name, string ChangedBy, DateTime ChangedAtUtc);

public sealed record CalendarYearView(int Year, bool IsOfficial, IReadOnlyList<CalendarDayView> Days);

/// <summary>
/// The admin's edits of the working calendar, and its seed. Each save is one SaveChanges (one transaction) that also
/// raises the version stamp, so bad input or a concurrent edit leaves nothing half-written; every change is audited.
/// </summary>
public sealed class CalendarAdminService(IDbContextFactory<AppDbContext> dbFactory, WorkingCalendarCache cache, TimeProvider clock, AuditService audit)
{
    public const string ChangeAction = "CalendarChanged";
    public const string SeedUser = "system";

    public DateOnly Today => DateOnly.FromDateTime(ComplaintClock.ToLocal(clock.GetUtcNow().UtcDateTime));

    public async Task<CalendarYearView> YearAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var days = await db.Set<CalendarDayRow>().AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date)
            .Select(d => new CalendarDayView(d.Id, d.Date, d.Kind, d.Name, d.ChangedBy, d.ChangedAtUtc)).ToListAsync(ct);
        var official = await db.Set<CalendarYearRow>().AsNoTracking().Where(y => y.Year == year).Select(y => y.IsOfficial).FirstOrDefaultAsync(ct);
        return new CalendarYearView(year, official, days);
    }

    /// <summary>The coming year when, from November on, it is missing or still provisional; null otherwise.</summary>
    public async Task<int?> YearNeedingNoticeAsync(CancellationToken ct = default)
    {
        var today = Today;
        if (today.Month < CalendarRules.NoticeMonth) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var coming = today.Year + 1;
        var from = new DateOnly(coming, 1, 1);
        var to = new DateOnly(coming, 12, 31);
        var hasDays = await db.Set<CalendarDayRow>().AnyAsync(d => d.Date >= from && d.Date <= to, ct);
        var official = await db.Set<CalendarYearRow>().AnyAsync(y => y.Year == coming && y.IsOfficial, ct);
        return CalendarRules.YearNeedingNotice(today, hasDays ? [coming] : [], official ? [coming] : []);
    }

    public Task AddHolidayPeriodAsync(ClaimsPrincipal user, string name, DateOnly first, int days, CancellationToken ct = default) =>
        SaveAsync(user, async (db, now, by) =>
        {
            CalendarRules.CheckPeriodLength(days);
            var existing = await KindsAsync(db, first, first.AddDays(days - 1), null, ct);
            var period = CalendarRules.HolidayPeriod(name, first, days, Today, existing);
            var last = period[^1].Date;
            var rows = await db.Set<CalendarDayRow>().Where(d => d.Date >= first && d.Date <= last).ToDictionaryAsync(d => d.Date, ct);
            foreach (var day in period)
            {
                if (!rows.TryGetValue(day.Date, out var row)) db.Add(row = new CalendarDayRow { Date = day.Date, Kind = day.Kind });
                row.Name = day.Name;
                row.ChangedBy = by;
                row.ChangedAtUtc = now;
            }
            return Invariant($"holiday {period[0].Date:yyyy-MM-dd}..{period[^1].Date:yyyy-MM-dd} ({days} d) {period[0].Name}");
        }, ct);

    public Task AddMakeUpDayAsync(ClaimsPrincipal user, string name, DateOnly date, CancellationToken ct = default) =>
        SaveAsync(user, async (db, now, by) =>
        {
            var existing = await KindsAsync(db, date, date, null, ct);
            var day = CalendarRules.Day(name, date, CalendarDayKind.MakeUpWorkingDay, Today, existing);
            var row = await db.Set<CalendarDayRow>().FirstOrDefaultAsync(d => d.Date == date, ct);
            if (row is null) db.Add(row = new CalendarDayRow { Date = date, Kind = day.Kind });
            row.Name = day.Name;
            row.ChangedBy = by;
            row.ChangedAtUtc = now;
            return Invariant($"make-up day {date:yyyy-MM-dd} {day.Name}");
        }, ct);

    public Task UpdateDayAsync(ClaimsPrincipal user, long id, DateOnly date, CalendarDayKind kind, string name, CancellationToken ct = default) =>
        SaveAsync(user, async (db, now, by) =>
        {
            var row = await db.Set<CalendarDayRow>().FirstOrDefaultAsync(d => d.Id == id, ct)
                ?? throw new DomainException("Calendar.DayNotFound", "The day was removed meanwhile.");
            var existing = await KindsAsync(db, date, date, id, ct);
            if (existing.ContainsKey(date))
                throw new DomainException("Calendar.DateTaken", $"{date:yyyy-MM-dd} is already in the calendar.");
            var day = CalendarRules.Day(name, date, kind, Today, existing);
            var before = Invariant($"{row.Date:yyyy-MM-dd} {row.Kind} {row.Name}");
            (row.Date, row.Kind, row.Name, row.ChangedBy, row.ChangedAtUtc) = (day.Date, day.Kind, day.Name, by, now);
            return Invariant($"edit {before} -> {day.Date:yyyy-MM-dd} {day.Kind} {day.Name}");
        }, ct);

    public Task RemoveDayAsync(ClaimsPrincipal user, long id, CancellationToken ct = default) =>
        SaveAsync(user, async (db, _, _) =>
        {
            var row = await db.Set<CalendarDayRow>().FirstOrDefaultAsync(d => d.Id == id, ct)
                ?? throw new DomainException("Calendar.DayNotFound", "The day was removed meanwhile.");
            db.Remove(row);
            return Invariant($"remove {row.Date:yyyy-MM-dd} {row.Kind} {row.Name}");
        }, ct);

    public async Task SetOfficialAsync(ClaimsPrincipal user, int year, bool official, CancellationToken ct = default)
    {
        CalendarRules.CheckDate(new DateOnly(year, 1, 1), Today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<CalendarYearRow>().FirstOrDefaultAsync(y => y.Year == year, ct);
        if (row is null) db.Add(row = new CalendarYearRow { Year = year });
        row.IsOfficial = official;
        row.ChangedBy = UserName(user);
        row.ChangedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(new AuditEvent(ChangeAction, $"calendar:{year}", Detail: official ? "official" : "provisional",
            UserId: AccountAccessService.UserId(user), UserName: user.Identity?.Name), ct);
    }

    /// <summary>
    /// Fills an empty calendar from <see cref="ChinaPublicHolidays"/> on every installation (called at start-up, before
    /// the portal serves requests, and by the demo seed); 2026 is marked official, 2027 provisional. Does nothing when any
    /// day exists, so an admin's removal of every day of a year is never undone. Two instances starting together: the
    /// unique date index refuses the second seed, which is then a no-op.
    /// </summary>
    public async Task EnsureSeededAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<CalendarStampRow>().AnyAsync(ct) || await db.Set<CalendarDayRow>().AnyAsync(ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var day in ChinaPublicHolidays.Seed())
            db.Add(new CalendarDayRow { Date = day.Date, Kind = day.Kind, Name = day.Name, ChangedBy = SeedUser, ChangedAtUtc = now });
        foreach (var year in ChinaPublicHolidays.Seed().Select(d => d.Date.Year).Distinct())
            db.Add(new CalendarYearRow { Year = year, IsOfficial = ChinaPublicHolidays.OfficialYears.Contains(year), ChangedBy = SeedUser, ChangedAtUtc = now });
        db.Add(new CalendarStampRow { Id = CalendarStampRow.SingletonId, Version = 1, ChangedAtUtc = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return; // another instance seeded it first
        }
        cache.Invalidate();
        await audit.RecordAsync(new AuditEvent(ChangeAction, "calendar:seed", Detail: "seeded from ChinaPublicHolidays", UserName: SeedUser), ct);
    }

    private async Task SaveAsync(ClaimsPrincipal user, Func<AppDbContext, DateTime, string, Task<string>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var detail = await change(db, now, UserName(user));
        var stamp = await db.Set<CalendarStampRow>().FirstOrDefaultAsync(s => s.Id == CalendarStampRow.SingletonId, ct);
        if (stamp is null) db.Add(stamp = new CalendarStampRow { Id = CalendarStampRow.SingletonId });
        stamp.Version++;
        stamp.ChangedAtUtc = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin saved in between (the stamp's concurrency token, or the unique date): nothing of ours is stored.
            throw new DomainException("Calendar.ChangedMeanwhile", "The calendar was changed meanwhile; reload and try again.");
        }
        cache.Invalidate();
        await audit.RecordAsync(new AuditEvent(ChangeAction, "calendar", Detail: detail,
            UserId: AccountAccessService.UserId(user), UserName: user.Identity?.Name), ct);
    }

    private static async Task<Dictionary<DateOnly, CalendarDayKind>> KindsAsync(AppDbContext db, DateOnly from, DateOnly to, long? except, CancellationToken ct) =>
        await db.Set<CalendarDayRow>().AsNoTracking().Where(d => d.Date >= from && d.Date <= to && d.Id != except)
            .ToDictionaryAsync(d => d.Date, d => d.Kind, ct);

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? AccountAccessService.UserId(user) ?? "";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
