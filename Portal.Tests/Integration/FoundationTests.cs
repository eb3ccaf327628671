using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Complaints;
using Portal.Infrastructure.Audit;

namespace Portal.Tests.Integration;

/// <summary>The app starts on a fresh SQLite file, migrates, seeds, and keeps the two endpoints apart.</summary>
[Collection(PortalCollection.Name)]
public class FoundationTests(PortalHost host) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task A_fresh_database_is_migrated_and_seeded_with_a_small_utility()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(12, await db.Accounts.CountAsync());
        Assert.True(await db.AccountDays.CountAsync() > 12 * 60);
        Assert.True(await db.Bills.CountAsync() > 12);
        Assert.True(await db.Payments.CountAsync() > 0);
        Assert.True(await db.Hazards.CountAsync() > 0);
        // Complaints in every state.
        var states = await db.Complaints.Select(c => c.Status).Distinct().ToListAsync();
        Assert.Equal(Enum.GetValues<ComplaintStatus>().Length, states.Count);
    }

    [Fact]
    public async Task Seeded_bills_match_their_line_items_to_the_fen()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var bills = await db.Bills.Include(b => b.Lines).Take(20).ToListAsync();
        Assert.NotEmpty(bills);
        foreach (var b in bills)
            Assert.Equal(Math.Round(b.Lines.Sum(l => l.Amount), 2, MidpointRounding.AwayFromZero), b.Amount);
    }

    [Fact]
    public async Task The_health_endpoint_reports_a_reachable_database()
    {
        using var client = host.Client();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    [InlineData("/")]
    public async Task Public_endpoint_serves_customer_pages(string path)
    {
        using var client = host.Client();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/backoffice")]
    [InlineData("/backoffice/mail")]
    [InlineData("/backoffice/audit")]
    [InlineData("/jobs")]
    [InlineData("/jobs/recurring")]
    public async Task Back_office_routes_answer_404_on_the_public_endpoint(string path)
    {
        using var client = host.Client();
        await client.SignInAsync("admin@demo.local");
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Back_office_is_served_on_the_internal_endpoint_to_staff()
    {
        using var client = host.Client(@internal: true);
        var signIn = await client.SignInAsync("handler@demo.local");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var response = await client.GetAsync("/backoffice");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_job_dashboard_is_for_admins_on_the_internal_endpoint_only()
    {
        using var anonymous = host.Client(@internal: true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/jobs")).StatusCode);

        using var handler = host.Client(@internal: true);
        await handler.SignInAsync("handler@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.GetAsync("/jobs")).StatusCode);

        using var admin = host.Client(@internal: true);
        await admin.SignInAsync("admin@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_fails_and_is_audited()
    {
        using var client = host.Client();
        var response = await client.SignInAsync("neighbour@demo.local", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form is shown again with a message
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "SignIn" && a.Target == "user:neighbour@demo.local" && a.Outcome == "Failure"));
    }

    [Fact]
    public void Hsts_lasts_a_year_and_covers_subdomains()
    {
        // UseHsts only runs outside Development and never for loopback hosts, so the options are what can be checked here.
        var hsts = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.HttpsPolicy.HstsOptions>>().Value;
        Assert.Equal(TimeSpan.FromDays(365), hsts.MaxAge);
        Assert.True(hsts.IncludeSubDomains);
    }

    [Fact]
    public async Task Security_headers_are_set_on_pages()
    {
        using var client = host.Client();
        var response = await client.GetAsync("/Account/Login");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline' 'unsafe-eval", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task The_brand_theme_is_served_under_theme()
    {
        using var client = host.Client();
        var css = await client.Http.GetStringAsync("/theme/theme.css");
        Assert.Contains("--pm-primary", css);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/theme/logo.svg")).StatusCode);
    }

    [Fact]
    public async Task The_audit_chain_verifies_and_detects_a_modified_record()
    {
        var audit = host.Services.GetRequiredService<AuditService>();
        await audit.RecordAsync(new AuditEvent("TestAction", "test:1"));
        await audit.RecordAsync(new AuditEvent("TestAction", "test:2"));
        Assert.True((await audit.VerifyAsync()).Intact);

        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var entry = await db.AuditEntries.OrderByDescending(a => a.Id).Skip(1).FirstAsync();
            entry.Target = "test:tampered";
            await db.SaveChangesAsync();
        }
        var result = await audit.VerifyAsync();
        Assert.False(result.Intact);

        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Target == "test:tampered");
            entry.Target = "test:1";
            await db.SaveChangesAsync();
        }
        Assert.True((await audit.VerifyAsync()).Intact);
    }
}
