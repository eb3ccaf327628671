using System.Text;
using Portal.Domain.Common;
using Portal.Domain.Statements;

namespace Portal.Tests.Domain.Statements;

public class StatementRecordTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7 statement");
    private static readonly DateTime At = new(2026, 11, 4, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_issued_statement_is_revision_one_with_the_sha256_of_its_bytes()
    {
        var r = StatementRecord.Issue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 10, 1), At, "zh-CN", Pdf, "{}");
        Assert.Equal(1, r.Revision);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), r.Sha256);
        Assert.Equal(Pdf.Length, r.SizeBytes);
        Assert.Null(r.SupersedesId);
        Assert.True(r.IsIntact());
    }

    [Fact]
    public void A_correction_is_the_next_revision_referencing_the_original_which_stays_unchanged()
    {
        var original = StatementRecord.Issue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 10, 1), At, "zh-CN", Pdf, "{}");
        var fixedPdf = Encoding.ASCII.GetBytes("%PDF-1.7 corrected");
        var correction = original.Correct(Guid.NewGuid(), At.AddDays(1), "en-US", fixedPdf, "{}", "  meter re-read  ");
        Assert.Equal((2, original.Id, "meter re-read"), (correction.Revision, correction.SupersedesId!.Value, correction.CorrectionReason!));
        Assert.Equal((original.AccountId, original.PeriodStart, original.BillId), (correction.AccountId, correction.PeriodStart, correction.BillId));
        Assert.NotEqual(original.Sha256, correction.Sha256);
        Assert.Equal(1, original.Revision);
        Assert.Equal(Pdf, original.Pdf);
        Assert.Equal(3, correction.Correct(Guid.NewGuid(), At.AddDays(2), "zh-CN", Pdf, "{}", "again").Revision);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_correction_needs_a_reason(string reason)
    {
        var original = StatementRecord.Issue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 10, 1), At, "zh-CN", Pdf, "{}");
        Assert.Equal("Statement.CorrectionReasonRequired", Assert.Throws<DomainException>(() => original.Correct(Guid.NewGuid(), At, "zh-CN", Pdf, "{}", reason)).Code);
    }

    [Fact]
    public void A_correction_cannot_predate_the_original()
    {
        var original = StatementRecord.Issue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 10, 1), At, "zh-CN", Pdf, "{}");
        Assert.Equal("Statement.CorrectionBeforeOriginal",
            Assert.Throws<DomainException>(() => original.Correct(Guid.NewGuid(), At.AddTicks(-1), "zh-CN", Pdf, "{}", "x")).Code);
    }

    [Theory]
    [InlineData("plain text", "zh-CN", "Statement.NotPdf")]
    [InlineData("%PDF-1.7", "fr-FR", "Statement.CultureUnsupported")]
    public void Only_pdf_bytes_in_a_supported_language_are_issued(string content, string culture, string code)
    {
        var ex = Assert.Throws<DomainException>(() =>
            StatementRecord.Issue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 10, 1), At, culture, Encoding.ASCII.GetBytes(content), "{}"));
        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void A_statement_keeps_the_content_it_was_drawn_from()
    {
        Assert.Equal("Statement.ContentMissing", Assert.Throws<DomainException>(() =>
            StatementRecord.Issue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 10, 1), At, "zh-CN", Pdf, " ")).Code);
    }

    [Fact]
    public void Changed_bytes_no_longer_match_the_stored_hash()
    {
        var bytes = (byte[])Pdf.Clone();
        var r = StatementRecord.Issue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 10, 1), At, "zh-CN", bytes, "{}");
        bytes[^1] ^= 1;
        Assert.False(r.IsIntact());
    }
}
