using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Complaints;
using Portal.Domain.Ratings;

namespace Portal.Features.Complaints.Admin;

/// <summary>Mean score on 1–5 (null when nothing was rated) and how many ratings it rests on.</summary>
public sealed record GroupScore(string Key, int Count, decimal? MeanScore);

/// <summary>Resolution and satisfaction per group; the count is the base of the rates, not a target.</summary>
public sealed record ComplaintGroup(string Key, int Count, Rate Resolved, Rate AnswerOnTime, decimal? MeanHandlingScore);

public sealed record AnalyticsReport(
    DateTime From, DateTime To,
    IReadOnlyList<MonthlySatisfaction> ActivitySatisfaction,
    IReadOnlyList<MonthlySatisfaction> HandlingSatisfaction,
    IReadOnlyList<GroupScore> RatingsByActivityType,
    IReadOnlyList<GroupScore> RatingsByRegion,
    IReadOnlyList<ComplaintGroup> ByCategory,
    IReadOnlyList<ComplaintGroup> ByRegion,
    IReadOnlyList<ComplaintGroup> ByMonth,
    Rate ContactCompliance,
    Rate AnswerCompliance,
    DurationStats TimeToFirstContact,
    DurationStats TimeToResolution,
    Rate ReopenRate,
    IReadOnlyList<KeywordCount> TopKeywords);

/// <summary>
/// Complaint and rating analytics over the last 12 months, computed by the domain's pure calculators from a
/// narrow projection. Resolution and satisfaction first; counts appear only as the base of a rate.
/// </summary>
public sealed class ComplaintAnalyticsService(IDbContextFactory<AppDbContext> dbFactory, ComplaintClock clock, ComplaintKeywords keywords)
{
    public async Task<AnalyticsReport> ReportAsync(CancellationToken ct = default)
    {
        var now = clock.Now;
        var from = new DateTime(now.Year, now.Month, 1).AddMonths(-11);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.SubmittedAt >= from)
            .Join(db.Accounts, c => c.AccountId, a => a.Id, (c, a) => new
            {
                c.SubmittedAt,
                c.FirstContactDueAt,
                c.ContactedAt,
                c.AnswerDueAt,
                c.RepliedAt,
                c.FirstContactAt,
                c.FirstResolvedAt,
                c.ReopenCount,
                c.Status,
                c.Description,
                c.Category,
                a.Region,
                c.HandlingScore,
                c.ResolvedAt,
            })
            .ToListAsync(ct);
        var ratings = await db.ServiceRatings.AsNoTracking().Where(r => r.SubmittedAt >= from)
            .Join(db.Accounts, r => r.AccountId, a => a.Id, (r, a) => new { r.SubmittedAt, r.Score, r.ActivityType, a.Region })
            .ToListAsync(ct);

        var facts = complaints.Select(c => new
        {
            c.Category,
            c.Region,
            c.HandlingScore,
            c.SubmittedAt,
            Facts = new ComplaintFacts(c.SubmittedAt, c.FirstContactDueAt, c.ContactedAt, c.AnswerDueAt, c.RepliedAt, c.FirstContactAt,
                c.FirstResolvedAt, c.ReopenCount, c.Status, c.Description),
        }).ToList();

        ComplaintGroup ToGroup(string key, IReadOnlyCollection<(ComplaintFacts Facts, int? Score)> items) => new(key, items.Count,
            new Rate(items.Count(i => i.Facts.FirstResolvedAt is not null), items.Count),
            ComplaintAnalytics.AnswerCompliance(items.Select(i => i.Facts), now),
            Mean(items.Where(i => i.Score is not null).Select(i => i.Score!.Value)));

        var byCategory = facts.GroupBy(f => f.Category.ToString()).OrderBy(g => g.Key)
            .Select(g => ToGroup(g.Key, g.Select(x => (x.Facts, x.HandlingScore)).ToList())).ToList();
        var byRegion = facts.GroupBy(f => f.Region).OrderBy(g => g.Key)
            .Select(g => ToGroup(g.Key, g.Select(x => (x.Facts, x.HandlingScore)).ToList())).ToList();
        var byMonth = facts.GroupBy(f => f.SubmittedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture)).OrderBy(g => g.Key)
            .Select(g => ToGroup(g.Key, g.Select(x => (x.Facts, x.HandlingScore)).ToList())).ToList();

        var all = facts.Select(f => f.Facts).ToList();
        var calendar = await clock.CalendarAsync(ct);
        return new AnalyticsReport(from, now,
            RatingAnalytics.MonthlyTrend(ratings.Select(r => new RatingPoint(r.SubmittedAt, r.Score))),
            RatingAnalytics.MonthlyTrend(complaints.Where(c => c.HandlingScore is not null)
                .Select(c => new RatingPoint(c.ResolvedAt ?? c.SubmittedAt, c.HandlingScore!.Value))),
            ratings.GroupBy(r => r.ActivityType.ToString()).OrderBy(g => g.Key).Select(g => new GroupScore(g.Key, g.Count(), Mean(g.Select(r => r.Score)))).ToList(),
            ratings.GroupBy(r => r.Region).OrderBy(g => g.Key).Select(g => new GroupScore(g.Key, g.Count(), Mean(g.Select(r => r.Score)))).ToList(),
            byCategory, byRegion, byMonth,
            ComplaintAnalytics.ContactCompliance(all, now),
            ComplaintAnalytics.AnswerCompliance(all, now),
            ComplaintAnalytics.TimeToFirstContact(all, DurationBasis.WorkingHours, calendar),
            ComplaintAnalytics.TimeToResolution(all, DurationBasis.WorkingHours, calendar),
            ComplaintAnalytics.ReopenRate(all),
            ComplaintAnalytics.TopKeywords(all, 15, keywords.Extractor));
    }

    /// <summary>The report as CSV (section, key, measures), invariant culture so spreadsheets in any locale read it.</summary>
    public async Task<string> CsvAsync(CancellationToken ct = default)
    {
        var r = await ReportAsync(ct);
        var sb = new StringBuilder("section,key,count,value,detail\n");
        void Line(string section, string key, int count, decimal? value, string detail = "") =>
            sb.Append(Csv(section)).Append(',').Append(Csv(key)).Append(',').Append(count.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(value?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',').Append(Csv(detail)).Append('\n');
        foreach (var m in r.ActivitySatisfaction) Line("activity-satisfaction", $"{m.Year}-{m.Month:00}", m.Count, m.MeanScore, "mean score 1-5");
        foreach (var m in r.HandlingSatisfaction) Line("complaint-handling-satisfaction", $"{m.Year}-{m.Month:00}", m.Count, m.MeanScore, "mean score 1-5");
        foreach (var g in r.RatingsByActivityType) Line("ratings-by-activity-type", g.Key, g.Count, g.MeanScore, "mean score 1-5");
        foreach (var g in r.RatingsByRegion) Line("ratings-by-region", g.Key, g.Count, g.MeanScore, "mean score 1-5");
        foreach (var (section, groups) in new[] { ("complaints-by-category", r.ByCategory), ("complaints-by-region", r.ByRegion), ("complaints-by-month", r.ByMonth) })
            foreach (var g in groups)
            {
                Line(section, g.Key, g.Count, g.Resolved.Value, "resolved share");
                Line(section, g.Key, g.AnswerOnTime.Denominator, g.AnswerOnTime.Value, "answered within commitment");
                Line(section, g.Key, g.Count, g.MeanHandlingScore, "mean handling score 1-5");
            }
        Line("sla", "first-contact", r.ContactCompliance.Denominator, r.ContactCompliance.Value, "share met");
        Line("sla", "answer", r.AnswerCompliance.Denominator, r.AnswerCompliance.Value, "share met");
        Line("time-to-first-contact", "median-working-hours", r.TimeToFirstContact.Count, (decimal?)r.TimeToFirstContact.MedianHours);
        Line("time-to-first-contact", "p90-working-hours", r.TimeToFirstContact.Count, (decimal?)r.TimeToFirstContact.P90Hours);
        Line("time-to-resolution", "median-working-hours", r.TimeToResolution.Count, (decimal?)r.TimeToResolution.MedianHours);
        Line("time-to-resolution", "p90-working-hours", r.TimeToResolution.Count, (decimal?)r.TimeToResolution.P90Hours);
        Line("reopen-rate", "all", r.ReopenRate.Denominator, r.ReopenRate.Value, "reopened among resolved");
        foreach (var k in r.TopKeywords) Line("top-keywords", k.Term, k.Count, null, "complaints mentioning it");
        return sb.ToString();
    }

    private static decimal? Mean(IEnumerable<int> scores)
    {
        var list = scores.ToList();
        return list.Count == 0 ? null : Math.Round((decimal)list.Sum() / list.Count, 2, MidpointRounding.AwayFromZero);
    }

    private static string Csv(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 || (s.Length > 0 && s[0] is '=' or '+' or '-' or '@')
            ? "\"" + (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' ? "'" : "") + s.Replace("\"", "\"\"") + "\""
            : s;
}
