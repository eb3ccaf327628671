using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Credit;
using Portal.Domain.Safety;
using Portal.Features.Accounts;
using Portal.Features.Credit;
using Portal.Tests.Features.Safety;

namespace Portal.Tests.Features.Credit;

/// <summary>Credit page, admin policy and adjustments, managers — through the real services on the seeded app.</summary>
[Collection(PortalCollection.Name)]
public class CreditWorkflowTests(PortalHost host) : IClassFixture<PortalHost>
{
    private CreditService Credit => host.Services.GetRequiredService<CreditService>();
    private CreditAdminService Admin => host.Services.GetRequiredService<CreditAdminService>();

    [Fact]
    public async Task A_customer_sees_the_credit_page_of_their_own_account_and_not_found_for_anyone_elses()
    {
        var household = await host.UserAsync("household@demo.local", Roles.Customer);
        var own = (await host.BoundAccountsAsync("household@demo.local")).Single();
        var other = (await host.BoundAccountsAsync("neighbour@demo.local")).Single();

        var view = await Credit.AccountAsync(household, own);
        Assert.NotNull(view);
        Assert.Equal(5, view.Breakdown.Count);
        Assert.Equal(view.Score, view.Breakdown.Sum(b => b.WeightedPoints));
        Assert.NotEmpty(view.Events);
        Assert.Null(await Credit.AccountAsync(household, other));
        Assert.Equal(MessageOutcome.NotFound, await Credit.SendToManagerAsync(household, other, "hello"));
    }

    [Fact]
    public async Task The_tier_lookup_gives_the_current_tier_letter()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var state = await db.CreditStates.AsNoTracking().FirstAsync();
        var lookup = host.Services.GetRequiredService<ICreditTierLookup>();
        Assert.Equal(state.CurrentTier.ToString(), await lookup.TierOfAsync(state.AccountId));
        Assert.Null(await lookup.TierOfAsync(Guid.NewGuid()));
    }

    [Theory]
    [InlineData("/credit")]
    public async Task Customer_pages_render_for_a_signed_in_customer(string path)
    {
        using var client = host.Client();
        await client.SignInAsync("household@demo.local");
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_credit_page_of_another_customers_account_renders_the_not_found_state()
    {
        var other = (await host.BoundAccountsAsync("neighbour@demo.local")).Single();
        using var client = host.Client();
        await client.SignInAsync("household@demo.local");
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var html = await (await client.GetAsync($"/credit/{other}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-testid=\"credit-score\"", html);
    }

    [Fact]
    public async Task A_draft_whose_weights_do_not_add_up_is_refused_with_every_problem_and_nothing_is_published()
    {
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        var draft = await Admin.DraftAsync(admin);
        var bad = draft.Document with
        {
            Indicators = draft.Document.Indicators.Select(i => i.Indicator == CreditIndicator.Contribution ? i with { WeightPercent = 20m } : i).ToList(),
            Tiers = [new(CreditTier.A, 60m, 85m), new(CreditTier.B, 70m, 65m), new(CreditTier.C, 0m, 0m)],
        };

        var (saved, stamp) = await Admin.SaveDraftAsync(admin, bad, draft.ConcurrencyStamp);
        Assert.Equal(AdminOutcome.Invalid, saved.Outcome);
        var publish = await Admin.PublishAsync(admin, draft.Document.Version);

        Assert.Equal(AdminOutcome.Invalid, publish.Outcome);
        Assert.Contains(publish.Problems, p => p.Code == "Credit.WeightsNotHundred");
        Assert.Contains(publish.Problems, p => p.Code == "Credit.ExitNotBelowEntry");
        Assert.Contains(publish.Problems, p => p.Code == "Credit.TierThresholdsUnordered");
        Assert.Equal(PolicyStatus.Draft, (await Admin.VersionsAsync()).Single(v => v.Version == draft.Document.Version).Status);
        var (_, previewProblems) = await Admin.PreviewAsync(bad);
        Assert.NotEmpty(previewProblems);

        // Put the draft back so other tests start from a valid one.
        await Admin.SaveDraftAsync(admin, draft.Document, stamp);
    }

    [Fact]
    public async Task Saving_a_draft_with_a_stale_stamp_is_a_conflict()
    {
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        var draft = await Admin.DraftAsync(admin);
        var (first, _) = await Admin.SaveDraftAsync(admin, draft.Document, draft.ConcurrencyStamp);
        var (second, _) = await Admin.SaveDraftAsync(admin, draft.Document, draft.ConcurrencyStamp);
        Assert.NotEqual(AdminOutcome.Conflict, first.Outcome);
        Assert.Equal(AdminOutcome.Conflict, second.Outcome);
    }

    [Fact]
    public async Task The_impact_preview_counts_every_account_and_an_unchanged_draft_moves_nobody()
    {
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        var draft = await Admin.DraftAsync(admin);
        await using var db = await host.Db.CreateDbContextAsync();
        var accounts = await db.CreditStates.CountAsync();

        var (same, _) = await Admin.PreviewAsync(draft.Document with
        {
            Indicators = draft.Document.Indicators,
            Tiers = [new(CreditTier.A, 90m, 85m), new(CreditTier.B, 70m, 65m), new(CreditTier.C, 0m, 0m)],
        });
        var (strict, _) = await Admin.PreviewAsync(draft.Document with
        {
            Tiers = [new(CreditTier.A, 100m, 99.99m), new(CreditTier.B, 99.98m, 99.97m), new(CreditTier.C, 0m, 0m)],
        });

        Assert.NotNull(same);
        Assert.Equal(accounts, same.AccountCount);
        Assert.Equal(accounts, same.Matrix.Sum(c => c.Count));
        Assert.Empty(same.Movers);
        // On the seeded data each row of the matrix holds exactly the accounts now in that tier, all on the diagonal.
        var byTier = await db.CreditStates.GroupBy(s => s.CurrentTier).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.True(byTier.Count >= 2, "the seed should spread accounts over at least two tiers");
        foreach (var tier in Enum.GetValues<CreditTier>())
            Assert.Equal(byTier.GetValueOrDefault(tier), same.Matrix.Where(c => c.From == tier && c.To == tier).Sum(c => c.Count));
        Assert.NotNull(strict);
        // Thresholds nobody reaches move accounts down only (new customers keep their start tier), and the movers are the off-diagonal.
        Assert.Equal(0, strict.Matrix.Where(c => c.To > c.From).Sum(c => c.Count));
        Assert.NotEmpty(strict.Movers);
        Assert.All(strict.Movers, m => Assert.True(m.To < m.From));
        Assert.Equal(strict.Matrix.Where(c => c.From != c.To).Sum(c => c.Count), strict.Movers.Count);
    }

    [Fact]
    public async Task Publishing_a_valid_draft_retires_the_old_version_and_re_evaluates_every_account_through_the_job()
    {
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        var draft = await Admin.DraftAsync(admin);
        var edited = draft.Document with
        {
            Indicators = draft.Document.Indicators.Select(i => i.Indicator switch
            {
                CreditIndicator.PaymentTimeliness => i with { WeightPercent = 45m },
                CreditIndicator.Contribution => i with { WeightPercent = 5m },
                _ => i,
            }).ToList(),
        };
        var (saved, _) = await Admin.SaveDraftAsync(admin, edited, draft.ConcurrencyStamp);
        Assert.Equal(AdminOutcome.Done, saved.Outcome);

        var result = await Admin.PublishAsync(admin, edited.Version);

        Assert.Equal(AdminOutcome.Done, result.Outcome);
        var versions = await Admin.VersionsAsync();
        Assert.Single(versions, v => v.Status == PolicyStatus.Published);
        Assert.Equal(edited.Version, versions.Single(v => v.Status == PolicyStatus.Published).Version);
        var source = CreditReview.PolicySource(edited.Version);
        await using var db = await host.Db.CreateDbContextAsync();
        var accounts = await db.Accounts.CountAsync();
        Assert.True(await host.EventuallyAsync(async d =>
            await d.CreditPointEvents.Where(e => e.SourceReference == source).Select(e => e.AccountId).Distinct().CountAsync() == accounts));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Credit.PolicyPublish" && a.Target == $"v{edited.Version}" && a.Outcome == "Success"));
        Assert.True(await host.EventuallyAsync(d => d.CreditReviewRuns.AnyAsync(r => r.Reason == $"policy:v{edited.Version}" && r.FinishedAtUtc != null && r.Done == accounts)));
    }

    [Fact]
    public async Task A_manual_adjustment_without_a_reason_is_refused_and_one_with_a_reason_reaches_the_ledger()
    {
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        await using var db = await host.Db.CreateDbContextAsync();
        var account = await db.Accounts.AsNoTracking().OrderBy(a => a.AccountNumber).Skip(5).FirstAsync();

        var refused = await Admin.AdjustAsync(admin, account.AccountNumber, CreditIndicator.Contribution, 5m, " ");
        Assert.Equal(AdminOutcome.Invalid, refused.Outcome);
        Assert.Equal("Credit.AdjustmentReasonRequired", refused.Problems.Single().Code);
        Assert.False(await db.CreditAdjustments.AnyAsync(a => a.AccountId == account.Id));
        Assert.Equal(AdminOutcome.NotFound, (await Admin.AdjustAsync(admin, "no-such-account", CreditIndicator.Contribution, 5m, "x")).Outcome);

        var done = await Admin.AdjustAsync(admin, account.AccountNumber, CreditIndicator.Contribution, -5m, "Meter tampering warning");

        Assert.Equal(AdminOutcome.Done, done.Outcome);
        Assert.True(await host.EventuallyAsync(d => d.CreditPointEvents.AnyAsync(e =>
            e.AccountId == account.Id && e.Kind == PointEventKind.ManualAdjustment && e.ReasonText == "Meter tampering warning")));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "Credit.Adjust" && a.Target == account.AccountNumber));
    }

    [Fact]
    public async Task Large_industrial_accounts_have_a_manager_and_the_customer_can_write_to_them()
    {
        var business = await host.UserAsync("business@demo.local", Roles.Customer);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.All(await db.Accounts.Where(a => a.ContractedCapacityKva >= 315m && a.Type != Portal.Domain.Accounts.CustomerType.Residential).ToListAsync(),
            a => Assert.NotNull(a.CustomerManagerId));
        var mine = await host.BoundAccountsAsync("business@demo.local");
        var managed = await db.Accounts.AsNoTracking().FirstAsync(a => mine.Contains(a.Id) && a.CustomerManagerId != null);
        var managerEmail = await db.Users.Where(u => u.Id == managed.CustomerManagerId).Select(u => u.Email!).SingleAsync();

        var view = await Credit.AccountAsync(business, managed.Id);
        Assert.NotNull(view?.Manager);
        Assert.Equal(MessageOutcome.Invalid, await Credit.SendToManagerAsync(business, managed.Id, "  "));
        Assert.Equal(MessageOutcome.Sent, await Credit.SendToManagerAsync(business, managed.Id, "Please call me about the transformer"));

        var workspace = host.Services.GetRequiredService<ManagerWorkspaceService>();
        var manager = await host.UserAsync(managerEmail, Roles.CustomerManager);
        var row = (await workspace.AccountsAsync(manager)).Single(r => r.AccountId == managed.Id);
        Assert.Contains(ManagerAlert.UnreadMessage, row.Alerts);
        var thread = await workspace.ThreadAsync(manager, managed.Id);
        Assert.Contains(thread!.Messages, m => m.FromCustomer && m.Body == "Please call me about the transformer");
        // Reading changes nothing; the manager's explicit "mark read" does.
        Assert.Contains(ManagerAlert.UnreadMessage, (await workspace.AccountsAsync(manager)).Single(r => r.AccountId == managed.Id).Alerts);
        Assert.True(await workspace.MarkReadAsync(manager, managed.Id) >= 1);
        Assert.DoesNotContain(ManagerAlert.UnreadMessage, (await workspace.AccountsAsync(manager)).Single(r => r.AccountId == managed.Id).Alerts);
        Assert.Equal(MessageOutcome.Sent, await workspace.ReplyAsync(manager, managed.Id, "Calling you at 3 pm"));

        var otherManagerEmail = managerEmail == "manager@demo.local" ? "manager2@demo.local" : "manager@demo.local";
        var other = await host.UserAsync(otherManagerEmail, Roles.CustomerManager);
        Assert.Null(await workspace.ThreadAsync(other, managed.Id));
        Assert.DoesNotContain(await workspace.AccountsAsync(other), r => r.AccountId == managed.Id);
    }

    [Fact]
    public async Task A_payment_recorded_elsewhere_is_picked_up_by_the_hourly_sweep_and_explained_in_the_ledger()
    {
        Guid billId, accountId;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            // A bill issued (and now paid) the way a billing feature would, outside the credit feature.
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            var account = await db.Accounts.AsNoTracking().OrderBy(a => a.AccountNumber).Skip(7).FirstAsync();
            var bill = new Portal.Domain.Billing.Bill(Guid.NewGuid(), account.Id, new DateOnly(2020, 1, 1), new DateOnly(2020, 2, 1), today.AddDays(-20),
                today.AddDays(-5), "XJ-RES-TIER", 100m, [new Portal.Domain.Billing.BillLine("E", "Energy.Tier1", 100m, "kWh", 0.5m, 50m)]);
            db.Bills.Add(bill);
            bill.RecordPayment(Guid.NewGuid(), today, bill.Outstanding, "test");
            await db.SaveChangesAsync();
            (billId, accountId) = (bill.Id, bill.AccountId);
        }

        var swept = await host.Services.GetRequiredService<CreditReviewJob>().RunRecentChangesAsync(CancellationToken.None);

        Assert.True(swept >= 1);
        await using var check = await host.Db.CreateDbContextAsync();
        Assert.True(await check.CreditPointEvents.AnyAsync(e => e.AccountId == accountId && e.SourceReference == $"bill:{billId}"
            && (e.Kind == PointEventKind.LatePayment || e.Kind == PointEventKind.BillPaidOnTime)));
    }

    [Fact]
    public async Task An_admin_can_override_the_manager_and_the_rule_never_undoes_it()
    {
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        var managers = host.Services.GetRequiredService<ManagerAssignmentService>();
        var options = await managers.ManagersAsync();
        Assert.Equal(2, options.Count);
        var household = (await host.BoundAccountsAsync("household@demo.local")).Single();

        Assert.False(await managers.OverrideAsync(admin, household, "not-a-manager"));
        Assert.True(await managers.OverrideAsync(admin, household, options[1].Id));
        await managers.AssignByRuleAsync([household]);

        await using var db = await host.Db.CreateDbContextAsync();
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == household);
        Assert.Equal(options[1].Id, account.CustomerManagerId);
        Assert.True(account.ManagerAssignedManually);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Credit.ManagerOverride" && a.Target == account.AccountNumber));
        var customer = await host.UserAsync("household@demo.local", Roles.Customer);
        Assert.Equal(options[1].Name, (await Credit.AccountAsync(customer, household))!.Manager!.Name);
    }

    [Theory]
    [InlineData(0, 8, null)]
    [InlineData(1, 7, ManagerAlert.HazardDueSoon)]
    [InlineData(2, 0, ManagerAlert.HazardDueSoon)]
    [InlineData(3, -1, ManagerAlert.HazardOverdue)]
    public async Task A_managers_workspace_flags_hazards_due_within_a_week_or_overdue(int slot, int deadlineInDays, ManagerAlert? expected)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        // An account with no open hazard of its own (one per case; highest numbers, away from the demo logins' accounts), given to a manager, so the alert comes from the hazard added here.
        var account = await db.Accounts.AsNoTracking()
            .Where(a => !db.Hazards.Any(h => h.AccountId == a.Id && h.State == HazardState.Open))
            .OrderByDescending(a => a.AccountNumber).Skip(slot).FirstAsync();
        var manager = await host.UserAsync("manager2@demo.local", Roles.CustomerManager);
        Assert.True(await host.Services.GetRequiredService<ManagerAssignmentService>()
            .OverrideAsync(await host.UserAsync("admin@demo.local", Roles.Admin), account.Id, AccountAccessService.UserId(manager)));
        await host.NewHazardAsync(account.Id, deadlineInDays, foundDaysAgo: 20);

        var row = (await host.Services.GetRequiredService<ManagerWorkspaceService>().AccountsAsync(manager)).Single(r => r.AccountId == account.Id);

        if (expected is { } alert) Assert.Contains(alert, row.Alerts);
        Assert.Equal(expected is null ? 0 : 1, row.Alerts.Count(a => a is ManagerAlert.HazardDueSoon or ManagerAlert.HazardOverdue));
    }
}
