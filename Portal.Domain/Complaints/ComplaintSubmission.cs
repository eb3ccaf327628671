using System.Text;

namespace Portal.Domain.Complaints;

/// <summary>What the customer's form sends. <see cref="Validate"/> lists every problem for the form.</summary>
public sealed record ComplaintSubmission(
    Guid AccountId,
    string CustomerUserId,
    ComplaintCategory Category,
    string Description,
    ContactPreference ContactPreference,
    string IdempotencyKey,
    Guid? RelatedActivityId = null,
    Guid? RelatedBillId = null)
{
    public const int MinDescriptionLength = 10;
    public const int MaxDescriptionLength = 2000;
    public const int MaxIdempotencyKeyLength = 100;

    public IReadOnlyList<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        if (AccountId == Guid.Empty)
            problems.Add(new("Complaint.AccountRequired", "Choose the account the complaint is about."));
        if (string.IsNullOrWhiteSpace(CustomerUserId))
            problems.Add(new("Complaint.CustomerRequired", "The submitting user is missing."));
        if (!Enum.IsDefined(Category))
            problems.Add(new("Complaint.UnknownCategory", $"Unknown category {(int)Category}."));
        if (!Enum.IsDefined(ContactPreference))
            problems.Add(new("Complaint.UnknownContactPreference", $"Unknown contact preference {(int)ContactPreference}."));
        var length = TextLength(Description);
        if (length < MinDescriptionLength)
            problems.Add(new("Complaint.DescriptionTooShort", $"Describe the problem in at least {MinDescriptionLength} characters."));
        else if (length > MaxDescriptionLength)
            problems.Add(new("Complaint.DescriptionTooLong", $"The description may not exceed {MaxDescriptionLength} characters."));
        if (string.IsNullOrWhiteSpace(IdempotencyKey) || IdempotencyKey.Length > MaxIdempotencyKeyLength)
            problems.Add(new("Complaint.IdempotencyKeyInvalid", $"An idempotency key of 1–{MaxIdempotencyKeyLength} characters is required."));
        if (RelatedActivityId is not null && RelatedBillId is not null)
            problems.Add(new("Complaint.TooManyRelations", "A complaint refers to a service activity or a bill, not both."));
        return problems;
    }

    /// <summary>
    /// Characters after trimming, counted as Unicode scalar values so an emoji (two UTF-16 units) counts once
    /// and a Chinese character counts once.
    /// </summary>
    public static int TextLength(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Trim().EnumerateRunes().Count();
}
