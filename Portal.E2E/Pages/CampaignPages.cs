using Microsoft.Data.Sqlite;

namespace Portal.E2E.Pages;

/// <summary>The admin's side of a campaign: the rule's "Create campaign" action, the new-campaign page, the results page.</summary>
public sealed class CampaignPages(IPage page)
{
    public async Task OpenRuleAsync(string internalUrl, long ruleId)
    {
        await page.GotoAsync(internalUrl + "/backoffice/marketing/associations");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByLabel(Text.For(page, "Show all tested rules", "显示全部已检验规则")).CheckAsync();
        await page.Locator($"[data-rule-id='{ruleId}']").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/backoffice/campaigns/new"));
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByTestId("campaign-from-rule").WaitForAsync();
    }

    public async Task<Guid> LaunchAsync(string name, string offer)
    {
        await Assertions.Expect(page.GetByTestId("campaign-from-rule")).ToBeVisibleAsync();
        await page.GetByLabel(Text.For(page, "Campaign name", "活动名称")).FillAsync(name);
        await page.Locator(".mud-select").Filter(new() { HasText = Text.For(page, "Offer", "推荐内容") }).First.Locator(".mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = offer }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("campaign-size")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("campaign-benefit")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Launch campaign", "发起活动") }).ClickAsync();
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/backoffice/campaigns/[0-9a-f-]{36}$"));
        await new ShellPage(page).WaitForInteractiveAsync();
        return Guid.Parse(page.Url[^36..]);
    }

    public async Task OpenResultsAsync(string internalUrl, Guid id)
    {
        await page.GotoAsync($"{internalUrl}/backoffice/campaigns/{id}");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByTestId("kpi-acceptances").WaitForAsync();
    }

    public ILocator Acceptances => page.GetByTestId("kpi-acceptances");

    /// <summary>A rule of the stored run whose every item the household has (its region, type, package, heating).</summary>
    public static async Task<long> RuleMatchingHouseholdAsync(PortalServer server)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(server.DataFolder, "portal.db")};Mode=ReadOnly");
        await conn.OpenAsync();
        var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT a.Region, a.Type, a.TariffPackageCode, a.HasElectricHeating FROM Accounts a
            JOIN AccountBindings b ON b.AccountId = a.Id JOIN AspNetUsers u ON u.Id = b.UserId WHERE u.Email = 'household@demo.local'
            """;
        HashSet<string> items;
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            items = [$"region={r.GetString(0)}", r.GetInt32(1) == 0 ? "type=Residential" : "type=other", $"package={r.GetString(2)}", $"heating={(r.GetInt64(3) != 0 ? "yes" : "no")}"];
        }
        cmd.CommandText = "SELECT Id, Antecedent FROM AssociationRules WHERE RunId = (SELECT MAX(Id) FROM AssociationRuns) ORDER BY Rank LIMIT 500";
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
                if (r.GetString(1).Split('&').All(items.Contains)) return r.GetInt64(0);
        }
        throw new InvalidOperationException($"No stored rule has only the household's items ({string.Join(", ", items)}).");
    }

    /// <summary>The group the launch froze for the household's account in this campaign.</summary>
    public static async Task<string> HouseholdGroupAsync(PortalServer server, Guid campaignId)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(server.DataFolder, "portal.db")};Mode=ReadOnly");
        await conn.OpenAsync();
        var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT t."Group" FROM CampaignTargets t JOIN AccountBindings b ON b.AccountId = t.AccountId
            JOIN AspNetUsers u ON u.Id = b.UserId WHERE u.Email = 'household@demo.local' AND upper(t.CampaignId) = upper($c)
            """;
        cmd.Parameters.AddWithValue("$c", campaignId.ToString());
        var group = await cmd.ExecuteScalarAsync() ?? throw new InvalidOperationException("The household is not a target of the campaign.");
        return Convert.ToInt32(group) == 0 ? "Treatment" : "Control";
    }
}
