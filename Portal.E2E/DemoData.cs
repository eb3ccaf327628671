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
}
