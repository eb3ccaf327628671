using Microsoft.Data.Sqlite;

namespace Portal.E2E;

/// <summary>Reads facts a customer would have on paper (an account number and a bill amount) from the portal's own database file.</summary>
public static class DemoData
{
    public static async Task<(string AccountNumber, string BillAmount)> UnboundAccountWithLatestBillAsync(PortalServer server)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(server.DataFolder, "portal.db")};Mode=ReadOnly");
        await conn.OpenAsync();
        var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT a.AccountNumber, b.Amount FROM Accounts a
            JOIN Bills b ON b.AccountId = a.Id
            WHERE a.Type = 0 AND a.Id NOT IN (SELECT AccountId FROM AccountBindings)
            ORDER BY a.AccountNumber DESC, b.PeriodStart DESC LIMIT 1
            """;
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException("No unbound account with a bill in the demo data.");
        return (reader.GetString(0), decimal.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The number of the (only) account bound to a demo login.</summary>
    public static async Task<string> AccountNumberOfAsync(PortalServer server, string email)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(server.DataFolder, "portal.db")};Mode=ReadOnly");
        await conn.OpenAsync();
        var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT a.AccountNumber FROM Accounts a
            JOIN AccountBindings b ON b.AccountId = a.Id
            JOIN AspNetUsers u ON u.Id = b.UserId
            WHERE u.NormalizedEmail = upper($email) ORDER BY a.AccountNumber LIMIT 1
            """;
        cmd.Parameters.AddWithValue("$email", email);
        return (string?)await cmd.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No account bound to {email}.");
    }

    /// <summary>
    /// The <paramref name="skip"/>-th unbound account in credit tier A whose latest bill came from the bill run with the
    /// tier's deferred days: its number, that bill (id, amount, due date) and the deferred days; null when there is none.
    /// </summary>
    public static async Task<(string AccountNumber, string BillId, string Amount, string DueDate, int DeferredDays)?> UnboundTierABillAsync(PortalServer server, int skip)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(server.DataFolder, "portal.db")};Mode=ReadOnly");
        await conn.OpenAsync();
        var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT a.AccountNumber, b.Id, b.Amount, b.DueDate, b.DeferredPaymentDays FROM Bills b
            JOIN Accounts a ON a.Id = b.AccountId
            JOIN CreditAccountStates s ON s.AccountId = b.AccountId
            WHERE s.CurrentTier = 2 AND b.DeferredPaymentDays > 0 AND b.Amount > 0
              AND a.Id NOT IN (SELECT AccountId FROM AccountBindings)
              AND b.PeriodStart = (SELECT MAX(PeriodStart) FROM Bills WHERE AccountId = a.Id)
            ORDER BY a.AccountNumber LIMIT 1 OFFSET $skip
            """;
        cmd.Parameters.AddWithValue("$skip", skip);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        var amount = decimal.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        return (reader.GetString(0), reader.GetString(1), amount, reader.GetString(3), reader.GetInt32(4));
    }

    /// <summary>The link in the newest email to an address, as the development mail sink stored it.</summary>
    public static async Task<string> LatestEmailLinkAsync(PortalServer server, string to)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(server.DataFolder, "portal.db")};Mode=ReadOnly");
        await conn.OpenAsync();
        var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT HtmlBody FROM EmailMessages WHERE \"To\" = $to ORDER BY Id DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$to", to);
        var body = await cmd.ExecuteScalarAsync() as string ?? throw new InvalidOperationException($"No email to {to} in the sink.");
        var href = System.Text.RegularExpressions.Regex.Match(body, "href=\"([^\"]+)\"");
        if (!href.Success) throw new InvalidOperationException($"The email to {to} has no link.");
        return System.Net.WebUtility.HtmlDecode(href.Groups[1].Value);
    }
}
