using System.Globalization;
using System.Text.Json;
using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Tariffs;

namespace Portal.Features.Tariffs;

/// <summary>
/// CLI verb: bills a readings CSV under a package file and prints the bill as JSON, so operators can check a
/// package definition before it goes into the catalogue. Needs neither the database nor the web server.
/// </summary>
public static class BillCommand
{
    public const string Usage =
        "bill --package FILE.json --readings FILE.csv [--type Residential|Business|LargeIndustrial] [--capacity KVA] [--voltage Low|Kv1To10|Kv35|Kv110|Kv220Plus] [--declared-demand KW]  print the bill as JSON";

    public static Task<int> RunAsync(WebApplication app, string[] args) => Task.FromResult(Run(args, Console.Out, Console.Error));

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var packageFile = Cli(args, "--package");
        var readingsFile = Cli(args, "--readings");
        if (packageFile is null || readingsFile is null)
        {
            stderr.WriteLine("Usage: " + Usage);
            return 2;
        }
        if (!File.Exists(packageFile) || !File.Exists(readingsFile))
        {
            stderr.WriteLine($"File not found: {(File.Exists(packageFile) ? readingsFile : packageFile)}");
            return 2;
        }
        if (!Enum.TryParse<CustomerType>(Cli(args, "--type") ?? "Residential", true, out var type)
            || !Enum.TryParse<VoltageLevel>(Cli(args, "--voltage") ?? (type == CustomerType.Residential ? "Low" : "Kv1To10"), true, out var voltage)
            || !TryDecimal(Cli(args, "--capacity") ?? "10", out var capacity) || capacity <= 0)
        {
            stderr.WriteLine("--type, --voltage or --capacity is not valid. " + Usage);
            return 2;
        }
        decimal? declared = null;
        if (Cli(args, "--declared-demand") is { } d)
        {
            if (!TryDecimal(d, out var kw) || kw <= 0) { stderr.WriteLine("--declared-demand takes a positive number of kW."); return 2; }
            declared = kw;
        }

        var check = CatalogueService.Check(File.ReadAllText(packageFile));
        if (check.HasErrors)
        {
            stderr.WriteLine("The package has problems:");
            foreach (var p in check.Problems) stderr.WriteLine("  " + p);
            return 1;
        }
        try
        {
            using var reader = File.OpenText(readingsFile);
            var readings = TrialReadings.Parse(reader);
            var bill = readings.Bill(check.Package!, new AccountProfile(type, voltage, capacity, ""), declared);
            stdout.WriteLine(JsonSerializer.Serialize(ToJson(bill, readings), JsonOptions));
            return 0;
        }
        catch (DomainException ex)
        {
            stderr.WriteLine($"{ex.Code}: {ex.Message}");
            return 1;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static object ToJson(CalculatedBill bill, TrialReadings readings) => new
    {
        package = bill.PackageCode,
        version = bill.PackageVersion,
        periodStart = bill.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        periodEnd = bill.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        totalKwh = bill.TotalKwh,
        lines = bill.Lines.Select(l => new { code = l.Code, description = l.DescriptionKey, quantity = l.Quantity, unit = l.Unit, unitPrice = l.UnitPrice, amount = l.Amount.Yuan }),
        total = bill.Total.Yuan,
        estimatedIntervals = bill.EstimatedIntervals,
        expectedIntervals = bill.ExpectedIntervals,
        estimation = bill.Estimation.ToString(),
        rejectedRows = readings.Rejected.Count,
        notes = bill.Notes,
    };

    private static string? Cli(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i < 0 || i + 1 >= args.Length ? null : args[i + 1];
    }

    private static bool TryDecimal(string s, out decimal v) => decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out v);
}
