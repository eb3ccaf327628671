using Portal.Domain.Common;

namespace Portal.Domain.Tariffs;

public enum PackageVersionStatus
{
    Draft = 0,
    Published = 1,
    Retired = 2,
}

/// <summary>
/// One version of a package's price list as stored in the catalogue. A draft is edited freely; publishing freezes
/// it with the day it comes into force; the previous published version of the code is retired when a newer one
/// comes into force (the catalogue picks the latest effective version, so retiring is bookkeeping, not logic).
/// </summary>
public sealed class TariffPackageVersion
{
    private TariffPackageVersion() { }

    public TariffPackageVersion(Guid id, string code, int version, string json, DateTime createdAtUtc, string createdByUserId)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new DomainException("Tariff.CodeMissing", "A package needs a code.");
        if (version < 1) throw new DomainException("Tariff.VersionInvalid", "Versions start at 1.");
        Id = id;
        Code = code;
        Version = version;
        Json = json;
        CreatedAtUtc = createdAtUtc;
        CreatedByUserId = createdByUserId;
        UpdatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public int Version { get; private set; }
    public PackageVersionStatus Status { get; private set; }
    /// <summary>The package in <see cref="TariffPackageJson"/> form.</summary>
    public string Json { get; private set; } = "";
    public DateOnly? EffectiveFrom { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    public string? PublishedByUserId { get; private set; }

    public void EditDraft(string json, DateTime nowUtc)
    {
        if (Status != PackageVersionStatus.Draft) throw new DomainException("Tariff.NotDraft", "Only a draft can be edited.");
        Json = json;
        UpdatedAtUtc = nowUtc;
    }

    public void Publish(DateOnly effectiveFrom, string userId, DateTime nowUtc)
    {
        if (Status != PackageVersionStatus.Draft) throw new DomainException("Tariff.NotDraft", "Only a draft can be published.");
        Status = PackageVersionStatus.Published;
        EffectiveFrom = effectiveFrom;
        PublishedAtUtc = nowUtc;
        PublishedByUserId = userId;
        UpdatedAtUtc = nowUtc;
    }

    public void Retire(DateTime nowUtc)
    {
        if (Status != PackageVersionStatus.Published) throw new DomainException("Tariff.NotPublished", "Only a published version can be retired.");
        Status = PackageVersionStatus.Retired;
        UpdatedAtUtc = nowUtc;
    }
}
