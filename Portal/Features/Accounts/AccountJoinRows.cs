using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;
using Portal.Domain.Accounts;

namespace Portal.Features.Accounts;

public enum JoinRequestState
{
    Pending,
    Approved,
    Denied,
}

/// <summary>
/// A login's request to see an account that already has a holder in the portal. The bill amount proved only that
/// the requester has seen a bill; the holder's approval, given while signed in, is the second proof.
/// </summary>
public sealed class AccountJoinRequestRow
{
    public long Id { get; set; }
    public Guid AccountId { get; set; }
    public string RequesterUserId { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>After this the holder can no longer approve; the requester asks again (with a fresh bill amount).</summary>
    public DateTime ExpiresAtUtc { get; set; }
    public JoinRequestState State { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    /// <summary>The holder who decided (kept as history, not a key: the holder may delete their login later).</summary>
    public string? DecidedByUserId { get; set; }
}

/// <summary>
/// One proof of an account number (registration or binding). Keyed by the number as typed, not the account, so an
/// unknown number locks out exactly like a known one and the lockout reveals nothing about which numbers exist.
/// </summary>
public sealed class AccountBindingAttemptRow
{
    public long Id { get; set; }
    public string AccountNumber { get; set; } = "";
    public string? UserId { get; set; }
    public DateTime AtUtc { get; set; }
    public bool Succeeded { get; set; }
}

public sealed class AccountJoinRequestConfiguration : IEntityTypeConfiguration<AccountJoinRequestRow>
{
    public void Configure(EntityTypeBuilder<AccountJoinRequestRow> b)
    {
        b.ToTable("AccountJoinRequests");
        b.HasKey(x => x.Id);
        b.Property(x => x.RequesterUserId).HasMaxLength(450);
        b.Property(x => x.DecidedByUserId).HasMaxLength(450);
        b.HasIndex(x => new { x.AccountId, x.State });
        b.HasIndex(x => x.RequesterUserId);
        b.HasOne<CustomerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.RequesterUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AccountBindingAttemptConfiguration : IEntityTypeConfiguration<AccountBindingAttemptRow>
{
    public void Configure(EntityTypeBuilder<AccountBindingAttemptRow> b)
    {
        b.ToTable("AccountBindingAttempts");
        b.HasKey(x => x.Id);
        b.Property(x => x.AccountNumber).HasMaxLength(32);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.HasIndex(x => new { x.AccountNumber, x.AtUtc });
    }
}
