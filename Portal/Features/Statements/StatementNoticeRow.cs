using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Statements;

namespace Portal.Features.Statements;

/// <summary>
/// That the account's users were told a statement is ready: written in the same SaveChanges as their bell rows and queued
/// emails, and keyed by the statement, so a statement is announced once — a re-run or a second instance finds the row (or
/// fails on the key and writes nothing).
/// </summary>
public sealed class StatementNoticeRow
{
    public Guid StatementId { get; set; }
    public DateTime NotifiedAtUtc { get; set; }
    /// <summary>The account's portal users at the time (0: nobody to tell; the statement is not looked at again).</summary>
    public int Recipients { get; set; }
}

public sealed class StatementNoticeConfiguration : IEntityTypeConfiguration<StatementNoticeRow>
{
    public void Configure(EntityTypeBuilder<StatementNoticeRow> b)
    {
        b.ToTable("StatementNotices");
        b.HasKey(x => x.StatementId);
        b.HasOne<StatementRecord>().WithMany().HasForeignKey(x => x.StatementId).OnDelete(DeleteBehavior.Cascade);
    }
}
