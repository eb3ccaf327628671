using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Marketing;
using Portal.Features.Complaints;
using Portal.Features.Demo;
using Portal.Features.Marketing;

namespace Portal.Tests.Features.Marketing;

/// <summary>The real portal with 60 demo accounts (a month of readings is enough: the analysis reads events, not readings).</summary>
public sealed class AssociationHost() : PortalHost(60, 1)
{
    public AssociationAnalysisService Analysis => Services.CreateScope().ServiceProvider.GetRequiredService<AssociationAnalysisService>();

    public static ClaimsPrincipal Admin => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "admin-test"), new Claim(ClaimTypes.Name, "admin@demo.local"), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));

    /// <summary>Low thresholds so that even 60 accounts give rules to look at.</summary>
    public static readonly AssociationRunRequest Loose = new(Months: 12, MinSupport: 0.02, MinConfidence: 0.05, MaxItems: 2);
}

[Collection(PortalCollection.Name)]
public class AssociationAnalysisTests(AssociationHost host) : IClassFixture<AssociationHost>
{
    [Fact]
    public async Task Seeding_writes_the_planted_outcomes_as_real_complaints_and_alerts_on_accounts_without_a_demo_login()
    {
        var today = DemoSeeder.Today(TimeProvider.System);
        var specs = new DemoDataGenerator().Accounts(60, today).ToList();
        var planted = specs.SelectMany(s => DemoPlantedAssociations.Outcomes(s, today).Select(o => (s.Id, o))).ToList();
        Assert.NotEmpty(planted);
        Assert.DoesNotContain(planted, p => specs.Take(DemoPlantedAssociations.FirstAccount).Any(s => s.Id == p.Id));

        await using var db = await host.Db.CreateDbContextAsync();
        var window = AnalysisWindow.LastMonths(today, 12);
        var outcomes = await AssociationData.OutcomesAsync(db, window, CancellationToken.None);
        foreach (var (id, outcome) in planted)
            Assert.Contains(new OutcomeEvent(id, outcome), outcomes);
        var complaints = await db.Complaints.CountAsync(c => c.IdempotencyKey.StartsWith("demo-assoc-"));
        Assert.Equal(planted.Count(p => p.o.StartsWith(MarketingVocabulary.ComplaintPrefix)), complaints);
    }

    [Fact]
    public async Task A_run_stores_every_tested_rule_and_the_page_reads_the_latest_run()
    {
        var runId = await host.Analysis.RunNowAsync(AssociationHost.Admin, AssociationHost.Loose);

        var run = await host.Analysis.LatestRunAsync();
        Assert.Equal(runId, run!.Id);
        Assert.Equal(60, run.Accounts);
        Assert.Equal("admin@demo.local", run.TriggeredBy);
        var all = await host.Analysis.RulesAsync(runId, includeNotSignificant: true);
        // The page lists at most MaxRulesShown rules, best first (the demo's own usage refresh adds segment and alert items).
        Assert.Equal(Math.Min(run.RulesTested, AssociationAnalysisService.MaxRulesShown), all.Count);
        Assert.Equal(Enumerable.Range(1, all.Count), all.Select(r => r.Rank));
        var significant = await host.Analysis.RulesAsync(runId, includeNotSignificant: false);
        Assert.Equal(run.RulesSignificant, significant.Count);
        Assert.All(significant, r => Assert.True(r.Significant && r.QValue <= 0.05 && r.RiskRatio > 1));
        Assert.All(all, r => Assert.True(r.Support >= 0.02 - 1e-12 && r.Confidence >= 0.05 - 1e-12));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AssociationAnalysisService.RunAction && a.Target == $"association-run:{runId}"));
    }

    [Fact]
    public async Task The_target_list_holds_exactly_the_rule_accounts_masked_with_their_events_and_its_view_is_audited()
    {
        var runId = await host.Analysis.RunNowAsync(AssociationHost.Admin, AssociationHost.Loose);
        var rule = (await host.Analysis.RulesAsync(runId, includeNotSignificant: true)).First(r => r.WithBoth > 0);

        var targets = await host.Analysis.TargetsAsync(AssociationHost.Admin, rule.Id);

        Assert.Equal(rule.WithBoth, targets.Count);
        Assert.All(targets, t => Assert.NotEmpty(t.Events));
        await using var db = await host.Db.CreateDbContextAsync();
        var names = await db.Accounts.Where(a => targets.Select(t => t.AccountId).Contains(a.Id)).Select(a => a.HolderName).ToListAsync();
        Assert.All(targets, t => Assert.DoesNotContain(t.HolderMasked, names));
        Assert.All(targets, t => Assert.Contains('*', t.AccountNumber));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AssociationAnalysisService.TargetsAction && a.Target == $"association-rule:{rule.Id}"));
    }

    [Fact]
    public async Task The_page_is_served_to_an_admin_on_the_internal_endpoint_only()
    {
        using var admin = host.Client(@internal: true);
        await admin.SignInAsync("admin@demo.local");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("/backoffice/marketing/associations")).StatusCode);

        using var handler = host.Client(@internal: true);
        await handler.SignInAsync("handler@demo.local");
        var refused = await handler.GetAsync("/backoffice/marketing/associations");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.ToString());

        using var outside = host.Client();
        await outside.SignInAsync("admin@demo.local");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await outside.GetAsync("/backoffice/marketing/associations")).StatusCode);
    }

    [Fact]
    public async Task The_nightly_run_happens_once_a_day_however_often_the_job_is_started()
    {
        var job = host.Services.GetRequiredService<AssociationMiningJob>();
        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.Set<AssociationRunRow>().CountAsync(r => r.TriggeredBy == AssociationMiningJob.Nightly));
    }
}
