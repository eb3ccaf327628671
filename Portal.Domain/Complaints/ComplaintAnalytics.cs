using Portal.Domain.Calendar;

namespace Portal.Domain.Complaints;

/// <summary>
/// The figures analytics read from a complaint. Contact/answer fields are the latest handling cycle (a
/// reopened complaint is judged on its reopened cycle); FirstContactAt/FirstResolvedAt never reset.
/// </summary>
public sealed record ComplaintFacts(
    DateTime SubmittedAt,
    DateTime ContactDueAt,
    DateTime? ContactedAt,
    DateTime AnswerDueAt,
    DateTime? RepliedAt,
    DateTime? FirstContactAt,
    DateTime? FirstResolvedAt,
    int ReopenCount,
    ComplaintStatus Status,
    string Description);

/// <summary>A ratio that stays honest about its base: <see cref="Value"/> is null when nothing was measured.</summary>
public sealed record Rate(int Numerator, int Denominator)
{
    /// <summary>0–1, rounded half-up to 4 decimals.</summary>
    public decimal? Value => Denominator == 0 ? null : Math.Round((decimal)Numerator / Denominator, 4, MidpointRounding.AwayFromZero);
}

public enum DurationBasis
{
    /// <summary>Only time inside working hours on working days: what the SLA commitments are written in.</summary>
    WorkingHours = 0,

    /// <summary>Elapsed wall-clock hours: what the customer experienced.</summary>
    ClockHours = 1,
}

/// <summary>Hours; null when <see cref="Count"/> is zero.</summary>
public sealed record DurationStats(DurationBasis Basis, int Count, double? MedianHours, double? P90Hours);

/// <summary>
/// Pure complaint metrics. DOMAIN.md asks to measure resolution and satisfaction rather than counts, so
/// there is deliberately no "complaints per handler" figure here.
/// </summary>
public static class ComplaintAnalytics
{
    /// <summary>
    /// Share of complaints contacted by their deadline. A complaint counts once it is decided: contacted (on
    /// time or late) or still uncontacted after its deadline. Complaints still inside their window are left
    /// out rather than counted as met.
    /// </summary>
    public static Rate ContactCompliance(IEnumerable<ComplaintFacts> complaints, DateTime now) =>
        Compliance(complaints.Select(c => (c.ContactDueAt, c.ContactedAt)), now);

    public static Rate AnswerCompliance(IEnumerable<ComplaintFacts> complaints, DateTime now) =>
        Compliance(complaints.Select(c => (c.AnswerDueAt, c.RepliedAt)), now);

    /// <summary>Reopened at least once, among complaints resolved at least once.</summary>
    public static Rate ReopenRate(IEnumerable<ComplaintFacts> complaints)
    {
        var resolved = complaints.Where(c => c.FirstResolvedAt is not null).ToList();
        return new Rate(resolved.Count(c => c.ReopenCount > 0), resolved.Count);
    }

    /// <param name="calendar">Required for <see cref="DurationBasis.WorkingHours"/>.</param>
    public static DurationStats TimeToFirstContact(IEnumerable<ComplaintFacts> complaints, DurationBasis basis, WorkingCalendar? calendar = null) =>
        Durations(complaints.Where(c => c.FirstContactAt is not null).Select(c => (c.SubmittedAt, c.FirstContactAt!.Value)), basis, calendar);

    public static DurationStats TimeToResolution(IEnumerable<ComplaintFacts> complaints, DurationBasis basis, WorkingCalendar? calendar = null) =>
        Durations(complaints.Where(c => c.FirstResolvedAt is not null).Select(c => (c.SubmittedAt, c.FirstResolvedAt!.Value)), basis, calendar);

    /// <summary>
    /// Percentile with linear interpolation between closest ranks (Excel PERCENTILE.INC, NumPy's default), so
    /// p = 0.5 is the ordinary median. <paramref name="sorted"/> must be ascending and non-empty.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("No values.", nameof(sorted));
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1d);
        var rank = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }

    public static IReadOnlyList<KeywordCount> TopKeywords(IEnumerable<ComplaintFacts> complaints, int top, KeywordExtractor? extractor = null) =>
        (extractor ?? KeywordExtractor.Default).Top(complaints.Select(c => c.Description), top);

    private static Rate Compliance(IEnumerable<(DateTime Due, DateTime? Done)> items, DateTime now)
    {
        int met = 0, decided = 0;
        foreach (var (due, done) in items)
        {
            if (done is { } at) { decided++; if (at <= due) met++; }
            else if (now > due) decided++;
        }
        return new Rate(met, decided);
    }

    private static DurationStats Durations(IEnumerable<(DateTime From, DateTime To)> spans, DurationBasis basis, WorkingCalendar? calendar)
    {
        if (basis == DurationBasis.WorkingHours && calendar is null)
            throw new ArgumentNullException(nameof(calendar), "Working-hour durations need a calendar.");
        var hours = spans
            .Select(s => basis == DurationBasis.WorkingHours
                ? calendar!.WorkingTimeBetween(s.From, s.To).TotalHours
                : Math.Max(0d, (s.To - s.From).TotalHours))
            .Order()
            .ToList();
        if (hours.Count == 0) return new DurationStats(basis, 0, null, null);
        return new DurationStats(basis, hours.Count, Math.Round(Percentile(hours, 0.5), 2), Math.Round(Percentile(hours, 0.9), 2));
    }
}
