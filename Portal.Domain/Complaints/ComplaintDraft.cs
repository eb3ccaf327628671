namespace Portal.Domain.Complaints;

/// <summary>
/// A prefilled complaint form (e.g. from a poor service rating). <see cref="DescriptionTemplateKey"/> is a
/// localization key for the suggested opening text; <see cref="SuggestedText"/> carries what the customer
/// already wrote. The customer still edits and submits it as a normal <see cref="ComplaintSubmission"/>.
/// </summary>
public sealed record ComplaintDraft(
    Guid AccountId,
    Guid? RelatedActivityId,
    ComplaintCategory Category,
    string DescriptionTemplateKey,
    string? SuggestedText);
