using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Credit;
using Portal.Domain.Safety;
using Portal.Features.Credit;
using Portal.Features.Safety;
using Portal.Tests.Features.Credit;

namespace Portal.Tests.Features.Safety;

/// <summary>The hazard tracker through the real services on the seeded app: reporting a fix, staff verification, photos, and the credit loop.</summary>
[Collection(PortalCollection.Name)]
public class HazardWorkflowTests(PortalHost host) : IClassFixture<PortalHost>
{
    private HazardService Hazards => host.Services.GetRequiredService<HazardService>();

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
        SafetyTestSupport.Png.CopyTo(big, 0);
        Assert.Equal(HazardOutcome.TooLarge, (await Hazards.ReportFixedAsync(household, hazard.Id, today, "done", new MemoryStream(big), big.Length)).Outcome);
        Assert.Equal(HazardOutcome.PhotoRequired, (await Hazards.ReportFixedAsync(household, hazard.Id, today, "done", new MemoryStream(), 0)).Outcome);
        var refused = await Hazards.ReportFixedAsync(household, hazard.Id, hazard.FoundOn.AddDays(-1), "done", new MemoryStream(SafetyTestSupport.Png), SafetyTestSupport.Png.Length);
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
        SafetyTestSupport.Jpeg.CopyTo(exact, 0);
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
            (await Hazards.ReportFixedAsync(neighbour, hazard.Id, today, "mine", new MemoryStream(SafetyTestSupport.Png), SafetyTestSupport.Png.Length)).Outcome);

        var reported = await Hazards.ReportFixedAsync(household, hazard.Id, today, "replaced the breaker", new MemoryStream(SafetyTestSupport.Png), SafetyTestSupport.Png.Length);
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

    [Fact]
    public async Task The_hazards_page_renders_for_a_signed_in_customer()
    {
        using var client = host.Client();
        await client.SignInAsync("household@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hazards")).StatusCode);
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
