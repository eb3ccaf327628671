using System.Globalization;
using System.Xml.Linq;
using Portal.Domain.Tariffs;

namespace Portal.Domain.Usage;

/// <summary>
/// CSV downloads of a customer's usage, invariant culture, local (China Standard Time) timestamps at interval start.
/// Missing intervals have an empty kWh cell (never 0, which would read as "used nothing").
/// </summary>
public static class UsageCsvExporter
{
    public const string IntervalHeader = "interval_start,interval_end,kwh,quality,tou_period";
    public const string DailyHeader = "date,kwh,critical_peak_kwh,peak_kwh,flat_kwh,valley_kwh,deep_valley_kwh,missing_intervals,estimated_intervals";

    public static void WriteIntervals(TextWriter writer, IEnumerable<DayReadings> days, Func<DateOnly, int, TouPeriod> classify)
    {
        writer.Write(IntervalHeader);
        writer.Write('\n');
        foreach (var d in days.OrderBy(x => x.Date))
            for (var i = 0; i < d.IntervalsPerDay; i++)
            {
                var start = d.IntervalStart(i);
                writer.Write(start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(start.AddMinutes(d.IntervalMinutes).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                writer.Write(',');
                if (d.Kwh(i) is { } kwh) writer.Write(kwh.ToString("0.000", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(d.Quality[i].ToString());
                writer.Write(',');
                writer.Write(classify(d.Date, i * d.IntervalMinutes).ToString());
                writer.Write('\n');
            }
    }

    public static void WriteDaily(TextWriter writer, IEnumerable<DayReadings> days, Func<DateOnly, int, TouPeriod> classify)
    {
        writer.Write(DailyHeader);
        writer.Write('\n');
        var periods = Enum.GetValues<TouPeriod>();
        foreach (var d in days.OrderBy(x => x.Date))
        {
            var wh = new long[periods.Length];
            for (var i = 0; i < d.IntervalsPerDay; i++)
                if (d.WattHours[i] > 0) wh[(int)classify(d.Date, i * d.IntervalMinutes)] += d.WattHours[i];
            writer.Write(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(d.TotalKwh.ToString("0.000", CultureInfo.InvariantCulture));
            foreach (var p in periods)
            {
                writer.Write(',');
                writer.Write((wh[(int)p] / 1000m).ToString("0.000", CultureInfo.InvariantCulture));
            }
            writer.Write(',');
            writer.Write(d.MissingCount.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(d.EstimatedCount.ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }
}

/// <param name="FeedId">Stable id of this export (becomes urn:uuid:…).</param>
/// <param name="Title">Shown by Green Button viewers, e.g. the masked account number — never the customer's name.</param>
/// <param name="BaseUri">Base for the ESPI resource links, e.g. "https://portal.example/espi/1_1/resource".</param>
public sealed record GreenButtonFeedInfo(Guid FeedId, string Title, DateTimeOffset Updated, string BaseUri, TimeSpan? LocalUtcOffset = null);

/// <summary>
/// Green Button (NAESB ESPI) Atom feed of one account's interval data: one UsagePoint (electricity), its
/// LocalTimeParameters (UTC+8, no DST), and per interval length one MeterReading with its ReadingType
/// (delta energy, Wh, powerOfTenMultiplier 0, uom 72) and one IntervalBlock per day. Missing intervals are
/// omitted; estimated ones carry ReadingQuality 8 (ESPI "estimated using reference day" — the closest ESPI code,
/// since our meters' head-end does not say how it estimated).
/// </summary>
public static class GreenButtonExporter
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Espi = "http://naesb.org/espi";

    public const int UomWattHours = 72;
    public const int KindEnergy = 12;
    public const int AccumulationDeltaData = 4;
    public const int CommodityElectricity = 1;
    public const int QualityEstimated = 8;

    public static XDocument Export(GreenButtonFeedInfo info, IEnumerable<DayReadings> days)
    {
        var offset = info.LocalUtcOffset ?? ImportOptions.ChinaStandardTime;
        var updated = info.Updated.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var baseUri = info.BaseUri.TrimEnd('/');
        var usagePoint = $"{baseUri}/RetailCustomer/1/UsagePoint/1";

        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xmlns + "espi", Espi.NamespaceName),
            new XElement(Atom + "id", $"urn:uuid:{info.FeedId}"),
            new XElement(Atom + "title", info.Title),
            new XElement(Atom + "updated", updated),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", $"{baseUri}/Batch/RetailCustomer/1/UsagePoint")),
            Entry(info, 1, "UsagePoint", usagePoint, updated,
                [Link("up", $"{baseUri}/RetailCustomer/1/UsagePoint"), Link("related", $"{usagePoint}/MeterReading"), Link("related", $"{baseUri}/LocalTimeParameters/1")],
                new XElement(Espi + "UsagePoint",
                    new XElement(Espi + "ServiceCategory", new XElement(Espi + "kind", 0)))),
            Entry(info, 2, "LocalTimeParameters", $"{baseUri}/LocalTimeParameters/1", updated, [],
                new XElement(Espi + "LocalTimeParameters",
                    new XElement(Espi + "dstEndRule", "00000000"),
                    new XElement(Espi + "dstOffset", 0),
                    new XElement(Espi + "dstStartRule", "00000000"),
                    new XElement(Espi + "tzOffset", (long)offset.TotalSeconds))));

        var entryNo = 3;
        var readingNo = 0;
        foreach (var group in days.GroupBy(d => d.IntervalMinutes).OrderBy(g => g.Key))
        {
            readingNo++;
            var meterReading = $"{usagePoint}/MeterReading/{readingNo}";
            var readingType = $"{baseUri}/ReadingType/{readingNo}";
            feed.Add(Entry(info, entryNo++, "MeterReading", meterReading, updated,
                [Link("up", $"{usagePoint}/MeterReading"), Link("related", $"{meterReading}/IntervalBlock"), Link("related", readingType)],
                new XElement(Espi + "MeterReading")));
            feed.Add(Entry(info, entryNo++, "ReadingType", readingType, updated, [Link("up", $"{baseUri}/ReadingType")],
                new XElement(Espi + "ReadingType",
                    new XElement(Espi + "accumulationBehaviour", AccumulationDeltaData),
                    new XElement(Espi + "commodity", CommodityElectricity),
                    new XElement(Espi + "currency", 156), // ISO 4217 CNY
                    new XElement(Espi + "dataQualifier", 12), // normal
                    new XElement(Espi + "flowDirection", 1), // forward (delivered to the customer)
                    new XElement(Espi + "intervalLength", group.Key * 60),
                    new XElement(Espi + "kind", KindEnergy),
                    new XElement(Espi + "phase", 769), // ABC / not phase-specific
                    new XElement(Espi + "powerOfTenMultiplier", 0),
                    new XElement(Espi + "timeAttribute", 0),
                    new XElement(Espi + "uom", UomWattHours))));

            var blockNo = 0;
            foreach (var day in group.OrderBy(d => d.Date))
            {
                var dayStart = Epoch(day.IntervalStart(0), offset);
                var block = new XElement(Espi + "IntervalBlock",
                    new XElement(Espi + "interval",
                        new XElement(Espi + "duration", 86400),
                        new XElement(Espi + "start", dayStart)));
                for (var i = 0; i < day.IntervalsPerDay; i++)
                {
                    if (day.IsMissing(i)) continue;
                    var reading = new XElement(Espi + "IntervalReading");
                    if (day.Quality[i] == ReadingQuality.Estimated)
                        reading.Add(new XElement(Espi + "ReadingQuality", new XElement(Espi + "quality", QualityEstimated)));
                    reading.Add(
                        new XElement(Espi + "timePeriod",
                            new XElement(Espi + "duration", day.IntervalMinutes * 60),
                            new XElement(Espi + "start", dayStart + (long)i * day.IntervalMinutes * 60)),
                        new XElement(Espi + "value", day.WattHours[i]));
                    block.Add(reading);
                }
                feed.Add(Entry(info, entryNo++, "IntervalBlock", $"{meterReading}/IntervalBlock/{++blockNo}", updated,
                    [Link("up", $"{meterReading}/IntervalBlock")], block));
            }
        }
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), feed);
    }

    private static long Epoch(DateTime local, TimeSpan offset) => new DateTimeOffset(local, offset).ToUnixTimeSeconds();

    private static XElement Link(string rel, string href) =>
        new(Atom + "link", new XAttribute("rel", rel), new XAttribute("href", href));

    private static XElement Entry(GreenButtonFeedInfo info, int n, string title, string self, string updated, XElement[] links, XElement content) =>
        new(Atom + "entry",
            new XElement(Atom + "id", $"urn:uuid:{Derive(info.FeedId, n)}"),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", self)),
            links,
            new XElement(Atom + "title", title),
            new XElement(Atom + "content", content),
            new XElement(Atom + "published", updated),
            new XElement(Atom + "updated", updated));

    /// <summary>Entry ids derived from the feed id so re-exporting the same data gives the same ids.</summary>
    private static Guid Derive(Guid feed, int n)
    {
        var bytes = feed.ToByteArray();
        var counter = BitConverter.GetBytes(n);
        for (var i = 0; i < 4; i++) bytes[12 + i] ^= counter[i];
        return new Guid(bytes);
    }
}
