using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Credit;
using Portal.Domain.Safety;
using Portal.Features.Accounts;
using Portal.Features.Credit;

namespace Portal.Tests.Features.Credit;

/// <summary>Hazard tracker, admin policy and adjustments, managers — through the real services on the seeded app.</summary>
[Collection(PortalCollection.Name)]
public class CreditWorkflowTests(PortalHost host) : IClassFixture<PortalHost>
{
    private CreditService Credit => host.Services.GetRequiredService<CreditService>();
    private HazardService Hazards => host.Services.GetRequiredService<HazardService>();
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

    private async Task<Hazard> OpenHazardOfHouseholdAsync()
    {
        var own = (await host.BoundAccountsAsync("household@demo.local")).Single();
        return await host.NewHazardAsync(own);
    }

    [Fact]
    public async Task A_reported_fix_needs_a_real_image_within_the_size_limit_and_nothing_is_written_otherwise()
    {
        var household = await host.UserAsync("household@demo.local", Roles.Customer);
        var hazard = await OpenHazardOfHouseholdAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var folder = Path.Combine(host.DataFolder, "hazard-photos", hazard.Id.ToString("N"));

        var text = "GIF89a not really"u8.ToArray();
        Assert.Equal(HazardOutcome.NotAnImage, (await Hazards.ReportFixedAsync(household, hazard.Id, today, "done", new MemoryStream(text), text.Length)).Outcome);
        var big = new byte[5 * 1024 * 1024 + 1];
        CreditTestSupport.Png.CopyTo(big, 0);
        Assert.Equal(HazardOutcome.TooLarge, (await Hazards.ReportFixedAsync(household, hazard.Id, today, "done", new MemoryStream(big), big.Length)).Outcome);
        Assert.Equal(HazardOutcome.PhotoRequired, (await Hazards.ReportFixedAsync(household, hazard.Id, today, "done", new MemoryStream(), 0)).Outcome);
        var refused = await Hazards.ReportFixedAsync(household, hazard.Id, hazard.FoundOn.AddDays(-1), "done", new MemoryStream(CreditTestSupport.Png), CreditTestSupport.Png.Length);
        Assert.Equal(new HazardResult(HazardOutcome.Refused, "Safety.FixedBeforeFound"), refused);

        Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any());
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(HazardState.Open, (await db.Hazards.AsNoTracking().SingleAsync(h => h.Id == hazard.Id)).State);
    }

    [Fact]
    public async Task A_photo_of_exactly_the_limit_is_accepted()
    {
        var business = await host.UserAsync("business@demo.local", Roles.Customer);
        var accounts = await host.BoundAccountsAsync("business@demo.local");
        await using var db = await host.Db.CreateDbContextAsync();
        var hazard = await host.NewHazardAsync(accounts[0]);
        var exact = new byte[5 * 1024 * 1024];
        CreditTestSupport.Jpeg.CopyTo(exact, 0);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        var result = await Hazards.ReportFixedAsync(business, hazard.Id, today, null, new MemoryStream(exact), exact.Length);

        Assert.Equal(HazardOutcome.Done, result.Outcome);
        var stored = await db.Hazards.AsNoTracking().SingleAsync(h => h.Id == hazard.Id);
        Assert.EndsWith(".jpg", stored.PhotoFileReference);
        Assert.True(File.Exists(Hazards.PhotoPath(stored.PhotoFileReference!)));
    }

    [Fact]
    public async Task A_customer_reports_a_fix_staff_verify_it_and_the_score_moves_through_the_job()
    {
        var household = await host.UserAsync("household@demo.local", Roles.Customer);
        var staff = await host.UserAsync("handler@demo.local", Roles.ComplaintHandler);
        var hazard = await OpenHazardOfHouseholdAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var neighbour = await host.UserAsync("neighbour@demo.local", Roles.Customer);
        Assert.Equal(HazardOutcome.NotFound,
            (await Hazards.ReportFixedAsync(neighbour, hazard.Id, today, "mine", new MemoryStream(CreditTestSupport.Png), CreditTestSupport.Png.Length)).Outcome);

        var reported = await Hazards.ReportFixedAsync(household, hazard.Id, today, "replaced the breaker", new MemoryStream(CreditTestSupport.Png), CreditTestSupport.Png.Length);
        Assert.Equal(HazardOutcome.Done, reported.Outcome);
        Assert.Contains(await Hazards.AwaitingVerificationAsync(), h => h.Id == hazard.Id);
        var stored = (await Hazards.MineAsync(household)).Single(h => h.Id == hazard.Id);
        Assert.Equal(HazardState.ReportedFixed, stored.State);
        Assert.True(stored.HasPhoto);
        using (var owner = host.Client())
        {
            await owner.SignInAsync("household@demo.local");
            var photo = await owner.GetAsync($"/hazards/{hazard.Id}/photo");
            Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
            Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        }
        using (var inspector = host.Client(@internal: true))
        {
            await inspector.SignInAsync("handler@demo.local");
            Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"/backoffice/hazards/{hazard.Id}/photo")).StatusCode);
        }
        Assert.DoesNotContain("wwwroot", Hazards.PhotoPath("x"));

        Assert.Equal(HazardOutcome.Done, (await Hazards.VerifyAsync(staff, hazard.Id)).Outcome);

        var source = $"hazard:{hazard.Id}:fixed";
        Assert.True(await host.EventuallyAsync(db => db.CreditPointEvents.AnyAsync(e => e.AccountId == hazard.AccountId && e.SourceReference == source)),
            "the verified fix should reach the ledger through the re-evaluation job");
        await using var check = await host.Db.CreateDbContextAsync();
        var state = await check.CreditStates.Include(s => s.Events).SingleAsync(s => s.AccountId == hazard.AccountId);
        Assert.Equal(state.CurrentScore, state.Events.Sum(e => e.PointsDelta));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "Safety.HazardVerified" && a.Target == hazard.Id.ToString()));
    }

    [Fact]
    public async Task Rejecting_a_fix_needs_a_reason_and_reopens_the_hazard()
    {
        var staff = await host.UserAsync("handler@demo.local", Roles.ComplaintHandler);
        await using var db = await host.Db.CreateDbContextAsync();
        var waiting = await db.Hazards.AsNoTracking().FirstAsync(h => h.State == HazardState.ReportedFixed && h.PhotoFileReference!.StartsWith("demo/"));

        Assert.Equal(HazardOutcome.ReasonRequired, (await Hazards.RejectAsync(staff, waiting.Id, "  ")).Outcome);
        Assert.Equal(HazardOutcome.Done, (await Hazards.RejectAsync(staff, waiting.Id, "The photo does not show the breaker")).Outcome);

        var after = await db.Hazards.AsNoTracking().SingleAsync(h => h.Id == waiting.Id);
        Assert.Equal(HazardState.Open, after.State);
        Assert.Equal("The photo does not show the breaker", after.LastRejectionReason);
    }

    [Fact]
    public async Task Hazard_photos_are_served_to_their_owner_only_and_the_staff_route_is_not_on_the_public_endpoint()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var own = (await host.BoundAccountsAsync("household@demo.local")).Single();
        var hazardId = await db.Hazards.Where(h => h.AccountId == own).Select(h => h.Id).FirstAsync();

        using var neighbour = host.Client();
        await neighbour.SignInAsync("neighbour@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/hazards/{hazardId}/photo")).StatusCode);

        using var admin = host.Client();
        await admin.SignInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/backoffice/hazards/{hazardId}/photo")).StatusCode);
    }

    [Theory]
    [InlineData("/credit")]
    [InlineData("/hazards")]
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

    [Fact]
    public async Task A_fix_verified_on_time_raises_the_score_when_an_earlier_hazard_was_fixed_late()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Guid account;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            // An account with no hazard history, so the on-time rate goes from 0 % (one late fix) to 50 %, across the
            // seed policy's 50-point band.
            account = await db.Accounts.Where(a => !db.Hazards.Any(h => h.AccountId == a.Id)).OrderBy(a => a.AccountNumber).Select(a => a.Id).FirstAsync();
            // An earlier hazard fixed ten days after its deadline: the on-time rectification rate is 0 %.
            var inspection = Inspection.Record(account, today.AddDays(-60), "test inspector", $"L-{Guid.NewGuid():N}"[..20]);
            var late = inspection.FindHazard("loose neutral", HazardSeverity.Minor, today.AddDays(-30));
            late.ReportFixed(today.AddDays(-20), today.AddDays(-20), "fixed late", "late.png");
            late.Verify("test-staff", today.AddDays(-20));
            db.Inspections.Add(inspection);
            db.Hazards.Add(late);
            await db.SaveChangesAsync();
        }
        // A new hazard found at an inspection; the review records it before anything is fixed.
        var hazard = await host.NewHazardAsync(account);
        await host.Services.GetRequiredService<CreditReviewJob>().RunAccountAsync(account, CancellationToken.None);
        var before = await ScoreAsync(account);

        // Reported fixed on time (the customer's side is covered above), then verified by staff.
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var stored = await db.Hazards.SingleAsync(h => h.Id == hazard.Id);
            stored.ReportFixed(today, today, "new breaker", "fix.png");
            await db.SaveChangesAsync();
        }
        var staff = await host.UserAsync("handler@demo.local", Roles.ComplaintHandler);
        Assert.Equal(HazardOutcome.Done, (await Hazards.VerifyAsync(staff, hazard.Id)).Outcome);

        var source = $"hazard:{hazard.Id}:fixed";
        Assert.True(await host.EventuallyAsync(db => db.CreditPointEvents.AnyAsync(e => e.AccountId == account && e.SourceReference == source)));
        await using var check = await host.Db.CreateDbContextAsync();
        var fixLines = await check.CreditPointEvents.Where(e => e.AccountId == account && e.SourceReference == source).ToListAsync();
        Assert.All(fixLines, l => Assert.Equal(PointEventKind.HazardFixedOnTime, l.Kind));
        Assert.True(fixLines.Sum(l => l.PointsDelta) > 0, $"an on-time fix should add points, got {fixLines.Sum(l => l.PointsDelta)}");
        Assert.True(await ScoreAsync(account) > before);
    }

    private async Task<decimal> ScoreAsync(Guid accountId)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.CreditStates.Where(s => s.AccountId == accountId).Select(s => s.CurrentScore).SingleAsync();
    }
}
