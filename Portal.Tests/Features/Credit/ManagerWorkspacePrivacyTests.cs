using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Common;
using Portal.Domain.Credit;
using Portal.Features.Credit;
using Portal.Infrastructure.Security;

namespace Portal.Tests.Features.Credit;

/// <summary>
/// The manager workspace outside the internal endpoint: the assigned manager works normally, an admin sees names
/// masked and no message text; reading a thread (also its GET) never marks messages read.
/// </summary>
[Collection(PortalCollection.Name)]
public class ManagerWorkspacePrivacyTests(PortalHost host) : IClassFixture<PortalHost>
{
    private ManagerWorkspaceService Workspace => host.Services.GetRequiredService<ManagerWorkspaceService>();

    /// <summary>An account assigned to manager@demo.local with one new (unread) message from the customer.</summary>
    private async Task<(Guid Id, string Holder)> ManagedAccountWithUnreadMessageAsync()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var managerId = await db.Users.Where(u => u.Email == "manager@demo.local").Select(u => u.Id).SingleAsync();
        var account = await db.Accounts.Where(a => a.CustomerManagerId == managerId).OrderBy(a => a.AccountNumber)
            .Select(a => new { a.Id, a.HolderName }).FirstAsync();
        var author = await db.Users.Where(u => u.Email == "business@demo.local").Select(u => u.Id).SingleAsync();
        db.ManagerMessages.Add(ManagerMessage.Write(account.Id, author, fromCustomer: true, $"Please call me ({Guid.NewGuid():N})", DateTime.UtcNow));
        await db.SaveChangesAsync();
        return (account.Id, account.HolderName);
    }

    private async Task<int> UnreadAsync(Guid accountId)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.ManagerMessages.CountAsync(m => m.AccountId == accountId && m.FromCustomer && m.ReadAtUtc == null);
    }

    [Fact]
    public async Task An_admin_on_the_public_endpoint_sees_masked_names_and_no_messages_while_the_internal_endpoint_and_the_assigned_manager_see_them()
    {
        var (id, holder) = await ManagedAccountWithUnreadMessageAsync();
        Assert.NotEqual(Masking.Name(holder), holder);
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        var manager = await host.UserAsync("manager@demo.local", Roles.CustomerManager);

        Assert.Equal(Masking.Name(holder), (await Workspace.AccountsAsync(admin, EndpointKind.Public)).Single(r => r.AccountId == id).HolderName);
        var masked = await Workspace.ThreadAsync(admin, id, EndpointKind.Public);
        Assert.True(masked!.Masked);
        Assert.Equal(Masking.Name(holder), masked.HolderName);
        Assert.Empty(masked.Messages);
        Assert.Equal(MessageOutcome.NotFound, await Workspace.ReplyAsync(admin, id, "Hello from the admin", EndpointKind.Public));

        Assert.Equal(holder, (await Workspace.AccountsAsync(admin, EndpointKind.Internal)).Single(r => r.AccountId == id).HolderName);
        Assert.NotEmpty((await Workspace.ThreadAsync(admin, id, EndpointKind.Internal))!.Messages);
        Assert.Equal(holder, (await Workspace.AccountsAsync(manager, EndpointKind.Public)).Single(r => r.AccountId == id).HolderName);
        var own = await Workspace.ThreadAsync(manager, id, EndpointKind.Public);
        Assert.False(own!.Masked);
        Assert.NotEmpty(own.Messages);
    }

    [Fact]
    public async Task Reading_a_thread_marks_nothing_and_only_the_assigned_manager_marks_it_read()
    {
        var (id, _) = await ManagedAccountWithUnreadMessageAsync();
        var admin = await host.UserAsync("admin@demo.local", Roles.Admin);
        var manager = await host.UserAsync("manager@demo.local", Roles.CustomerManager);
        var before = await UnreadAsync(id);
        Assert.True(before >= 1);

        Assert.Equal(before, (await Workspace.ThreadAsync(manager, id, EndpointKind.Public))!.Unread);
        await Workspace.ThreadAsync(admin, id, EndpointKind.Internal);
        Assert.Equal(before, await UnreadAsync(id));

        Assert.Null(await Workspace.MarkReadAsync(admin, id));
        Assert.Equal(before, await UnreadAsync(id));
        Assert.Equal(before, await Workspace.MarkReadAsync(manager, id));
        Assert.Equal(0, await UnreadAsync(id));
    }

    [Fact]
    public async Task Over_http_on_the_public_endpoint_the_admin_page_masks_names_and_opening_a_thread_leaves_it_unread()
    {
        var (id, holder) = await ManagedAccountWithUnreadMessageAsync();
        var before = await UnreadAsync(id);

        using var admin = host.Client();
        await admin.SignInAsync("admin@demo.local");
        var list = WebUtility.HtmlDecode(await admin.Http.GetStringAsync("/manager"));
        Assert.Contains(Masking.Name(holder), list);
        Assert.DoesNotContain(holder, list);
        var adminThread = WebUtility.HtmlDecode(await admin.Http.GetStringAsync($"/manager/{id}"));
        Assert.DoesNotContain(holder, adminThread);
        Assert.DoesNotContain("Please call me", adminThread);

        using var manager = host.Client();
        await manager.SignInAsync("manager@demo.local");
        var managerThread = WebUtility.HtmlDecode(await manager.Http.GetStringAsync($"/manager/{id}"));
        Assert.Contains(holder, managerThread);
        Assert.Contains("Please call me", managerThread);
        Assert.Equal(before, await UnreadAsync(id));
    }
}
