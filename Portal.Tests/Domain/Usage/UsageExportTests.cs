using System.Globalization;
using System.Xml.Linq;
using Portal.Domain.Tariffs;
using Portal.Domain.Usage;
using Xunit;
using static Portal.Tests.Domain.Usage.UsageTestData;

namespace Portal.Tests.Domain.Usage;

public class UsageCsvExporterTests
{
    private static readonly DateOnly Day1 = new(2025, 3, 1);

    [Fact]
    public void Interval_csv_has_one_row_per_interval_with_the_tou_period_and_blank_missing_values()
    {
        var quality = Enumerable.Repeat(ReadingQuality.Actual, 24).ToArray();
        quality[9] = ReadingQuality.Estimated;
        var day = Day(Day1, 60, m => m == 0 ? -1 : 1234, quality);
        var w = new StringWriter();
        UsageCsvExporter.WriteIntervals(w, [day], Tou);
        var lines = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(UsageCsvExporter.IntervalHeader, lines[0]);
        Assert.Equal(25, lines.Length);
        Assert.Equal("2025-03-01 00:00,2025-03-01 01:00,,Missing,Valley", lines[1]);
        Assert.Equal("2025-03-01 09:00,2025-03-01 10:00,1.234,Estimated,Peak", lines[10]);
        Assert.Equal("2025-03-01 23:00,2025-03-02 00:00,1.234,Actual,Flat", lines[24]);
    }

    [Fact]
    public void Csv_is_invariant_whatever_the_thread_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var w = new StringWriter();
            UsageCsvExporter.WriteDaily(w, [Flat(Day1, 1250, 60)], Tou);
            Assert.Equal("2025-03-01,30.000,0.000,10.000,10.000,10.000,0.000,0,0", w.ToString().Split('\n')[1]);
        }
        finally { CultureInfo.CurrentCulture = previous; }
    }

    [Fact]
    public void Daily_csv_splits_each_day_by_tou_period_and_the_split_adds_up()
    {
        var days = Days(Day1, 3, d => Day(d, 15, m => m % 7 == 0 ? -1 : m / 15));
        var w = new StringWriter();
        UsageCsvExporter.WriteDaily(w, days.Reverse(), Tou);
        var rows = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["2025-03-01", "2025-03-02", "2025-03-03"], rows.Select(r => r[0]));
        foreach (var r in rows)
            Assert.Equal(decimal.Parse(r[1], CultureInfo.InvariantCulture), r[2..7].Sum(x => decimal.Parse(x, CultureInfo.InvariantCulture)));
        Assert.Equal(days[0].MissingCount.ToString(CultureInfo.InvariantCulture), rows[0][7]);
    }
}

public class GreenButtonExporterTests
{
    private static readonly XNamespace A = GreenButtonExporter.Atom;
    private static readonly XNamespace E = GreenButtonExporter.Espi;
    private static readonly GreenButtonFeedInfo Info = new(Guid.Parse("6d1f5c2e-0000-4000-8000-000000000001"), "Account 0100****0001",
        new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), "https://portal.example/espi/1_1/resource/");

    private static XDocument RoundTrip(XDocument doc) => XDocument.Parse(doc.ToString());

    [Fact]
    public void Feed_parses_back_and_interval_values_add_up_to_the_readings_total()
    {
        var days = Days(new DateOnly(2025, 3, 1), 3, d => Day(d, 15, m => m == 60 ? -1 : 100 + m % 97));
        var doc = RoundTrip(GreenButtonExporter.Export(Info, days));

        Assert.Equal(A + "feed", doc.Root!.Name);
        var values = doc.Descendants(E + "IntervalReading").Select(r => (long)r.Element(E + "value")!).ToArray();
        Assert.Equal(3 * 95, values.Length); // missing interval omitted
        Assert.Equal(days.Sum(d => d.TotalKwh) * 1000, values.Sum());
        Assert.Equal(3, doc.Descendants(E + "IntervalBlock").Count());
    }

    [Fact]
    public void Reading_type_declares_watt_hours_without_scaling_and_the_interval_length()
    {
        var doc = RoundTrip(GreenButtonExporter.Export(Info, [Flat(new DateOnly(2025, 3, 1), 10)]));
        var rt = Assert.Single(doc.Descendants(E + "ReadingType"));
        Assert.Equal(72, (int)rt.Element(E + "uom")!);
        Assert.Equal(0, (int)rt.Element(E + "powerOfTenMultiplier")!);
        Assert.Equal(900, (int)rt.Element(E + "intervalLength")!);
        Assert.Equal(4, (int)rt.Element(E + "accumulationBehaviour")!);
        Assert.Single(doc.Descendants(E + "UsagePoint"));
        Assert.Single(doc.Descendants(E + "MeterReading"));
        Assert.Equal(28800, (int)doc.Descendants(E + "tzOffset").Single());
    }

    [Fact]
    public void Interval_start_is_utc_epoch_of_the_local_interval_start()
    {
        var doc = RoundTrip(GreenButtonExporter.Export(Info, [Flat(new DateOnly(2025, 3, 1), 10, 60)]));
        var block = doc.Descendants(E + "IntervalBlock").Single();
        // 2025-03-01 00:00 in UTC+8 is 2025-02-28 16:00 UTC.
        var expected = new DateTimeOffset(2025, 2, 28, 16, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Equal(expected, (long)block.Element(E + "interval")!.Element(E + "start")!);
        Assert.Equal(86400, (int)block.Element(E + "interval")!.Element(E + "duration")!);
        var second = block.Elements(E + "IntervalReading").ElementAt(1).Element(E + "timePeriod")!;
        Assert.Equal(expected + 3600, (long)second.Element(E + "start")!);
        Assert.Equal(3600, (int)second.Element(E + "duration")!);
    }

    [Fact]
    public void Estimated_intervals_are_flagged_with_a_reading_quality()
    {
        var quality = Enumerable.Repeat(ReadingQuality.Actual, 24).ToArray();
        quality[3] = ReadingQuality.Estimated;
        var doc = RoundTrip(GreenButtonExporter.Export(Info, [Day(new DateOnly(2025, 3, 1), 60, _ => 5, quality)]));
        var flagged = doc.Descendants(E + "IntervalReading").Where(r => r.Element(E + "ReadingQuality") is not null).ToArray();
        Assert.Equal(GreenButtonExporter.QualityEstimated, (int)Assert.Single(flagged).Element(E + "ReadingQuality")!.Element(E + "quality")!);
    }

    [Fact]
    public void Days_of_different_interval_lengths_get_their_own_meter_reading_and_reading_type()
    {
        var doc = RoundTrip(GreenButtonExporter.Export(Info, [Flat(new DateOnly(2025, 3, 1), 10, 60), Flat(new DateOnly(2025, 3, 2), 10, 15)]));
        Assert.Equal([900, 3600], doc.Descendants(E + "intervalLength").Select(x => (int)x).Order());
        Assert.Equal(2, doc.Descendants(E + "MeterReading").Count());
    }

    [Fact]
    public void Entry_ids_are_unique_and_stable_across_exports()
    {
        var days = Days(new DateOnly(2025, 3, 1), 2, d => Flat(d, 10));
        var ids1 = GreenButtonExporter.Export(Info, days).Descendants(A + "entry").Select(e => (string)e.Element(A + "id")!).ToArray();
        var ids2 = GreenButtonExporter.Export(Info, days).Descendants(A + "entry").Select(e => (string)e.Element(A + "id")!).ToArray();
        Assert.Equal(ids1, ids2);
        Assert.Equal(ids1.Length, ids1.Distinct().Count());
        Assert.All(doc().Descendants(A + "link").Select(l => (string)l.Attribute("href")!), h => Assert.StartsWith("https://portal.example/espi/1_1/resource/", h));
        XDocument doc() => GreenButtonExporter.Export(Info, days);
    }
}
