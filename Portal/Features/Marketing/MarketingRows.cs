using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Features.Marketing;

/// <summary>One association-analysis run: its window, thresholds and counts. The newest finished run is what the page shows.</summary>
public sealed class AssociationRunRow
{
    public long Id { get; set; }
    public DateOnly WindowFrom { get; set; }
    public DateOnly WindowTo { get; set; }
    public int Months { get; set; }
    public double MinSupport { get; set; }
    public double MinConfidence { get; set; }
    public int MaxItems { get; set; }
    public int Accounts { get; set; }
    public int RulesTested { get; set; }
    public int RulesSignificant { get; set; }
    /// <summary>"nightly" or the admin's user name.</summary>
    public string TriggeredBy { get; set; } = "";
    public DateTime StartedAtUtc { get; set; }
    public int DurationMs { get; set; }
}

/// <summary>One tested rule of a run with its 2×2 table and statistics; items are "attribute=value" joined by '&amp;'.</summary>
public sealed class AssociationRuleRow
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public int Rank { get; set; }
    public string Antecedent { get; set; } = "";
    public int AntecedentSize { get; set; }
    public string Outcome { get; set; } = "";
    public int WithBoth { get; set; }
    public int AntecedentAccounts { get; set; }
    public int OutcomeAccounts { get; set; }
    public int TotalAccounts { get; set; }
    public double Support { get; set; }
    public double Confidence { get; set; }
    public double Lift { get; set; }
    public double RiskRatio { get; set; }
    public double RiskRatioLow { get; set; }
    public double RiskRatioHigh { get; set; }
    public double PValue { get; set; }
    public double QValue { get; set; }
    public bool Significant { get; set; }
}

public sealed class AssociationRunConfiguration : IEntityTypeConfiguration<AssociationRunRow>
{
    public void Configure(EntityTypeBuilder<AssociationRunRow> b)
    {
        b.ToTable("AssociationRuns");
        b.Property(x => x.TriggeredBy).HasMaxLength(256);
        b.HasIndex(x => x.StartedAtUtc);
    }
}

public sealed class AssociationRuleConfiguration : IEntityTypeConfiguration<AssociationRuleRow>
{
    public void Configure(EntityTypeBuilder<AssociationRuleRow> b)
    {
        b.ToTable("AssociationRules");
        b.Property(x => x.Antecedent).HasMaxLength(400);
        b.Property(x => x.Outcome).HasMaxLength(100);
        // The page reads one run's rules in rank order, significant ones first.
        b.HasIndex(x => new { x.RunId, x.Significant, x.Rank });
        b.HasOne<AssociationRunRow>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
