using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.BackOffice;

namespace Portal.Tests.Features.BackOffice;

[Collection(PortalCollection.Name)]
public class PersonalDataRevealTests(PortalHost host) : IClassFixture<PortalHost>
{
    private static ClaimsPrincipal Staff(string userId, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, $"{userId}@test"), new Claim(ClaimTypes.Role, role)], "test"));

    private PersonalDataRevealService Service => host.Services.GetRequiredService<PersonalDataRevealService>();

    private async Task<(Guid Id, string Phone, string Address, string Holder, string? ManagerId)> AccountAsync(bool managed)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var a = await db.Accounts.AsNoTracking().Where(a => managed ? a.CustomerManagerId != null : a.CustomerManagerId == null)
            .OrderBy(a => a.AccountNumber).FirstAsync();
        return (a.Id, a.Phone, a.Address, a.HolderName, a.CustomerManagerId);
    }

    private async Task<List<Portal.Infrastructure.Audit.AuditEntry>> AuditFor(Guid accountId, PersonalField field, string userId)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var target = $"account:{accountId}:{field}";
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == PersonalDataRevealService.AuditAction && a.Target == target && a.UserId == userId).ToListAsync();
    }

    [Fact]
    public async Task A_handler_with_a_reason_sees_the_full_value_and_the_reveal_is_audited_with_the_reason()
    {
        var account = await AccountAsync(managed: false);
        var result = await Service.RevealAsync(Staff("handler-1", Roles.ComplaintHandler), account.Id, PersonalField.Phone, "  Customer asked for a call back  ");

        Assert.True(result.Revealed);
        Assert.Equal(account.Phone, result.Value);
        var entry = Assert.Single(await AuditFor(account.Id, PersonalField.Phone, "handler-1"));
        Assert.Equal("Success", entry.Outcome);
        Assert.Equal("handler-1", entry.UserId);
        Assert.Equal("reason=Customer asked for a call back", entry.Detail);
    }

    [Fact]
    public async Task A_reason_shorter_than_the_minimum_is_refused_and_reveals_nothing_while_the_minimum_is_enough()
    {
        var account = await AccountAsync(managed: false);
        var handler = Staff("handler-2", Roles.ComplaintHandler);

        var tooShort = await Service.RevealAsync(handler, account.Id, PersonalField.Address, new string('x', PersonalDataRevealService.MinReasonLength - 1));
        Assert.False(tooShort.Revealed);
        Assert.Equal("Reveal.ReasonTooShort", tooShort.ErrorKey);
        Assert.Empty(await AuditFor(account.Id, PersonalField.Address, "handler-2"));

        var justEnough = await Service.RevealAsync(handler, account.Id, PersonalField.Address, new string('x', PersonalDataRevealService.MinReasonLength));
        Assert.Equal(account.Address, justEnough.Value);
    }

    [Fact]
    public async Task A_reason_longer_than_the_maximum_is_refused_while_the_maximum_is_accepted()
    {
        var account = await AccountAsync(managed: false);
        var admin = Staff("admin-1", Roles.Admin);

        var tooLong = await Service.RevealAsync(admin, account.Id, PersonalField.Holder, new string('y', PersonalDataRevealService.MaxReasonLength + 1));
        Assert.Equal("Reveal.ReasonTooLong", tooLong.ErrorKey);

        var longest = await Service.RevealAsync(admin, account.Id, PersonalField.Holder, new string('y', PersonalDataRevealService.MaxReasonLength));
        Assert.Equal(account.Holder, longest.Value);
    }

    [Fact]
    public async Task A_customer_manager_reveals_only_for_their_own_accounts_and_a_refusal_is_audited()
    {
        var managed = await AccountAsync(managed: true);
        var other = await AccountAsync(managed: false);
        var manager = Staff(managed.ManagerId!, Roles.CustomerManager);
        const string reason = "Preparing the quarterly visit";

        Assert.Equal(managed.Phone, (await Service.RevealAsync(manager, managed.Id, PersonalField.Phone, reason)).Value);

        var refused = await Service.RevealAsync(manager, other.Id, PersonalField.Phone, reason);
        Assert.Equal("Reveal.NotAllowed", refused.ErrorKey);
        Assert.Null(refused.Value);
        Assert.Equal("Refused", Assert.Single(await AuditFor(other.Id, PersonalField.Phone, managed.ManagerId!)).Outcome);
    }

    [Fact]
    public async Task A_customer_cannot_reveal_anything()
    {
        var account = await AccountAsync(managed: false);
        var result = await Service.RevealAsync(Staff("customer-1", Roles.Customer), account.Id, PersonalField.Holder, "I want to see my neighbour");
        Assert.Equal("Reveal.NotAllowed", result.ErrorKey);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task An_unknown_account_is_reported_as_not_found()
    {
        var result = await Service.RevealAsync(Staff("admin-2", Roles.Admin), Guid.NewGuid(), PersonalField.Phone, "Checking a returned letter");
        Assert.Equal("Reveal.NotFound", result.ErrorKey);
    }
}
