using System.Numerics;
using Portal.Domain.Common;

namespace Portal.Domain.Marketing;

/// <summary>
/// One account over the analysis window: its attribute items ("region=chengbei", "heating=yes") and the outcomes
/// it had at least once ("complaint=BillingDispute", "alert"). An item's attribute is the part before '='.
/// </summary>
public sealed record AssociationTransaction(Guid AccountId, IReadOnlyList<string> Items, IReadOnlyList<string> Outcomes);

/// <summary>
/// What the admin sets. Support is the share of all accounts with the antecedent and the outcome; confidence the
/// share of accounts with the antecedent that had the outcome; both thresholds are inclusive.
/// </summary>
public sealed record MiningSettings(double MinSupport = 0.01, double MinConfidence = 0.05, int MaxItems = 2, double FalseDiscoveryRate = 0.05)
{
    public void Validate()
    {
        if (MinSupport is <= 0 or > 1) throw new DomainException("Assoc.Invalid.MinSupport", "Minimum support must be above 0 and at most 1.");
        if (MinConfidence is < 0 or > 1) throw new DomainException("Assoc.Invalid.MinConfidence", "Minimum confidence must be between 0 and 1.");
        if (MaxItems is < 1 or > 3) throw new DomainException("Assoc.Invalid.MaxItems", "A rule has 1 to 3 attributes.");
        if (FalseDiscoveryRate is <= 0 or >= 1) throw new DomainException("Assoc.Invalid.Fdr", "The false-discovery rate must be between 0 and 1.");
    }
}

/// <summary>
/// "Accounts with <see cref="Antecedent"/> have <see cref="Outcome"/> <see cref="RiskRatio"/> times as often as
/// accounts without it." <see cref="Lift"/> is the classic lift against all accounts; the sentence and the
/// significance use the risk ratio against the others, which is what "as often as others" means.
/// </summary>
public sealed record AssociationRule(
    IReadOnlyList<string> Antecedent, string Outcome, TwoByTwo Table, double Lift, RatioEstimate RiskRatio,
    double PValue, double QValue, bool Significant)
{
    public double Support => Table.Support;
    public double Confidence => Table.Confidence;
}

public sealed record MiningResult(int Accounts, int FrequentAntecedents, int RulesTested, IReadOnlyList<AssociationRule> Rules)
{
    public IEnumerable<AssociationRule> Significant => Rules.Where(r => r.Significant);
}

/// <summary>
/// Apriori over attribute itemsets (level-wise, a k-set is a candidate only if every (k−1)-subset is frequent, and
/// never two values of one attribute), counted on vertical bitsets: one bit per account per item, so a set's support
/// is a popcount of ANDed words. Every frequent antecedent is paired with every outcome; a pair that passes both
/// thresholds is a tested rule and gets its Fisher p-value, and Benjamini–Hochberg runs across all tested rules.
/// </summary>
public static class AssociationMiner
{
    public static MiningResult Mine(IReadOnlyList<AssociationTransaction> transactions, MiningSettings settings)
    {
        settings.Validate();
        var n = transactions.Count;
        if (n == 0) return new MiningResult(0, 0, 0, []);
        var words = (n + 63) / 64;

        var itemNames = transactions.SelectMany(t => t.Items).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var outcomeNames = transactions.SelectMany(t => t.Outcomes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var itemIndex = itemNames.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var outcomeIndex = outcomeNames.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var attributeOf = itemNames.Select(Attribute).ToArray();

        var itemBits = itemNames.Select(_ => new ulong[words]).ToArray();
        var outcomeBits = outcomeNames.Select(_ => new ulong[words]).ToArray();
        for (var row = 0; row < n; row++)
        {
            var mask = 1UL << (row & 63);
            foreach (var item in transactions[row].Items) itemBits[itemIndex[item]][row >> 6] |= mask;
            foreach (var outcome in transactions[row].Outcomes) outcomeBits[outcomeIndex[outcome]][row >> 6] |= mask;
        }
        var outcomeCounts = outcomeBits.Select(Count).ToArray();

        // The rule's support can never exceed its antecedent's, so an antecedent below minimum support is pruned.
        var minCount = Math.Max(1, (int)Math.Ceiling(settings.MinSupport * n - 1e-9));
        var candidates = new List<(int[] Items, ulong[] Bits, int Count)>();
        var level = new List<(int[] Items, ulong[] Bits, int Count)>();
        for (var i = 0; i < itemNames.Length; i++)
        {
            var c = Count(itemBits[i]);
            if (c >= minCount && c < n) level.Add(([i], itemBits[i], c));
        }
        for (var k = 1; level.Count > 0; k++)
        {
            candidates.AddRange(level);
            if (k == settings.MaxItems) break;
            var frequent = level.Select(l => Key(l.Items)).ToHashSet(StringComparer.Ordinal);
            var next = new List<(int[] Items, ulong[] Bits, int Count)>();
            for (var x = 0; x < level.Count; x++)
                for (var y = x + 1; y < level.Count; y++)
                {
                    var a = level[x].Items;
                    var b = level[y].Items;
                    if (!a.AsSpan(0, k - 1).SequenceEqual(b.AsSpan(0, k - 1))) continue;
                    var last = b[k - 1];
                    if (last <= a[k - 1] || a.Any(i => attributeOf[i] == attributeOf[last])) continue;
                    int[] joined = [.. a, last];
                    if (!AllSubsetsFrequent(joined, frequent)) continue;
                    var bits = And(level[x].Bits, itemBits[last]);
                    var c = Count(bits);
                    if (c >= minCount && c < n) next.Add((joined, bits, c));
                }
            level = next;
        }

        var tested = new List<(int[] Items, int Outcome, TwoByTwo Table)>();
        foreach (var (items, bits, count) in candidates)
            for (var o = 0; o < outcomeNames.Length; o++)
            {
                var both = AndCount(bits, outcomeBits[o]);
                if (both < minCount || both < settings.MinConfidence * count - 1e-9) continue;
                tested.Add((items, o, TwoByTwo.From(count, both, outcomeCounts[o], n)));
            }

        var logFactorials = AssociationStatistics.LogFactorials(n);
        var p = tested.Select(t => AssociationStatistics.FisherGreater(t.Table, logFactorials)).ToArray();
        var q = AssociationStatistics.BenjaminiHochberg(p);
        var rules = tested.Select((t, i) =>
        {
            var rr = AssociationStatistics.RiskRatio(t.Table);
            return new AssociationRule(t.Items.Select(x => itemNames[x]).ToArray(), outcomeNames[t.Outcome], t.Table, t.Table.Lift, rr,
                p[i], q[i], q[i] <= settings.FalseDiscoveryRate && t.Table.Confidence > t.Table.OthersRate);
        })
            .OrderByDescending(r => r.Significant).ThenBy(r => r.QValue).ThenByDescending(r => r.RiskRatio.Value)
            .ThenBy(r => string.Join('&', r.Antecedent), StringComparer.Ordinal).ThenBy(r => r.Outcome, StringComparer.Ordinal)
            .ToList();
        return new MiningResult(n, candidates.Count, tested.Count, rules);
    }

    public static string Attribute(string item)
    {
        var eq = item.IndexOf('=');
        return eq < 0 ? item : item[..eq];
    }

    private static bool AllSubsetsFrequent(int[] set, HashSet<string> frequent)
    {
        for (var skip = 0; skip < set.Length; skip++)
            if (!frequent.Contains(Key(set.Where((_, i) => i != skip)))) return false;
        return true;
    }

    private static string Key(IEnumerable<int> items) => string.Join(',', items);

    private static int Count(ulong[] bits)
    {
        var c = 0;
        foreach (var w in bits) c += BitOperations.PopCount(w);
        return c;
    }

    private static ulong[] And(ulong[] a, ulong[] b)
    {
        var r = new ulong[a.Length];
        for (var i = 0; i < a.Length; i++) r[i] = a[i] & b[i];
        return r;
    }

    private static int AndCount(ulong[] a, ulong[] b)
    {
        var c = 0;
        for (var i = 0; i < a.Length; i++) c += BitOperations.PopCount(a[i] & b[i]);
        return c;
    }
}
