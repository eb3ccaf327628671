namespace Portal.Domain.Credit;

/// <summary>
/// One breakpoint of a scoring function: a measured value ≥ <see cref="AtLeast"/> earns <see cref="Points"/>
/// (0–100) until the next band starts. Bands are a step function so admins can read them as a table.
/// </summary>
public sealed class ScoreBand
{
    private ScoreBand() { }

    public ScoreBand(decimal atLeast, decimal points)
    {
        AtLeast = atLeast;
        Points = points;
    }

    public decimal AtLeast { get; private set; }
    public decimal Points { get; private set; }
}

/// <summary>A metric scored by bands, contributing <see cref="SharePercent"/> of its indicator's raw points.</summary>
public sealed class ScoringFactor
{
    private readonly List<ScoreBand> _bands = [];

    private ScoringFactor() { }

    internal ScoringFactor(CreditMetric metric, decimal sharePercent, int lookbackMonths, IEnumerable<ScoreBand> bands)
    {
        Metric = metric;
        SharePercent = sharePercent;
        LookbackMonths = lookbackMonths;
        _bands.AddRange(bands.Select(b => new ScoreBand(b.AtLeast, b.Points)));
    }

    public CreditMetric Metric { get; private set; }
    public decimal SharePercent { get; private set; }

    /// <summary>Window for windowed metrics; 0 for metrics that are a current value (capacity, arrears).</summary>
    public int LookbackMonths { get; private set; }

    public IReadOnlyList<ScoreBand> Bands => _bands;

    /// <summary>Points of the last band whose start the value reaches; 0 below the first band.</summary>
    public decimal PointsFor(decimal value)
    {
        var points = 0m;
        foreach (var band in _bands.OrderBy(b => b.AtLeast))
        {
            if (value < band.AtLeast) break;
            points = band.Points;
        }
        return points;
    }

    internal ScoringFactor Copy() => new(Metric, SharePercent, LookbackMonths, _bands);
}

public sealed class IndicatorDefinition
{
    private readonly List<ScoringFactor> _factors = [];

    private IndicatorDefinition() { }

    internal IndicatorDefinition(CreditIndicator indicator, decimal weightPercent)
    {
        Indicator = indicator;
        WeightPercent = weightPercent;
    }

    public CreditIndicator Indicator { get; private set; }
    public decimal WeightPercent { get; private set; }
    public IReadOnlyList<ScoringFactor> Factors => _factors;

    internal void SetWeight(decimal weightPercent) => WeightPercent = weightPercent;

    internal void SetFactor(ScoringFactor factor)
    {
        _factors.RemoveAll(f => f.Metric == factor.Metric);
        _factors.Add(factor);
    }

    internal bool RemoveFactor(CreditMetric metric) => _factors.RemoveAll(f => f.Metric == metric) > 0;

    internal IndicatorDefinition Copy()
    {
        var copy = new IndicatorDefinition(Indicator, WeightPercent);
        copy._factors.AddRange(_factors.Select(f => f.Copy()));
        return copy;
    }
}

/// <summary>
/// Entry and exit thresholds of a tier. A customer enters at score ≥ <see cref="EntryAtLeast"/> and keeps the
/// tier until the score falls below <see cref="ExitBelow"/>; exit &lt; entry is the hysteresis that stops
/// monthly flipping. The lowest tier is the floor: entry 0, exit 0.
/// </summary>
public sealed class TierRule
{
    private TierRule() { }

    public TierRule(CreditTier tier, decimal entryAtLeast, decimal exitBelow)
    {
        Tier = tier;
        EntryAtLeast = entryAtLeast;
        ExitBelow = exitBelow;
    }

    public CreditTier Tier { get; private set; }
    public decimal EntryAtLeast { get; private set; }
    public decimal ExitBelow { get; private set; }
}

public sealed class TierPrivilege
{
    private TierPrivilege() { }

    public TierPrivilege(CreditTier tier, PrivilegeKind kind, int? value = null)
    {
        Tier = tier;
        Kind = kind;
        Value = value;
    }

    public CreditTier Tier { get; private set; }
    public PrivilegeKind Kind { get; private set; }

    /// <summary>Only for quantified privileges (deferred payment days); null otherwise.</summary>
    public int? Value { get; private set; }
}

/// <summary>How long a trigger freezes the account at C (months from the day it triggered).</summary>
public sealed class FreezeRule
{
    private FreezeRule() { }

    public FreezeRule(FreezeTrigger trigger, int freezeMonths)
    {
        Trigger = trigger;
        FreezeMonths = freezeMonths;
    }

    public FreezeTrigger Trigger { get; private set; }
    public int FreezeMonths { get; private set; }
}
