namespace Portal.Domain.Common;

/// <summary>
/// A broken business rule. <see cref="Code"/> is a stable key the UI localizes
/// (e.g. "Complaint.DescriptionTooShort"); the message is for logs and developers.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string code, string message) : base(message) => Code = code;

    public string Code { get; }
}
