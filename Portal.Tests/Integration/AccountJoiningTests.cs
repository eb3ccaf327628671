using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Infrastructure.Security;
using Portal.Tests.Features.Complaints;

namespace Portal.Tests.Integration;

/// <summary>
/// Binding an account that already has a holder: the bill amount only asks the holder, who approves or denies signed
/// in and can remove anyone later; failed proofs lock the account number for a day; every step is audited.
/// Each test uses its own account of the seeded utility (household 0, business 1–3, neighbour 4; the rest unbound).
/// </summary>
[Collection(PortalCollection.Name)]
public class AccountJoiningTests(PortalHost host) : IClassFixture<PortalHost>
{
    private const string Password = "a-long-requester-password";

    private AccountBindingService Binding => host.Service<AccountBindingService>();
    private AccountSharingService Sharing => host.Service<AccountSharingService>();
    private int FailureLimit => host.Service<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value.BindingFailuresPerAccountPerDay;

    private async Task<(Guid Id, string Number, string Amount)> OwnedAccountAsync(string holderEmail, int index = 0)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var id = await db.AccountBindings.Where(b => db.Users.Any(u => u.Id == b.UserId && u.Email == holderEmail))
            .OrderBy(b => b.Id).Select(b => b.AccountId).Skip(index).FirstAsync();
        return await FactsAsync(db, id);
    }

    private async Task<(Guid Id, string Number, string Amount)> UnboundAccountAsync(int index)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var id = await db.Accounts.Where(a => !db.AccountBindings.Any(b => b.AccountId == a.Id)).OrderByDescending(a => a.AccountNumber)
            .Select(a => a.Id).Skip(index).FirstAsync();
        return await FactsAsync(db, id);
    }

    private static async Task<(Guid Id, string Number, string Amount)> FactsAsync(AppDbContext db, Guid id)
    {
        var number = await db.Accounts.Where(a => a.Id == id).Select(a => a.AccountNumber).SingleAsync();
        var amount = await db.Bills.Where(b => b.AccountId == id).OrderByDescending(b => b.PeriodStart).Select(b => b.Amount).FirstAsync();
        return (id, number, amount.ToString("0.00", CultureInfo.InvariantCulture));
    }

    private static string Wrong(string amount) => (decimal.Parse(amount, CultureInfo.InvariantCulture) + 0.01m).ToString("0.00", CultureInfo.InvariantCulture);

    private async Task<(string Id, ClaimsPrincipal User)> NewCustomerAsync(string name)
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            PreferredCulture = "en-US",
            CreatedAtUtc = DateTime.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Customer);
        return (user.Id, await host.UserAsync(email));
    }

    private async Task<bool> IsBoundAsync(string userId, Guid accountId)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.AccountBindings.AnyAsync(b => b.UserId == userId && b.AccountId == accountId);
    }

    private async Task<bool> AuditedAsync(string action, string number, string outcome, string? userId = null)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.AuditEntries.AnyAsync(a => a.Action == action && a.Target == $"account:{number}" && a.Outcome == outcome && (userId == null || a.UserId == userId));
    }

    private async Task<bool> NotifiedAsync(string userId, string kind, string number)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.Notifications.AnyAsync(n => n.UserId == userId && n.Kind == kind && n.Arguments == number);
    }

    private async Task<long> PendingRequestAsync(Guid accountId, string requesterId)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.AccountJoinRequests.Where(r => r.AccountId == accountId && r.RequesterUserId == requesterId && r.State == JoinRequestState.Pending)
            .Select(r => r.Id).SingleAsync();
    }

    [Fact]
    public async Task An_account_without_a_holder_is_bound_with_the_bill_amount_alone_and_audited()
    {
        var account = await UnboundAccountAsync(0);
        var (userId, _) = await NewCustomerAsync("First holder");

        Assert.Equal(BindingOutcome.Bound, await Binding.BindAsync(userId, account.Number, account.Amount));
        Assert.True(await IsBoundAsync(userId, account.Id));
        Assert.True(await AuditedAsync(AccountBindingService.AuditAction, account.Number, "Success", userId));
    }

    [Fact]
    public async Task The_right_amount_for_an_owned_account_binds_nothing_and_asks_the_holder_by_notification_and_email()
    {
        var account = await OwnedAccountAsync("household@demo.local");
        var holder = await host.UserAsync("household@demo.local");
        var holderId = AccountAccessService.UserId(holder)!;
        var (requesterId, requester) = await NewCustomerAsync("<b>Eve</b>");

        Assert.Equal(BindingOutcome.JoinRequested, await Binding.BindAsync(requesterId, account.Number, account.Amount));

        Assert.False(await IsBoundAsync(requesterId, account.Id));
        Assert.DoesNotContain(account.Id, await host.Service<AccountAccessService>().AccessibleAccountIdsAsync(requester));
        await PendingRequestAsync(account.Id, requesterId);
        Assert.True(await NotifiedAsync(holderId, AccountNotifier.JoinRequestedKind, account.Number));
        Assert.True(await NotifiedAsync(requesterId, AccountNotifier.JoinSentKind, account.Number));
        Assert.True(await AuditedAsync(AccountSharingService.RequestedAction, account.Number, "Pending", requesterId));
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var mail = await db.EmailMessages.Where(m => m.To == "household@demo.local").OrderByDescending(m => m.Id).FirstAsync();
            Assert.Contains(account.Number, mail.HtmlBody);
            Assert.Contains("&lt;b&gt;Eve&lt;/b&gt;", mail.HtmlBody); // the requester's own text is encoded
            Assert.DoesNotContain("<b>", mail.HtmlBody);
        }

        // The holder sees the request; asking again does not pile up requests.
        var held = Assert.Single(await Sharing.HeldAccountsAsync(holder), h => h.AccountId == account.Id);
        Assert.Contains(held.Requests, r => r.DisplayName == "<b>Eve</b>" && !r.MaskedEmail.Contains(requesterId));
        Assert.Equal(BindingOutcome.AlreadyRequested, await Binding.BindAsync(requesterId, account.Number, account.Amount));
        await PendingRequestAsync(account.Id, requesterId);
    }

    [Fact]
    public async Task Only_the_holder_approves_and_then_the_requester_is_bound_notified_and_the_approval_audited()
    {
        var account = await OwnedAccountAsync("business@demo.local", 0);
        var holder = await host.UserAsync("business@demo.local");
        var (requesterId, requester) = await NewCustomerAsync("Site manager");
        Assert.Equal(BindingOutcome.JoinRequested, await Binding.BindAsync(requesterId, account.Number, account.Amount));
        var requestId = await PendingRequestAsync(account.Id, requesterId);

        Assert.Equal(SharingOutcome.NotFound, await Sharing.ApproveAsync(requester, requestId));
        Assert.Equal(SharingOutcome.NotFound, await Sharing.ApproveAsync(await host.UserAsync("neighbour@demo.local"), requestId));
        Assert.False(await IsBoundAsync(requesterId, account.Id));

        Assert.Equal(SharingOutcome.Done, await Sharing.ApproveAsync(holder, requestId));
        Assert.True(await IsBoundAsync(requesterId, account.Id));
        Assert.True(await NotifiedAsync(requesterId, AccountNotifier.JoinApprovedKind, account.Number));
        Assert.True(await AuditedAsync(AccountSharingService.ApprovedAction, account.Number, "Success", AccountAccessService.UserId(holder)));
        Assert.Equal(SharingOutcome.NotFound, await Sharing.ApproveAsync(holder, requestId)); // decided once

        // A joined login is not a holder: it sees no requests and cannot remove the holder.
        Assert.Empty(await Sharing.HeldAccountsAsync(requester));
        await using var db = await host.Db.CreateDbContextAsync();
        var holderBinding = await db.AccountBindings.Where(b => b.AccountId == account.Id).OrderBy(b => b.Id).Select(b => b.Id).FirstAsync();
        Assert.Equal(SharingOutcome.NotFound, await Sharing.RevokeAsync(requester, holderBinding));
        Assert.True(await db.AccountBindings.AnyAsync(b => b.Id == holderBinding));
    }

    [Fact]
    public async Task The_holder_denies_and_nothing_is_bound_while_the_requester_is_told()
    {
        var account = await OwnedAccountAsync("neighbour@demo.local");
        var holder = await host.UserAsync("neighbour@demo.local");
        var (requesterId, _) = await NewCustomerAsync("Stranger");
        Assert.Equal(BindingOutcome.JoinRequested, await Binding.BindAsync(requesterId, account.Number, account.Amount));
        var requestId = await PendingRequestAsync(account.Id, requesterId);

        Assert.Equal(SharingOutcome.Done, await Sharing.DenyAsync(holder, requestId));

        Assert.False(await IsBoundAsync(requesterId, account.Id));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(JoinRequestState.Denied, await db.AccountJoinRequests.Where(r => r.Id == requestId).Select(r => r.State).SingleAsync());
        Assert.True(await NotifiedAsync(requesterId, AccountNotifier.JoinDeniedKind, account.Number));
        Assert.True(await AuditedAsync(AccountSharingService.DeniedAction, account.Number, "Success", AccountAccessService.UserId(holder)));
        Assert.Equal(SharingOutcome.NotFound, await Sharing.ApproveAsync(holder, requestId));
    }

    [Fact]
    public async Task Failed_proofs_up_to_the_limit_lock_the_number_for_everyone_even_with_the_right_amount()
    {
        var account = await OwnedAccountAsync("business@demo.local", 1);
        for (var i = 0; i < FailureLimit; i++)
        {
            var (guesser, _) = await NewCustomerAsync($"Guesser {i}");   // a new login each time: the limit is per account
            Assert.Equal(BindingOutcome.NotVerified, await Binding.BindAsync(guesser, account.Number, Wrong(account.Amount)));
            Assert.True(await AuditedAsync(AccountBindingService.AuditAction, account.Number, "Refused", guesser));
        }

        var (late, _) = await NewCustomerAsync("Late but right");
        Assert.Equal(BindingOutcome.Locked, await Binding.BindAsync(late, account.Number, account.Amount));
        Assert.True(await AuditedAsync(AccountBindingService.AuditAction, account.Number, "Refused", late));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.AccountJoinRequests.AnyAsync(r => r.RequesterUserId == late));
        Assert.False(await IsBoundAsync(late, account.Id));
    }

    [Fact]
    public async Task One_failure_short_of_the_limit_the_right_amount_still_asks_the_holder()
    {
        var account = await OwnedAccountAsync("business@demo.local", 2);
        var (requesterId, _) = await NewCustomerAsync("Careful typist");
        for (var i = 0; i < FailureLimit - 1; i++)
            Assert.Equal(BindingOutcome.NotVerified, await Binding.BindAsync(requesterId, account.Number, Wrong(account.Amount)));

        Assert.Equal(BindingOutcome.JoinRequested, await Binding.BindAsync(requesterId, account.Number, account.Amount));
    }

    [Fact]
    public async Task An_unknown_number_locks_out_exactly_like_a_known_one()
    {
        for (var i = 0; i < FailureLimit; i++)
            Assert.Equal(BindingOutcome.NotVerified, (await Binding.VerifyAsync("777000777", "10.00")).Outcome);
        Assert.Equal(BindingOutcome.Locked, (await Binding.VerifyAsync("777000777", "10.00")).Outcome);
    }

    [Fact]
    public async Task Removing_a_joined_login_takes_its_access_away_at_once()
    {
        var holderEmail = "household@demo.local";
        var account = await OwnedAccountAsync(holderEmail);
        var holder = await host.UserAsync(holderEmail);
        var (requesterId, requester) = await NewCustomerAsync("Former tenant");
        Assert.Equal(BindingOutcome.JoinRequested, await Binding.BindAsync(requesterId, account.Number, account.Amount));
        Assert.Equal(SharingOutcome.Done, await Sharing.ApproveAsync(holder, await PendingRequestAsync(account.Id, requesterId)));

        using var client = host.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(requester.Identity!.Name!, Password)).StatusCode);
        var export = $"/usage/{account.Id}/export.csv";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(export)).StatusCode);

        var access = Assert.Single(Assert.Single(await Sharing.HeldAccountsAsync(holder), h => h.AccountId == account.Id).Others, o => o.DisplayName == "Former tenant");
        Assert.Equal(SharingOutcome.Done, await Sharing.RevokeAsync(holder, access.BindingId));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(export)).StatusCode);
        Assert.False(await IsBoundAsync(requesterId, account.Id));
        Assert.True(await NotifiedAsync(requesterId, AccountNotifier.AccessRevokedKind, account.Number));
        Assert.True(await AuditedAsync(AccountSharingService.RevokedAction, account.Number, "Success", AccountAccessService.UserId(holder)));
        Assert.Equal(SharingOutcome.NotFound, await Sharing.RevokeAsync(holder, access.BindingId));
    }

    [Fact]
    public async Task Registering_with_an_owned_account_creates_the_login_without_access_and_asks_the_holder()
    {
        var account = await OwnedAccountAsync("business@demo.local", 0);
        var email = $"reg-{Guid.NewGuid():N}@example.test";
        using var client = host.Client();
        var response = await client.PostFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.AccountNumber"] = account.Number,
            ["Input.BillAmount"] = account.Amount,
            ["Input.DisplayName"] = "New registrant",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var db = await host.Db.CreateDbContextAsync();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        Assert.False(await IsBoundAsync(userId, account.Id));
        await PendingRequestAsync(account.Id, userId);
        var holderId = await db.Users.Where(u => u.Email == "business@demo.local").Select(u => u.Id).SingleAsync();
        Assert.True(await NotifiedAsync(holderId, AccountNotifier.JoinRequestedKind, account.Number));
        Assert.True(await NotifiedAsync(userId, AccountNotifier.JoinSentKind, account.Number));
    }
}
