using Portal.Domain.Common;
using Portal.Domain.Complaints;
using Portal.Domain.Service;

namespace Portal.Domain.Ratings;

/// <summary>非常满意 … 非常不满意.</summary>
public enum SatisfactionLevel
{
    VerySatisfied = 0,
    Satisfied = 1,
    Neutral = 2,
    Dissatisfied = 3,
    VeryDissatisfied = 4,
}

/// <summary>A completed service activity the customer may rate; the feature service builds it from its records.</summary>
public sealed record RateableActivity(Guid ActivityId, ServiceActivityType Type, Guid AccountId, DateTime? CompletedAt);

/// <summary>
/// A customer's rating of one completed service activity. One per (activity, customer): the database enforces
/// it with a unique index on (<see cref="ActivityId"/>, <see cref="CustomerUserId"/>). Level and score are
/// separate inputs as DOMAIN.md describes them (the level is the survey answer, the score the star rating);
/// they are not forced to agree.
/// </summary>
public sealed class ServiceRating
{
    public const int MaxCommentLength = 500;
    public const int EditWindowDays = 7;
    public const int ComplaintOfferMaxScore = 2;

    private ServiceRating() { CustomerUserId = ""; }

    public Guid Id { get; private set; }
    public Guid ActivityId { get; private set; }
    public ServiceActivityType ActivityType { get; private set; }
    public Guid AccountId { get; private set; }
    public string CustomerUserId { get; private set; }
    public SatisfactionLevel Level { get; private set; }
    public int Score { get; private set; }
    public string? Comment { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public DateTime? EditedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>The edit window is 7 × 24 h from the first submission; edits do not extend it.</summary>
    public DateTime EditableUntil => SubmittedAt.AddDays(EditWindowDays);

    public bool CanEdit(DateTime now) => now <= EditableUntil;

    /// <summary>A poor score: the UI offers to turn the rating into a complaint.</summary>
    public bool OffersComplaint => Score <= ComplaintOfferMaxScore;

    public static IReadOnlyList<ValidationProblem> Validate(SatisfactionLevel level, int score, string? comment)
    {
        var problems = new List<ValidationProblem>();
        if (!Enum.IsDefined(level))
            problems.Add(new("Rating.UnknownLevel", $"Unknown satisfaction level {(int)level}."));
        if (score is < 1 or > 5)
            problems.Add(new("Rating.InvalidScore", "The score must be between 1 and 5."));
        if (ComplaintSubmission.TextLength(comment) > MaxCommentLength)
            problems.Add(new("Rating.CommentTooLong", $"The comment may not exceed {MaxCommentLength} characters."));
        return problems;
    }

    public static ServiceRating Submit(RateableActivity activity, string customerUserId, SatisfactionLevel level, int score,
        string? comment, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrWhiteSpace(customerUserId))
            throw new DomainException("Rating.CustomerRequired", "The rating user is missing.");
        if (activity.CompletedAt is not { } completedAt || completedAt > now)
            throw new DomainException("Rating.ActivityNotCompleted", "Only a completed service activity can be rated.");
        Validate(level, score, comment).ThrowIfAny();
        return new ServiceRating
        {
            Id = Guid.NewGuid(),
            ActivityId = activity.ActivityId,
            ActivityType = activity.Type,
            AccountId = activity.AccountId,
            CustomerUserId = customerUserId,
            Level = level,
            Score = score,
            Comment = Normalize(comment),
            SubmittedAt = now,
            Version = 1,
        };
    }

    public void Edit(string customerUserId, SatisfactionLevel level, int score, string? comment, DateTime now)
    {
        if (customerUserId != CustomerUserId)
            throw new DomainException("Rating.NotOwner", "Only the customer who rated may edit the rating.");
        if (!CanEdit(now))
            throw new DomainException("Rating.EditWindowClosed", $"A rating can be changed for {EditWindowDays} days after it was given.");
        Validate(level, score, comment).ThrowIfAny();
        Level = level;
        Score = score;
        Comment = Normalize(comment);
        EditedAt = now;
        Version++;
    }

    /// <summary>A complaint form prefilled from this rating; only offered for poor scores.</summary>
    public ComplaintDraft BuildComplaintDraft()
    {
        if (!OffersComplaint)
            throw new DomainException("Rating.ComplaintNotOffered", $"A complaint is offered for scores of {ComplaintOfferMaxScore} or less.");
        return new ComplaintDraft(AccountId, ActivityId, GuessCategory(ActivityType),
            $"ComplaintDraft.FromRating.{ActivityType}", Comment);
    }

    /// <summary>
    /// The most likely complaint category for a poorly rated activity; a guess the customer can change. Visits
    /// and inspections are about people rather than equipment, hence service attitude.
    /// </summary>
    public static ComplaintCategory GuessCategory(ServiceActivityType type) => type switch
    {
        ServiceActivityType.Repair => ComplaintCategory.Outage,
        ServiceActivityType.MeterReplacement => ComplaintCategory.MeterFault,
        ServiceActivityType.NewConnection => ComplaintCategory.ConnectionDelay,
        ServiceActivityType.SafetyInspection => ComplaintCategory.ServiceAttitude,
        ServiceActivityType.HallVisit => ComplaintCategory.ServiceAttitude,
        ServiceActivityType.ManagerVisit => ComplaintCategory.ServiceAttitude,
        _ => ComplaintCategory.Other,
    };

    private static string? Normalize(string? comment) => string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
}
