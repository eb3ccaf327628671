using System.Buffers.Binary;
using System.Security.Cryptography;
using Portal.Domain.Common;
using Portal.Domain.Marketing;

namespace Portal.Domain.Campaigns;

/// <summary>Which arm of a campaign an account is in: treatment sees the offer, control is held out to measure against.</summary>
public enum CampaignGroup { Treatment = 0, Control = 1 }

/// <summary>
/// Deterministic control-group assignment. An account's bucket is the first eight bytes of SHA-256 over the campaign id
/// and the account id (both in <see cref="Guid.ToByteArray()"/> order), read little-endian, modulo 10,000. The bucket
/// depends on nothing but the two ids, so it is the same in every process, on every machine and on every re-run;
/// <see cref="string.GetHashCode()"/> would not be (it is randomized per process).
/// </summary>
public static class ControlAssignment
{
    public const int DefaultControlPercent = 10;
    public const int MinControlPercent = 5;
    public const int MaxControlPercent = 50;
    private const int Buckets = 10_000;

    public static int Bucket(Guid campaignId, Guid accountId)
    {
        Span<byte> input = stackalloc byte[32];
        campaignId.TryWriteBytes(input[..16]);
        accountId.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return (int)(BinaryPrimitives.ReadUInt64LittleEndian(hash) % Buckets);
    }

    /// <summary>Control when the bucket falls in the first <paramref name="controlPercent"/> % of the buckets.</summary>
    public static CampaignGroup Assign(Guid campaignId, Guid accountId, int controlPercent) =>
        Bucket(campaignId, accountId) < controlPercent * (Buckets / 100) ? CampaignGroup.Control : CampaignGroup.Treatment;
}

/// <summary>
/// Who a campaign targets: a conjunction of association items ("region=chengbei", "heating=yes"), the same vocabulary
/// the association rules use, so a rule's antecedent is a filter as it stands and a hand-made filter (region, level,
/// tier, package, segment) is a rule antecedent nobody mined. No items: every account in the launcher's scope.
/// </summary>
public sealed record TargetFilter
{
    public const char Separator = '&';
    public const int MaxItems = 6;

    private TargetFilter(IReadOnlyList<string> items) => Items = items;

    /// <summary>The items in a stable order (ordinal), one per attribute.</summary>
    public IReadOnlyList<string> Items { get; }

    public static readonly TargetFilter Everyone = new([]);

    /// <summary>Validates the items: each "attribute=value" with a known attribute, at most one value per attribute.</summary>
    public static TargetFilter Of(IEnumerable<string> items)
    {
        var list = items.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(i => i, StringComparer.Ordinal).ToList();
        if (list.Count > MaxItems) throw new DomainException("Campaign.FilterTooLong", $"A filter has at most {MaxItems} items.");
        var attributes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list)
        {
            var eq = item.IndexOf('=');
            if (eq <= 0 || eq == item.Length - 1 || !MarketingVocabulary.Attributes.Contains(item[..eq]))
                throw new DomainException("Campaign.FilterInvalid", $"'{item}' is not an attribute=value item.");
            if (!attributes.Add(item[..eq]))
                throw new DomainException("Campaign.FilterConflict", $"The filter names '{item[..eq]}' twice: no account can have two values.");
        }
        return new TargetFilter(list);
    }

    public static TargetFilter Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Everyone : Of(text.Split(Separator));

    public override string ToString() => string.Join(Separator, Items);

    /// <summary>An account matches when it has every item of the filter.</summary>
    public bool Matches(IReadOnlyCollection<string> accountItems) => Items.All(accountItems.Contains);

    public bool Equals(TargetFilter? other) => other is not null && Items.SequenceEqual(other.Items, StringComparer.Ordinal);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
