using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>The portal's logs carry ids and codes: no customer's name, phone number or email, and every line is JSON.</summary>
[Collection(PortalServerCollection.Name)]
public class LogPrivacyTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task After_customers_and_staff_use_the_portal_its_logs_hold_no_names_phone_numbers_or_emails()
    {
        // Some traffic of our own, whatever else the run has done before: a customer's pages and a failed sign-in.
        var customer = await NewPageAsync("zh-CN");
        await new LoginPage(customer).SignInAsync(Server.PublicUrl, "household@demo.local");
        foreach (var path in new[] { "/usage", "/bills", "/credit", "/complaints" })
        {
            await customer.GotoAsync(Server.PublicUrl + path);
            await new ShellPage(customer).WaitForInteractiveAsync();
        }
        await customer.Context.CloseAsync();
        var stranger = await NewPageAsync("en-US");
        await stranger.GotoAsync(Server.PublicUrl + "/Account/Login");
        await stranger.GetByLabel("Email", new() { Exact = true }).FillAsync("neighbour@demo.local");
        await stranger.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await stranger.WaitForLoadStateAsync();
        await stranger.Context.CloseAsync();

        var personal = await PersonalDataAsync();
        Assert.True(personal.Count > 20, "the demo database should hold names, phones and emails to look for");
        var lines = Server.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.TrimStart().StartsWith('{')).ToList();
        Assert.NotEmpty(lines);
        var texts = new List<string>();
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);   // structured: every log line parses
            Assert.True(json.RootElement.TryGetProperty("Category", out _));
            Collect(json.RootElement, texts);             // decoded: Chinese is \u-escaped in the raw line
        }
        var leaks = personal.Where(p => texts.Any(t => t.Contains(p, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "Personal data in the logs: " + string.Join(", ", leaks.Take(5)));

        // A line written inside a request carries the request's trace id, so a log line leads to its trace.
        var signIns = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("Message", out var m) && m.GetString()!.StartsWith("Sign-in ", StringComparison.Ordinal))
            .ToList();
        Assert.True(signIns.Count >= 2, $"the two sign-ins above should each be logged, found {signIns.Count}");
        Assert.All(signIns, e => Assert.Matches("^[0-9a-f]{32}$", TraceIdOf(e)));
    }

    /// <summary>The TraceId of the log line's activity scope ("" when it has none).</summary>
    private static string TraceIdOf(JsonElement line)
    {
        if (!line.TryGetProperty("Scopes", out var scopes) || scopes.ValueKind != JsonValueKind.Array) return "";
        foreach (var scope in scopes.EnumerateArray())
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out var id)) return id.GetString() ?? "";
        return "";
    }

    private static void Collect(JsonElement e, List<string> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String: into.Add(e.GetString()!); break;
            case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) Collect(p.Value, into); break;
            case JsonValueKind.Array: foreach (var i in e.EnumerateArray()) Collect(i, into); break;
        }
    }

    /// <summary>Every account holder's name, phone number and every login's email, from the portal's database.</summary>
    private async Task<List<string>> PersonalDataAsync()
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(Server.DataFolder, "portal.db")};Mode=ReadOnly");
        await conn.OpenAsync();
        var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT HolderName FROM Accounts WHERE length(HolderName) >= 2
            UNION SELECT Phone FROM Accounts WHERE length(Phone) >= 7
            UNION SELECT Email FROM AspNetUsers WHERE Email IS NOT NULL
            """;
        var values = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
