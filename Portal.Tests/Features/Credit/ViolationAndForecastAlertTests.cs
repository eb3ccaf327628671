using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Credit;
using Portal.Domain.Usage;
using Portal.Features.Accounts;
using Portal.Features.Credit;
using Portal.Features.Usage;

namespace Portal.Tests.Features.Credit;

/// <summary>Staff record violations that freeze an account; managers see the usage forecast alerts among theirs.</summary>
[Collection(PortalCollection.Name)]
public class ViolationAndForecastAlertTests(PortalHost host) : IClassFixture<PortalHost>
{
    private ViolationService Violations => host.Services.GetRequiredService<ViolationService>();
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>An account with no violation and no login bound to it, one per slot so tests do not share.</summary>
    private async Task<(Guid Id, string Number)> CleanAccountAsync(int slot)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var a = await db.Accounts.AsNoTracking().Where(a => !db.Violations.Any(v => v.AccountId == a.Id) && !db.AccountBindings.Any(b => b.AccountId == a.Id))
            .OrderByDescending(a => a.AccountNumber).Skip(slot).Select(a => new { a.Id, a.AccountNumber }).FirstAsync();
        return (a.Id, a.AccountNumber);
    }

    [Fact]
    public async Task A_theft_recorded_by_staff_with_a_reason_drops_the_account_to_C_frozen_for_two_years_and_is_audited()
    {
        var staff = await host.UserAsync("handler@demo.local", Roles.ComplaintHandler);
        var (id, number) = await CleanAccountAsync(0);

        var result = await Violations.RecordAsync(staff, $" {number} ", ViolationKind.Theft, Today, "Bypass found at the meter box, notice J-2026-17");

        Assert.Equal(new ViolationResult(ViolationOutcome.Recorded), result);
        Assert.True(await host.EventuallyAsync(db => db.CreditStates.AnyAsync(s => s.AccountId == id && s.CurrentTier == CreditTier.C && s.FrozenUntil == Today.AddYears(2))),
            "the re-evaluation job should freeze the account at C the same day, although it was reviewed today already");
        await using var check = await host.Db.CreateDbContextAsync();
        Assert.True(await check.CreditPointEvents.AnyAsync(e => e.AccountId == id && e.Kind == PointEventKind.Theft));
        var state = await check.CreditStates.Include(s => s.TierHistory).AsNoTracking().SingleAsync(s => s.AccountId == id);
        Assert.Equal(state.CurrentScore, await check.CreditPointEvents.Where(e => e.AccountId == id).SumAsync(e => e.PointsDelta));
        var audit = await check.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "Credit.ViolationRecorded" && a.Target == number);
        Assert.Equal("Success", audit.Outcome);
        Assert.Contains("notice J-2026-17", audit.Detail);
        Assert.Contains(await Violations.RecentAsync(), r => r.AccountNumber == number && r.Kind == ViolationKind.Theft);
    }

    [Theory]
    [InlineData(null, 0, "Credit.ViolationNoteRequired")]
    [InlineData("   ", 0, "Credit.ViolationNoteRequired")]
    [InlineData("meter seal broken", 1, "Credit.ViolationInFuture")]
    [InlineData("501", 0, "Credit.ViolationNoteTooLong")]
    public async Task A_violation_without_a_reason_dated_tomorrow_or_too_long_is_refused_audited_and_nothing_is_stored(string? reason, int daysAhead, string code)
    {
        var staff = await host.UserAsync("handler@demo.local", Roles.ComplaintHandler);
        var (id, number) = await CleanAccountAsync(1);
        if (reason == "501") reason = new string('x', 501);

        var result = await Violations.RecordAsync(staff, number, ViolationKind.SupplyRuleViolation, Today.AddDays(daysAhead), reason);

        Assert.Equal(new ViolationResult(ViolationOutcome.Refused, code), result);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.Violations.AnyAsync(v => v.AccountId == id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Credit.ViolationRecorded" && a.Target == number && a.Outcome == "Refused" && a.Detail == code));
        Assert.False(host.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Portal.Resources.SharedResource>>()[code].ResourceNotFound);
    }

    [Fact]
    public async Task A_violation_on_an_unknown_account_is_refused()
    {
        var staff = await host.UserAsync("handler@demo.local", Roles.ComplaintHandler);
        await using var db = await host.Db.CreateDbContextAsync();
        var before = await db.Violations.CountAsync();

        Assert.Equal(ViolationOutcome.AccountNotFound, (await Violations.RecordAsync(staff, "no-such-account", ViolationKind.Theft, Today, "x")).Outcome);
        Assert.Equal(before, await db.Violations.CountAsync());
    }

    [Fact]
    public async Task The_violations_page_is_for_staff_on_the_internal_endpoint_only()
    {
        using (var staff = host.Client(@internal: true))
        {
            await staff.SignInAsync("handler@demo.local");
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/backoffice/violations")).StatusCode);
        }
        using var outside = host.Client();
        await outside.SignInAsync("household@demo.local");
        Assert.NotEqual(HttpStatusCode.OK, (await outside.GetAsync("/backoffice/violations")).StatusCode);
    }

    [Theory]
    [InlineData(0, UsageAlertKind.ForecastAboveThreshold, 0, true)]
    [InlineData(1, UsageAlertKind.ForecastAboveThreshold, -1, false)]
    [InlineData(2, UsageAlertKind.TierCrossingNear, 0, false)]
    public async Task A_managers_workspace_flags_a_forecast_above_threshold_raised_in_the_current_cycle(int slot, UsageAlertKind kind, int cycleOffset, bool expected)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        // Accounts without any usage alert of their own, one per case, given to a manager.
        var account = await db.Accounts.AsNoTracking().Where(a => !db.UsageAlerts.Any(u => u.AccountId == a.Id))
            .OrderBy(a => a.AccountNumber).Skip(slot).FirstAsync();
        var manager = await host.UserAsync("manager2@demo.local", Roles.CustomerManager);
        Assert.True(await host.Services.GetRequiredService<ManagerAssignmentService>()
            .OverrideAsync(await host.UserAsync("admin@demo.local", Roles.Admin), account.Id, AccountAccessService.UserId(manager)));
        var cycle = UsageAlertRules.CycleKeyFor(new DateOnly(Today.Year, Today.Month, 1).AddMonths(cycleOffset));
        db.UsageAlerts.Add(new UsageAlertRow
        {
            AccountId = account.Id,
            DedupeKey = UsageAlertRules.DedupeKey(account.AccountNumber, cycle, kind),
            Kind = (int)kind,
            Value = 520m,
            Limit = 500m,
            RaisedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();

        var row = (await host.Services.GetRequiredService<ManagerWorkspaceService>().AccountsAsync(manager)).Single(r => r.AccountId == account.Id);

        Assert.Equal(expected, row.Alerts.Contains(ManagerAlert.ForecastAboveThreshold));
    }
}
