using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Calendar;

namespace Portal.Features.Calendar;

public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>
    /// How often each portal instance compares its cached calendar with the database's version stamp. An admin's edit
    /// applies at once on the instance that saved it and on every other instance within this interval.
    /// </summary>
    public int RefreshSeconds { get; set; } = 60;
}

/// <summary>The working calendar in force: its version stamp and when it was last changed, its days (ascending) and the domain rule built from them.</summary>
public sealed record CalendarSnapshot(long Version, DateTime ChangedAtUtc, IReadOnlyList<CalendarDay> Days, WorkingCalendar Calendar);

/// <summary>
/// The running portal's one source of the working calendar (complaint SLA clock, escalation, cycle forecast). The days
/// are cached per instance; at most every <see cref="CalendarOptions.RefreshSeconds"/> one small query reads the
/// version stamp, and only a changed stamp reloads the days. Several instances share one database, so an edit reaches
/// the others within that interval; the instance that saved it drops its cache at once.
/// </summary>
public sealed class WorkingCalendarCache(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IOptions<CalendarOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile State? _state;

    private sealed record State(CalendarSnapshot Snapshot, DateTimeOffset CheckedAt);

    public TimeSpan RefreshInterval => TimeSpan.FromSeconds(Math.Max(1, options.Value.RefreshSeconds));

    public async Task<CalendarSnapshot> CurrentAsync(CancellationToken ct = default)
    {
        if (Fresh(_state) is { } fresh) return fresh;
        await _gate.WaitAsync(ct);
        try
        {
            var state = _state;
            if (Fresh(state) is { } again) return again;
            var now = clock.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var stamp = await db.Set<CalendarStampRow>().AsNoTracking().Where(s => s.Id == CalendarStampRow.SingletonId)
                .Select(s => new { s.Version, s.ChangedAtUtc }).FirstOrDefaultAsync(ct);
            var version = stamp?.Version ?? 0;
            if (state is not null && state.Snapshot.Version == version)
            {
                _state = state with { CheckedAt = now };
                return state.Snapshot;
            }
            // Read after the stamp: days at least as new as the version they are filed under, so a concurrent edit is
            // picked up by the next check rather than missed.
            var days = await db.Set<CalendarDayRow>().AsNoTracking().OrderBy(d => d.Date)
                .Select(d => new CalendarDay(d.Date, d.Kind, d.Name)).ToListAsync(ct);
            var snapshot = new CalendarSnapshot(version, stamp?.ChangedAtUtc ?? DateTime.MinValue, days, new WorkingCalendar(days));
            _state = new State(snapshot, now);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The instance that saved an edit calls this, so its own next read sees the edit.</summary>
    public void Invalidate() => _state = null;

    private CalendarSnapshot? Fresh(State? state) =>
        state is not null && clock.GetUtcNow() - state.CheckedAt < RefreshInterval ? state.Snapshot : null;
}
