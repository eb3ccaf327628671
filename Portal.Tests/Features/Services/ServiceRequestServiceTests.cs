using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Service;
using Portal.Features.Accounts;
using Portal.Features.Services;
using Portal.Tests.Features.Credit;

namespace Portal.Tests.Features.Services;

/// <summary>Service requests through the real service on the seeded app.</summary>
[Collection(PortalCollection.Name)]
public class ServiceRequestServiceTests(PortalHost host) : IClassFixture<PortalHost>
{
    private ServiceRequestService Requests => host.Services.CreateScope().ServiceProvider.GetRequiredService<ServiceRequestService>();

    [Fact]
    public async Task A_customer_requests_a_service_once_a_second_open_request_is_refused_and_both_are_told()
    {
        var household = await host.UserAsync("household@demo.local", Roles.Customer);
        var account = (await host.BoundAccountsAsync("household@demo.local")).Single();

        var first = await Requests.RequestAsync(household, account, ServiceCodes.HeatingSeasonCheck, ServiceTeam.Safety, ServiceRequestOrigin.ServiceMenu, null, "mornings");
        var second = await Requests.RequestAsync(household, account, ServiceCodes.HeatingSeasonCheck, ServiceTeam.Safety, ServiceRequestOrigin.ServiceMenu, null, null);

        Assert.Equal(ServiceRequestOutcomeKind.Created, first.Kind);
        Assert.Equal(ServiceRequestOutcomeKind.AlreadyOpen, second.Kind);
        Assert.Equal(first.RequestId, second.RequestId);
        var rows = await Requests.ForAccountAsync(household, account);
        var row = Assert.Single(rows, r => r.ServiceCode == ServiceCodes.HeatingSeasonCheck);
        Assert.Equal(("mornings", ServiceRequestStatus.Open), (row.Note, row.Status));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.ServiceRequests.CountAsync(r => r.AccountId == account && r.ServiceCode == ServiceCodes.HeatingSeasonCheck));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == ServiceRequestService.RequestedAction && a.Target == $"{account}/{first.RequestId}"));
        var userId = AccountAccessService.UserId(household);
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == userId && n.Kind == "ServiceRequested"));
    }

    [Fact]
    public async Task A_request_for_the_customer_manager_is_assigned_to_the_accounts_manager_and_the_manager_is_told()
    {
        var business = await host.UserAsync("business@demo.local", Roles.Customer);
        await using var db = await host.Db.CreateDbContextAsync();
        var bound = await host.BoundAccountsAsync("business@demo.local");
        var managed = await db.Accounts.AsNoTracking().Where(a => bound.Contains(a.Id) && a.CustomerManagerId != null)
            .Select(a => new { a.Id, a.CustomerManagerId }).FirstAsync();

        var outcome = await Requests.RequestAsync(business, managed.Id, ServiceCodes.TouSwitch, ServiceTeam.CustomerManager, ServiceRequestOrigin.ServiceMenu, null, null);

        var stored = await db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == outcome.RequestId);
        Assert.Equal(managed.CustomerManagerId, stored.AssignedUserId);
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == managed.CustomerManagerId && n.Kind == "ServiceRequestAssigned"));
    }

    [Fact]
    public async Task A_customer_cannot_request_a_service_for_someone_elses_account_and_nothing_is_written()
    {
        var neighbour = await host.UserAsync("neighbour@demo.local", Roles.Customer);
        var household = (await host.BoundAccountsAsync("household@demo.local")).Single();

        var outcome = await Requests.RequestAsync(neighbour, household, ServiceCodes.AutoPay, ServiceTeam.Billing, ServiceRequestOrigin.ServiceMenu, null, null);

        Assert.Equal(ServiceRequestOutcomeKind.Forbidden, outcome.Kind);
        Assert.Empty(await Requests.ForAccountAsync(neighbour, household));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.ServiceRequests.AnyAsync(r => r.AccountId == household && r.ServiceCode == ServiceCodes.AutoPay));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == ServiceRequestService.RequestedAction && a.Outcome == "Denied"));
    }

    [Fact]
    public async Task An_invalid_request_returns_the_rules_message_key_and_writes_nothing()
    {
        var household = await host.UserAsync("household@demo.local", Roles.Customer);
        var account = (await host.BoundAccountsAsync("household@demo.local")).Single();

        var tooLong = await Requests.RequestAsync(household, account, ServiceCodes.EStatements, ServiceTeam.Billing, ServiceRequestOrigin.ServiceMenu, null, new string('x', 501));
        var badCode = await Requests.RequestAsync(household, account, "Not A Code", ServiceTeam.Billing, ServiceRequestOrigin.ServiceMenu, null, null);

        Assert.Equal((ServiceRequestOutcomeKind.Invalid, "ServiceRequest.NoteTooLong"), (tooLong.Kind, tooLong.ErrorKey));
        Assert.Equal((ServiceRequestOutcomeKind.Invalid, "ServiceRequest.UnknownService"), (badCode.Kind, badCode.ErrorKey));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.ServiceRequests.AnyAsync(r => r.AccountId == account && (r.ServiceCode == ServiceCodes.EStatements || r.ServiceCode == "Not A Code")));
    }
}
