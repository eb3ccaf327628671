using Portal.Domain.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Usage;

namespace Portal.Domain.Tariffs;

/// <summary>One meter's readings from a CSV file, ready to bill: the days, the period they span and the rows refused.</summary>
public sealed record TrialReadings(IReadOnlyList<DayReadings> Days, BillingPeriod Period, int AcceptedRows, IReadOnlyList<RejectedRow> Rejected)
{
    /// <summary>
    /// Reads "timestamp,kwh[,kvarh[,kw]]" or a file with a header naming the columns (timestamp, kwh, kvarh, kw and
    /// optionally meter_id, as in the real-meter data set: only the first meter is read). Timestamps are local interval
    /// starts as <see cref="ReadingImportAssembler"/> documents. The period runs from the first day to the last.
    /// </summary>
    /// <exception cref="DomainException">"Tariff.TrialNoReadings" when no row is usable.</exception>
    public static TrialReadings Parse(TextReader reader)
    {
        const string Meter = "TRIAL";
        var assembler = new ReadingImportAssembler([Meter], new ImportOptions(new DateOnly(2000, 1, 1), new DateOnly(2099, 12, 31)));
        int ts = 0, kwh = 1, kvarh = -1, kw = -1, meter = -1;
        string? firstMeter = null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(',');
            if (lineNumber == 1 && f.Any(x => x.Trim().Equals("timestamp", StringComparison.OrdinalIgnoreCase)))
            {
                var names = f.Select(x => x.Trim().ToLowerInvariant()).ToList();
                ts = names.IndexOf("timestamp");
                kwh = names.IndexOf("kwh");
                kvarh = names.IndexOf("kvarh");
                kw = names.IndexOf("kw");
                meter = names.IndexOf("meter_id");
                if (kwh < 0) throw new DomainException("Tariff.TrialNoKwhColumn", "The header has no kwh column.");
                continue;
            }
            if (meter >= 0 && meter < f.Length)
            {
                firstMeter ??= f[meter].Trim();
                if (f[meter].Trim() != firstMeter) continue;
            }
            string Field(int i) => i >= 0 && i < f.Length ? f[i] : "";
            assembler.Add(new RawReadingRow(lineNumber, Meter, Field(ts), Field(kwh), Field(kvarh), Field(kw)));
        }
        var result = assembler.Build();
        if (result.Days.Count == 0) throw new DomainException("Tariff.TrialNoReadings", "The file holds no usable readings.");
        var days = result.Days.Select(d => d.Readings).ToList();
        return new TrialReadings(days, new BillingPeriod(days[0].Date, days[^1].Date.AddDays(1)), result.AcceptedRowCount, result.Rejected);
    }

    public CalculatedBill Bill(TariffPackage package, AccountProfile profile, decimal? declaredDemandKw = null) =>
        BillCalculator.Calculate(package, profile, Period, Days, 0m, package.Basic?.Method == BasicChargeMethod.Demand ? declaredDemandKw : null);
}
