using Microsoft.Data.Sqlite;
using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// A manager opening an account is audited once per visit: the prerendered page reads the account and hands its view
/// to the interactive render, which does not read (and audit) it again.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class ManagerAccountAuditTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task Opening_an_account_in_the_manager_workspace_is_audited_once()
    {
        var (id, number) = await ManagedAccountAsync();
        var page = await NewPageAsync("zh-CN");
        await new LoginPage(page).SignInAsync(Server.PublicUrl, "manager@demo.local");
        var before = await ViewingsAsync(number);

        await page.GotoAsync($"{Server.PublicUrl}/manager/{id}");
        await new ShellPage(page).WaitForInteractiveAsync();
        // Once interactive, the page has rendered what the interactive side would have loaded: the account view, no skeleton.
        await Assertions.Expect(page.GetByTestId("manager-account")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal(before + 1, await ViewingsAsync(number));
        await page.Context.CloseAsync();
    }

    private SqliteConnection Open() => new($"Data Source={Path.Combine(Server.DataFolder, "portal.db")};Mode=ReadOnly;Pooling=False");

    private async Task<(string Id, string Number)> ManagedAccountAsync()
    {
        await using var conn = Open();
        await conn.OpenAsync();
        var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT a.Id, a.AccountNumber FROM Accounts a JOIN AspNetUsers u ON u.Id = a.CustomerManagerId
            WHERE u.NormalizedEmail = 'MANAGER@DEMO.LOCAL' ORDER BY a.AccountNumber LIMIT 1
            """;
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The demo manager has no account.");
        return (reader.GetString(0).ToLowerInvariant(), reader.GetString(1));
    }

    private async Task<long> ViewingsAsync(string number)
    {
        await using var conn = Open();
        await conn.OpenAsync();
        var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Manager.AccountViewed' AND Target = $t AND Outcome = 'Success'";
        cmd.Parameters.AddWithValue("$t", "account:" + number);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
