using Portal.Domain.Common;
using Portal.Domain.Complaints;
using Xunit;
using static Portal.Tests.Domain.Complaints.ComplaintTestData;

namespace Portal.Tests.Domain.Complaints;

public class AttachmentTests
{
    private static readonly string Hash = new('a', 64);

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46 }, AttachmentKind.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, AttachmentKind.Png)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, AttachmentKind.Pdf)]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00 }, AttachmentKind.Unknown)] // MZ: a Windows .exe
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A }, AttachmentKind.Unknown)]     // PNG signature cut short
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 }, AttachmentKind.Unknown)]                       // "%PDF" without the dash
    [InlineData(new byte[0], AttachmentKind.Unknown)]
    public void Files_are_recognised_by_their_magic_bytes(byte[] header, AttachmentKind expected) =>
        Assert.Equal(expected, AttachmentSniffer.Detect(header));

    [Fact]
    public void An_exe_renamed_to_jpg_is_refused()
    {
        var kind = AttachmentSniffer.Detect(new byte[] { 0x4D, 0x5A, 0x90, 0x00 });
        var problems = AttachmentPolicy.Validate("photo.jpg", "image/jpeg", 1000, Hash, kind);
        Assert.Equal("Attachment.UnsupportedContent", Assert.Single(problems).Code);
    }

    [Fact]
    public void A_png_named_jpg_is_refused_as_a_mismatch()
    {
        var codes = AttachmentPolicy.Validate("photo.jpg", "image/jpeg", 1000, Hash, AttachmentKind.Png).Select(p => p.Code);
        Assert.Equal(["Attachment.ExtensionMismatch", "Attachment.ContentTypeMismatch"], codes);
    }

    [Theory]
    [InlineData("bill.PDF", "application/pdf", AttachmentKind.Pdf)]
    [InlineData("meter.jpeg", "IMAGE/JPEG", AttachmentKind.Jpeg)]
    [InlineData("电表.png", "image/png", AttachmentKind.Png)]
    public void Matching_names_types_and_content_are_accepted(string name, string type, AttachmentKind kind) =>
        Assert.Empty(AttachmentPolicy.Validate(name, type, 1000, Hash, kind));

    [Fact]
    public void Five_mebibytes_are_accepted_and_one_byte_more_is_refused()
    {
        Assert.Empty(AttachmentPolicy.Validate("a.pdf", "application/pdf", 5 * 1024 * 1024, Hash, AttachmentKind.Pdf));
        Assert.Equal("Attachment.TooLarge",
            Assert.Single(AttachmentPolicy.Validate("a.pdf", "application/pdf", 5 * 1024 * 1024 + 1, Hash, AttachmentKind.Pdf)).Code);
    }

    [Theory]
    [InlineData("../etc/passwd.pdf")]
    [InlineData("dir\\a.pdf")]
    [InlineData(" ")]
    public void File_names_with_paths_are_refused(string name) =>
        Assert.Contains(AttachmentPolicy.Validate(name, "application/pdf", 10, Hash, AttachmentKind.Pdf), p => p.Code == "Attachment.InvalidFileName");

    [Fact]
    public void A_malformed_hash_and_an_empty_file_are_refused()
    {
        var codes = AttachmentPolicy.Validate("a.pdf", "application/pdf", 0, "xyz", AttachmentKind.Pdf).Select(p => p.Code);
        Assert.Equal(["Attachment.Empty", "Attachment.InvalidHash"], codes);
    }

    [Fact]
    public void A_complaint_takes_three_attachments_and_refuses_a_fourth()
    {
        var c = Submitted();
        for (var i = 0; i < 3; i++)
            c.AddAttachment(Customer, $"p{i}.png", "image/png", 100, $"store/{i}", Hash, AttachmentKind.Png, Tuesday10);
        Assert.Equal(3, c.Attachments.Count);
        var ex = Assert.Throws<DomainException>(() =>
            c.AddAttachment(Customer, "p4.png", "image/png", 100, "store/4", Hash, AttachmentKind.Png, Tuesday10));
        Assert.Equal("Attachment.TooMany", ex.Code);
    }

    [Fact]
    public void The_complaint_refuses_an_attachment_that_fails_the_policy()
    {
        var ex = Assert.Throws<DomainException>(() =>
            Submitted().AddAttachment(Customer, "x.jpg", "image/jpeg", 100, "s", Hash, AttachmentKind.Unknown, Tuesday10));
        Assert.Equal("Attachment.UnsupportedContent", ex.Code);
    }

    [Fact]
    public void Attachments_cannot_be_added_to_a_resolved_complaint() =>
        Assert.Equal("Complaint.NotOpen", Assert.Throws<DomainException>(() =>
            Resolved().AddAttachment(Customer, "a.pdf", "application/pdf", 1, "s", Hash, AttachmentKind.Pdf, Tuesday10)).Code);
}
