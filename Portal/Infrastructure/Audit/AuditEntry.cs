namespace Portal.Infrastructure.Audit;

/// <summary>
/// An append-only, hash-chained audit record: <see cref="Hash"/> = SHA-256 over the previous hash and this
/// record's fields, so a modified or deleted record breaks the chain (<c>audit verify</c>).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    /// <summary>What happened, e.g. "SignIn", "AccountBound", "StatementDownloaded".</summary>
    public string Action { get; set; } = "";
    /// <summary>The object acted on, e.g. "account:3300012345".</summary>
    public string? Target { get; set; }
    public string Outcome { get; set; } = "Success";
    /// <summary>Public or Internal.</summary>
    public string? Endpoint { get; set; }
    public string? ClientIp { get; set; }
    public string? Detail { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
