namespace Portal.Domain.Ratings;

public sealed record RatingPoint(DateTime At, int Score);

/// <summary>Mean score of the ratings given in one calendar month (utility local time), rounded half-up to 0.01.</summary>
public sealed record MonthlySatisfaction(int Year, int Month, int Count, decimal MeanScore);

public static class RatingAnalytics
{
    /// <summary>
    /// One point per month that has ratings, oldest first. Months without ratings are omitted rather than
    /// shown as zero, which would read as "very dissatisfied".
    /// </summary>
    public static IReadOnlyList<MonthlySatisfaction> MonthlyTrend(IEnumerable<RatingPoint> ratings) =>
        ratings
            .GroupBy(r => (r.At.Year, r.At.Month))
            .OrderBy(g => g.Key)
            .Select(g => new MonthlySatisfaction(g.Key.Year, g.Key.Month, g.Count(),
                Math.Round((decimal)g.Sum(r => r.Score) / g.Count(), 2, MidpointRounding.AwayFromZero)))
            .ToList();

    public static IReadOnlyList<MonthlySatisfaction> MonthlyTrend(IEnumerable<ServiceRating> ratings) =>
        MonthlyTrend(ratings.Select(r => new RatingPoint(r.SubmittedAt, r.Score)));
}
