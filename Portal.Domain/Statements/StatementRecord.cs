using System.Security.Cryptography;
using Portal.Domain.Common;

namespace Portal.Domain.Statements;

/// <summary>
/// An issued statement: the PDF bytes exactly as the customer receives them, with their SHA-256. Immutable:
/// nothing changes after issue; a correction is a new record with the next revision that names the one it replaces.
/// </summary>
public sealed class StatementRecord
{
    public static readonly string[] Cultures = ["zh-CN", "en-US"];

    private StatementRecord() { }

    private StatementRecord(Guid id, Guid accountId, Guid billId, DateOnly periodStart, int revision, DateTime issuedAtUtc,
        string culture, byte[] pdf, string content, Guid? supersedesId, string? correctionReason)
    {
        if (string.IsNullOrWhiteSpace(content))
            throw new DomainException("Statement.ContentMissing", "A statement keeps the content it was drawn from.");
        if (pdf is null || pdf.Length < 5 || pdf[0] != '%' || pdf[1] != 'P' || pdf[2] != 'D' || pdf[3] != 'F')
            throw new DomainException("Statement.NotPdf", "A statement's bytes must be a PDF document.");
        if (!Cultures.Contains(culture))
            throw new DomainException("Statement.CultureUnsupported", $"Statements are issued in {string.Join(" or ", Cultures)}.");
        if (issuedAtUtc.Kind != DateTimeKind.Utc)
            throw new DomainException("Statement.IssueTimeNotUtc", "The issue time is stored in UTC.");
        Id = id;
        AccountId = accountId;
        BillId = billId;
        PeriodStart = periodStart;
        Revision = revision;
        IssuedAtUtc = issuedAtUtc;
        Culture = culture;
        Pdf = pdf;
        Content = content;
        SizeBytes = pdf.Length;
        Sha256 = HashOf(pdf);
        SupersedesId = supersedesId;
        CorrectionReason = correctionReason;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid BillId { get; private set; }
    /// <summary>First day of the billing period the statement is for.</summary>
    public DateOnly PeriodStart { get; private set; }
    /// <summary>1 for the original; each correction adds one.</summary>
    public int Revision { get; private set; }
    public DateTime IssuedAtUtc { get; private set; }
    public string Culture { get; private set; } = "";
    public byte[] Pdf { get; private set; } = [];
    public int SizeBytes { get; private set; }
    /// <summary>The <see cref="StatementDocument"/> the PDF was drawn from (JSON), so the HTML twin shows exactly what was issued.</summary>
    public string Content { get; private set; } = "";
    /// <summary>Lower-case hex SHA-256 of <see cref="Pdf"/>.</summary>
    public string Sha256 { get; private set; } = "";
    public Guid? SupersedesId { get; private set; }
    public string? CorrectionReason { get; private set; }

    public static StatementRecord Issue(Guid id, Guid accountId, Guid billId, DateOnly periodStart, DateTime issuedAtUtc, string culture, byte[] pdf, string content) =>
        new(id, accountId, billId, periodStart, 1, issuedAtUtc, culture, pdf, content, null, null);

    /// <summary>A corrected statement for the same period: the next revision, referencing this one. This record stays as it was.</summary>
    public StatementRecord Correct(Guid id, DateTime issuedAtUtc, string culture, byte[] pdf, string content, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("Statement.CorrectionReasonRequired", "A correction needs a reason.");
        if (issuedAtUtc < IssuedAtUtc)
            throw new DomainException("Statement.CorrectionBeforeOriginal", "A correction cannot be issued before the statement it corrects.");
        return new(id, AccountId, BillId, PeriodStart, Revision + 1, issuedAtUtc, culture, pdf, content, Id, reason.Trim());
    }

    /// <summary>True when the stored bytes still hash to the stored SHA-256.</summary>
    public bool IsIntact() => HashOf(Pdf) == Sha256;

    public static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
