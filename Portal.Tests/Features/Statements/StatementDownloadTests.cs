using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Statements;
using static Portal.Tests.Features.Statements.StatementTestHelpers;

namespace Portal.Tests.Features.Statements;

/// <summary>The download endpoint and the pages through the real app: ownership, endpoints, headers, audit, immutability.</summary>
[Collection(PortalCollection.Name)]
public class StatementDownloadTests(PortalHost host) : IClassFixture<PortalHost>
{
    private async Task<(Guid Id, string AccountNumber, DateOnly Period)> HouseholdStatementAsync(int skip = 0)
    {
        var accountId = await AccountOfAsync(host, "household@demo.local");
        var bill = await LatestBillAsync(host, accountId, skip);
        var id = (await host.Services.GetRequiredService<StatementIssuer>().IssueAsync(bill.Id)).StatementId!.Value;
        await using var db = await host.Db.CreateDbContextAsync();
        return (id, await db.Accounts.Where(a => a.Id == accountId).Select(a => a.AccountNumber).SingleAsync(), bill.PeriodStart);
    }

    [Fact]
    public async Task The_owner_downloads_the_stored_pdf_as_a_named_attachment_that_is_never_cached()
    {
        var (id, number, period) = await HouseholdStatementAsync();
        using var client = host.Client();
        await client.SignInAsync("household@demo.local");
        var response = await client.GetAsync($"/statements/{id}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"statement-{number}-{period:yyyy-MM}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await using var db = await host.Db.CreateDbContextAsync();
        var stored = await db.Statements.AsNoTracking().SingleAsync(s => s.Id == id);
        Assert.Equal(stored.Pdf, bytes);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "StatementDownloaded" && a.Target == $"statement:{id}" && a.Outcome == "Success"));
    }

    [Fact]
    public async Task Every_download_returns_the_same_bytes_with_the_stored_hash()
    {
        var (id, _, _) = await HouseholdStatementAsync();
        using var client = host.Client();
        await client.SignInAsync("household@demo.local");
        var first = await (await client.GetAsync($"/statements/{id}/pdf")).Content.ReadAsByteArrayAsync();
        var second = await (await client.GetAsync($"/statements/{id}/pdf")).Content.ReadAsByteArrayAsync();
        Assert.Equal(first, second);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(await db.Statements.Where(s => s.Id == id).Select(s => s.Sha256).SingleAsync(), Convert.ToHexStringLower(SHA256.HashData(second)));
    }

    [Fact]
    public async Task Issuing_a_bill_twice_keeps_the_first_statement()
    {
        var (id, _, _) = await HouseholdStatementAsync();
        await using var db = await host.Db.CreateDbContextAsync();
        var billId = await db.Statements.Where(s => s.Id == id).Select(s => s.BillId).SingleAsync();
        var again = await host.Services.GetRequiredService<StatementIssuer>().IssueAsync(billId);
        Assert.Equal((IssueOutcome.AlreadyIssued, (Guid?)id), (again.Outcome, again.StatementId));
        Assert.Equal(1, await db.Statements.CountAsync(s => s.BillId == billId));
    }

    [Fact]
    public async Task A_correction_is_a_new_revision_and_the_original_bytes_stay_downloadable_unchanged()
    {
        var (id, number, period) = await HouseholdStatementAsync(skip: 1);
        await using var db = await host.Db.CreateDbContextAsync();
        var originalHash = await db.Statements.Where(s => s.Id == id).Select(s => s.Sha256).SingleAsync();

        var correctionId = await host.Services.GetRequiredService<StatementIssuer>().CorrectAsync(id, "Meter re-read");
        var correction = await db.Statements.AsNoTracking().SingleAsync(s => s.Id == correctionId);
        Assert.Equal((2, (Guid?)id, "Meter re-read"), (correction.Revision, correction.SupersedesId, correction.CorrectionReason));

        using var client = host.Client();
        await client.SignInAsync("household@demo.local");
        var original = await client.GetAsync($"/statements/{id}/pdf");
        Assert.Equal(originalHash, Convert.ToHexStringLower(SHA256.HashData(await original.Content.ReadAsByteArrayAsync())));
        var corrected = await client.GetAsync($"/statements/{correctionId}/pdf");
        Assert.Equal($"statement-{number}-{period:yyyy-MM}-r2.pdf", corrected.Content.Headers.ContentDisposition?.FileNameStar ?? corrected.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(correction.Sha256, Convert.ToHexStringLower(SHA256.HashData(await corrected.Content.ReadAsByteArrayAsync())));

        var page = await client.Http.GetStringAsync($"/statements/{id}");
        Assert.Contains($"/statements/{correctionId}", page); // the original points to its correction
    }

    [Fact]
    public async Task Another_customers_statement_is_not_found_for_the_pdf_and_the_page()
    {
        var (id, number, _) = await HouseholdStatementAsync();
        using var client = host.Client();
        await client.SignInAsync("neighbour@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/statements/{id}/pdf")).StatusCode);
        var response = await client.GetAsync($"/statements/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(number, page);
        Assert.Contains("页面不存在", page); // no Accept-Language: the default culture, zh-CN
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "StatementDownloaded" && a.Target == $"statement:{id}" && a.Outcome == "NotFound"));
    }

    [Fact]
    public async Task The_owner_sees_the_html_twin_with_the_same_amounts()
    {
        var (id, number, _) = await HouseholdStatementAsync();
        await using var db = await host.Db.CreateDbContextAsync();
        var doc = StatementIssuer.ReadContent(await db.Statements.Where(s => s.Id == id).Select(s => s.Content).SingleAsync())!;
        using var client = host.Client();
        await client.SignInAsync("household@demo.local");
        var page = await client.Http.GetStringAsync($"/statements/{id}");
        Assert.Contains(number, page);
        Assert.Contains(doc.Balance.AmountDue.ToString("#,##0.00", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), page);
        Assert.Contains("<th scope=\"col\"", page);
    }

    [Fact]
    public async Task Staff_download_on_the_internal_endpoint_but_not_on_the_public_one()
    {
        var (id, _, _) = await HouseholdStatementAsync();
        using var publicClient = host.Client();
        await publicClient.SignInAsync("handler@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await publicClient.GetAsync($"/statements/{id}/pdf")).StatusCode);

        using var internalClient = host.Client(@internal: true);
        await internalClient.SignInAsync("handler@demo.local");
        var response = await internalClient.GetAsync($"/statements/{id}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_customer_on_the_internal_endpoint_gets_not_found_even_for_their_own_statement()
    {
        var (id, _, _) = await HouseholdStatementAsync();
        using var client = host.Client(@internal: true);
        await client.SignInAsync("household@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/statements/{id}/pdf")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var (id, _, _) = await HouseholdStatementAsync();
        using var client = host.Client();
        var response = await client.GetAsync($"/statements/{id}/pdf");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task An_unknown_statement_is_not_found()
    {
        using var client = host.Client();
        await client.SignInAsync("household@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/statements/{Guid.NewGuid()}/pdf")).StatusCode);
    }

    [Fact]
    public async Task A_customer_cannot_issue_a_statement_for_someone_elses_bill()
    {
        var household = await AccountOfAsync(host, "household@demo.local");
        var bill = await LatestBillAsync(host, household, skip: 2);
        var neighbour = await PrincipalAsync("neighbour@demo.local");
        var service = host.Services.GetRequiredService<StatementService>();
        Assert.Null(await service.IssueForBillAsync(neighbour, bill.Id, Portal.Infrastructure.Security.EndpointKind.Public));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.Statements.AnyAsync(s => s.BillId == bill.Id));
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(string email)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, id), new(System.Security.Claims.ClaimTypes.Role, Portal.Data.Roles.Customer)], "test"));
    }
}

/// <summary>Tampering with stored bytes, on its own portal so the damage does not leak into other tests.</summary>
[Collection(PortalCollection.Name)]
public class StatementIntegrityTests(StatementIntegrityTests.Host host) : IClassFixture<StatementIntegrityTests.Host>
{
    public sealed class Host() : PortalHost(8, 2);

    [Fact]
    public async Task Bytes_changed_after_issue_are_never_served_and_the_refusal_is_audited()
    {
        var accountId = await AccountOfAsync(host, "household@demo.local");
        var bill = await LatestBillAsync(host, accountId);
        var id = (await host.Services.GetRequiredService<StatementIssuer>().IssueAsync(bill.Id)).StatementId!.Value;
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var pdf = await db.Statements.Where(s => s.Id == id).Select(s => s.Pdf).SingleAsync();
            pdf[^10] ^= 0x20;
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Statements SET Pdf = {pdf} WHERE Id = {id}");
        }
        using var client = host.Client();
        await client.SignInAsync("household@demo.local");
        var response = await client.GetAsync($"/statements/{id}/pdf");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        await using var check = await host.Db.CreateDbContextAsync();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Target == $"statement:{id}" && a.Outcome == "IntegrityFailure"));
    }

    [Fact]
    public async Task An_on_demand_issue_by_the_customer_is_audited()
    {
        var accountId = await AccountOfAsync(host, "household@demo.local");
        var bill = await LatestBillAsync(host, accountId, skip: 1);
        await using var db = await host.Db.CreateDbContextAsync();
        var userId = await db.Users.Where(u => u.Email == "household@demo.local").Select(u => u.Id).SingleAsync();
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, userId), new(System.Security.Claims.ClaimTypes.Role, Portal.Data.Roles.Customer)], "test"));
        var id = await host.Services.GetRequiredService<StatementService>().IssueForBillAsync(user, bill.Id, Portal.Infrastructure.Security.EndpointKind.Public);
        Assert.NotNull(id);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "StatementIssued" && a.Target == $"statement:{id}"));
    }
}
