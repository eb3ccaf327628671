using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Calendar;
using Portal.Domain.Common;
using Portal.Features.Accounts;
using Portal.Features.Calendar;
using Portal.Features.Complaints;
using Portal.Features.Complaints.Jobs;
using Portal.Features.Usage;
using Portal.Infrastructure.Audit;
using Portal.Tests.Features.Complaints;

namespace Portal.Tests.Features.Calendar;

/// <summary>
/// The admin-edited working calendar over a running portal: seeded on an empty database, followed by the complaint SLA
/// clock and the cycle forecast, shared by instances within the refresh interval, audited, and all-or-nothing.
/// Tests here edit dates no other test of the class reads (2028, and the rest of the current month for the forecast).
/// </summary>
[Collection(PortalCollection.Name)]
public class WorkingCalendarTests(PortalHost host) : IClassFixture<PortalHost>
{
    private CalendarAdminService Admin => host.Service<CalendarAdminService>();

    private async Task<List<CalendarDayRow>> DaysAsync(DateOnly from, DateOnly to)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.Set<CalendarDayRow>().AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync();
    }

    [Fact]
    public async Task An_empty_database_starts_with_the_seeded_calendar_and_2027_provisional()
    {
        var seed = ChinaPublicHolidays.Seed();
        var stored = await DaysAsync(seed.Min(d => d.Date), seed.Max(d => d.Date));
        Assert.All(seed, s => Assert.Contains(stored, d => d.Date == s.Date && d.Kind == s.Kind && d.Name == s.Name));
        Assert.True((await Admin.YearAsync(2026)).IsOfficial);
        Assert.False((await Admin.YearAsync(2027)).IsOfficial);

        await Admin.EnsureSeededAsync();   // a second start seeds nothing twice
        Assert.Equal(stored.Count, (await DaysAsync(seed.Min(d => d.Date), seed.Max(d => d.Date))).Count);
    }

    [Fact]
    public async Task An_admin_holiday_moves_the_deadline_of_a_complaint_routed_afterwards_but_not_of_one_already_open()
    {
        var user = await host.UserAsync("household@demo.local");
        var account = await host.FirstAccountOfAsync("household@demo.local");
        var opens = WorkingHours.Default.Opens;
        var fridayEvening = new DateTime(2028, 3, 3, 18, 0, 0);
        var before = await host.InsertUnroutedAsync(account, AccountAccessService.UserId(user)!, fridayEvening);
        await host.Service<RouteComplaintJob>().RunAsync(before, CancellationToken.None);
        Assert.Equal(new DateTime(2028, 3, 7).Add(opens.ToTimeSpan()), (await host.LoadAsync(before)).FirstContactDueAt);

        await Admin.AddHolidayPeriodAsync(await host.UserAsync("admin@demo.local"), "测试假日", new DateOnly(2028, 3, 6), 2);

        var after = await host.InsertUnroutedAsync(account, AccountAccessService.UserId(user)!, fridayEvening);
        await host.Service<RouteComplaintJob>().RunAsync(after, CancellationToken.None);
        // Monday and Tuesday off: the clock starts Wednesday, one working day later is Thursday.
        Assert.Equal(new DateTime(2028, 3, 9).Add(opens.ToTimeSpan()), (await host.LoadAsync(after)).FirstContactDueAt);
        Assert.Equal(new DateTime(2028, 3, 7).Add(opens.ToTimeSpan()), (await host.LoadAsync(before)).FirstContactDueAt);
    }

    [Fact]
    public async Task An_admin_holiday_changes_the_next_forecast_refresh()
    {
        var today = Admin.Today;
        var tomorrow = today.AddDays(1);
        var monthEnd = new DateOnly(tomorrow.Year, tomorrow.Month, 1).AddMonths(1).AddDays(-1);
        var job = host.Service<RefreshPredictionsJob>();
        await job.RunAsync(CancellationToken.None);
        var before = await ForecastsAsync();

        await Admin.AddHolidayPeriodAsync(await host.UserAsync("admin@demo.local"), "测试假日", tomorrow,
            Math.Min(CalendarRules.MaxPeriodDays, monthEnd.DayNumber - tomorrow.DayNumber + 1));
        await job.RunAsync(CancellationToken.None);
        var after = await ForecastsAsync();

        Assert.NotEmpty(before);
        Assert.Contains(after, a => before.TryGetValue(a.Key, out var kwh) && Math.Abs(kwh - a.Value) > 0.01);

        async Task<Dictionary<Guid, double>> ForecastsAsync()
        {
            await using var db = await host.Db.CreateDbContextAsync();
            return await db.UsagePredictions.AsNoTracking().Where(p => p.BandSource != null).ToDictionaryAsync(p => p.AccountId, p => p.ForecastKwh);
        }
    }

    [Fact]
    public async Task Another_instance_sees_an_edit_once_its_refresh_interval_has_passed()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var options = Microsoft.Extensions.Options.Options.Create(new CalendarOptions { RefreshSeconds = 60 });
        var onA = new WorkingCalendarCache(host.Db, clock, options);
        var onB = new WorkingCalendarCache(host.Db, clock, options);
        var adminOnA = new CalendarAdminService(host.Db, onA, clock, host.Services.GetRequiredService<AuditService>());
        var saturday = new DateOnly(2028, 4, 8);
        Assert.True((await onB.CurrentAsync()).Calendar.IsWorkingDay(saturday) is false);

        await adminOnA.AddMakeUpDayAsync(await host.UserAsync("admin@demo.local"), "测试调休", saturday);

        Assert.True((await onA.CurrentAsync()).Calendar.IsWorkingDay(saturday));        // the saving instance at once
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False((await onB.CurrentAsync()).Calendar.IsWorkingDay(saturday));       // the other still on its cache…
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await onB.CurrentAsync()).Calendar.IsWorkingDay(saturday));        // …until its interval is up
    }

    [Fact]
    public async Task Every_change_is_audited_with_the_admin()
    {
        await Admin.AddMakeUpDayAsync(await host.UserAsync("admin@demo.local"), "审计测试", new DateOnly(2028, 5, 13));

        await using var db = await host.Db.CreateDbContextAsync();
        var entry = await db.AuditEntries.AsNoTracking().Where(a => a.Action == CalendarAdminService.ChangeAction).OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal("admin@demo.local", entry.UserName);
        Assert.Contains("2028-05-13", entry.Detail);
    }

    [Fact]
    public async Task A_period_that_overlaps_a_make_up_day_stores_none_of_its_days()
    {
        var admin = await host.UserAsync("admin@demo.local");
        await Admin.AddMakeUpDayAsync(admin, "调休", new DateOnly(2028, 6, 10));

        var ex = await Assert.ThrowsAsync<DomainException>(() => Admin.AddHolidayPeriodAsync(admin, "端午节", new DateOnly(2028, 6, 7), 5));
        Assert.Equal("Calendar.BothKinds", ex.Code);
        Assert.Single(await DaysAsync(new DateOnly(2028, 6, 7), new DateOnly(2028, 6, 11)));
        Assert.Equal("Calendar.PeriodLength",
            (await Assert.ThrowsAsync<DomainException>(() => Admin.AddHolidayPeriodAsync(admin, "端午节", new DateOnly(2028, 6, 20), 16))).Code);
        Assert.Empty(await DaysAsync(new DateOnly(2028, 6, 20), new DateOnly(2028, 7, 6)));
    }

    [Fact]
    public async Task An_admin_edits_and_removes_a_day()
    {
        var admin = await host.UserAsync("admin@demo.local");
        await Admin.AddHolidayPeriodAsync(admin, "编辑测试", new DateOnly(2028, 8, 14), 1);
        var day = Assert.Single(await DaysAsync(new DateOnly(2028, 8, 14), new DateOnly(2028, 8, 14)));

        await Admin.UpdateDayAsync(admin, day.Id, new DateOnly(2028, 8, 19), CalendarDayKind.MakeUpWorkingDay, "改为调休");
        var edited = Assert.Single(await DaysAsync(new DateOnly(2028, 8, 14), new DateOnly(2028, 8, 20)));
        Assert.Equal((new DateOnly(2028, 8, 19), CalendarDayKind.MakeUpWorkingDay, "改为调休", "admin@demo.local"), (edited.Date, edited.Kind, edited.Name, edited.ChangedBy));
        Assert.Equal("Calendar.MakeUpDayNotWeekend", (await Assert.ThrowsAsync<DomainException>(
            () => Admin.UpdateDayAsync(admin, day.Id, new DateOnly(2028, 8, 21), CalendarDayKind.MakeUpWorkingDay, "周一"))).Code);

        await Admin.RemoveDayAsync(admin, day.Id);
        Assert.Empty(await DaysAsync(new DateOnly(2028, 8, 14), new DateOnly(2028, 8, 20)));
    }

    [Fact]
    public async Task The_page_is_served_to_an_admin_on_the_internal_endpoint_only()
    {
        using var admin = host.Client(@internal: true);
        await admin.SignInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/backoffice/calendar")).StatusCode);

        using var handler = host.Client(@internal: true);
        await handler.SignInAsync("handler@demo.local");
        var refused = await handler.GetAsync("/backoffice/calendar");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.ToString());

        using var outside = host.Client();
        await outside.SignInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await outside.GetAsync("/backoffice/calendar")).StatusCode);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;
        public void Advance(TimeSpan by) => _now += by;
        public override DateTimeOffset GetUtcNow() => _now;
    }
}
