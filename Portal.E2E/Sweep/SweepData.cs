using Microsoft.Data.Sqlite;
using Portal.E2E.Pages;

namespace Portal.E2E.Sweep;

/// <summary>
/// The objects the sweep needs for route parameters (an account, a bill, a statement, a complaint per visitor),
/// read from the portal's database; a statement and a complaint are first made through the UI when the demo has none.
/// </summary>
public sealed class SweepData
{
    private readonly Dictionary<(Visitor, string), string> _values = [];
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<PortalServer, SweepData> Loaded = [];

    public static async Task<SweepData> ForAsync(PortalServer server)
    {
        await Gate.WaitAsync();
        try
        {
            if (Loaded.TryGetValue(server, out var data)) return data;
            await EnsureHouseholdHasAStatementAndAComplaintAsync(server);
            data = new SweepData();
            await data.LoadAsync(server);
            Loaded[server] = data;
            return data;
        }
        finally { Gate.Release(); }
    }

    /// <summary>The template with its parameters filled for this visitor.</summary>
    public string PathFor(CatalogPage page) =>
        System.Text.RegularExpressions.Regex.Replace(page.Template, "\\{([A-Za-z]+)(:[^}]*)?\\}", m =>
        {
            var key = (page.Template.StartsWith("/backoffice/complaints") ? Visitor.Household : page.Visitor, SegmentFor(page.Template) + "." + m.Groups[1].Value);
            return _values.TryGetValue(key, out var v) ? v
                : throw new InvalidOperationException($"The sweep has no value for {m.Value} in {page.Template} as {page.Visitor}.");
        });

    private static string SegmentFor(string template) => template.Split('/', StringSplitOptions.RemoveEmptyEntries) switch
    {
        ["backoffice", var s, ..] => s,
        [var s, ..] => s,
        _ => "",
    };

    private async Task LoadAsync(PortalServer server)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(server.DataFolder, "portal.db")};Mode=ReadOnly");
        await conn.OpenAsync();
        foreach (var visitor in new[] { Visitor.Household, Visitor.Business })
        {
            var email = new CatalogPage("/", visitor).Email;
            var account = await ScalarAsync(conn, "SELECT b.AccountId FROM AccountBindings b JOIN AspNetUsers u ON u.Id = b.UserId WHERE u.Email = $e ORDER BY b.AccountId LIMIT 1", email);
            foreach (var segment in new[] { "usage", "tariffs", "credit" }) Set(visitor, segment + ".AccountId", account);
            Set(visitor, "bills.BillId", await ScalarAsync(conn, "SELECT Id FROM Bills WHERE AccountId = $e ORDER BY PeriodStart DESC LIMIT 1", account));
            Set(visitor, "statements.Id", await ScalarAsync(conn, "SELECT Id FROM Statements WHERE AccountId = $e LIMIT 1", account));
            Set(visitor, "complaints.Id", await ScalarAsync(conn, "SELECT Id FROM Complaints WHERE AccountId = $e LIMIT 1", account));
        }
        Set(Visitor.Manager, "manager.AccountId", await ScalarAsync(conn,
            "SELECT a.Id FROM Accounts a JOIN AspNetUsers u ON u.Id = a.CustomerManagerId WHERE u.Email = $e ORDER BY a.AccountNumber LIMIT 1", "manager@demo.local"));
        // The demo's campaign (launched by the seeder through the campaign service).
        Set(Visitor.Admin, "campaigns.Id", await ScalarAsync(conn, "SELECT Id FROM Campaigns ORDER BY LaunchedAtUtc LIMIT 1", null));
        // No passkey exists: the page must still say so politely.
        Set(Visitor.Household, "Account.Id", "no-such-passkey");
    }

    private void Set(Visitor visitor, string key, string? value)
    {
        if (value is not null) _values[(visitor, key)] = value.ToLowerInvariant();
    }

    private static async Task<string?> ScalarAsync(SqliteConnection conn, string sql, string? parameter)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$e", (object?)parameter ?? DBNull.Value);
        return (await cmd.ExecuteScalarAsync())?.ToString();
    }

    private static async Task EnsureHouseholdHasAStatementAndAComplaintAsync(PortalServer server)
    {
        var context = await server.Browser.NewContextAsync(new() { Locale = "en-US", ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en-US" } });
        Text.Locale.AddOrUpdate(context, "en-US");
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync(server.PublicUrl, "household@demo.local");
        await page.GotoAsync(server.PublicUrl + "/statements");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.Locator("[data-testid=issue-statement], a[href^='/statements/']").First.WaitForAsync();
        if (await page.Locator("a[href^='/statements/']").CountAsync() == 0)
        {
            await page.GetByTestId("issue-statement").First.ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/statements/"));
        }
        await page.GotoAsync(server.PublicUrl + "/complaints/new");
        await new ShellPage(page).WaitForInteractiveAsync();
        await page.GetByLabel("Description").FillAsync("The street light outside our meter box flickers at night; please check the line.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit complaint" }).ClickAsync();
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/complaints/[0-9a-f-]{36}$"));
        await context.CloseAsync();
    }
}
