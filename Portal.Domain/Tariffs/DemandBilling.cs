using Portal.Domain.Common;

namespace Portal.Domain.Tariffs;

/// <summary>The kW a demand-billed basic charge is levied on: at the normal price and at the excess (double) price.</summary>
public readonly record struct BillableDemand(decimal NormalKw, decimal ExcessKw);

/// <summary>The 105% rule of demand billing (按需量计收基本电费), with its figures taken from <see cref="BasicCharge"/>.</summary>
public static class DemandBilling
{
    /// <summary>
    /// With a declared demand D and a month maximum M: M &gt; 105%·D → 105%·D at the normal price and M − 105%·D at
    /// double price; otherwise D (even when M is lower: the declaration is a commitment). No declaration →
    /// the actual maximum at the normal price.
    /// </summary>
    public static BillableDemand Determine(BasicCharge terms, decimal? declaredKw, decimal maxDemandKw)
    {
        if (declaredKw is not { } d) return new(maxDemandKw, 0m);
        var threshold = d * terms.ExcessThresholdRatio;
        return maxDemandKw > threshold ? new(threshold, maxDemandKw - threshold) : new(d, 0m);
    }

    /// <summary>One month's basic charge, rounded to the fen per line as on the bill (normal + excess).</summary>
    public static Money MonthlyCharge(BasicCharge terms, decimal? declaredKw, decimal maxDemandKw)
    {
        var b = Determine(terms, declaredKw, maxDemandKw);
        return new Money(b.NormalKw * terms.Price).RoundToFen()
               + new Money(b.ExcessKw * terms.Price * terms.ExcessPriceMultiplier).RoundToFen();
    }

    /// <summary>Lowest declaration the rule allows (DOMAIN.md: not below 40% of the transformer capacity).</summary>
    public static decimal MinimumDeclaredKw(BasicCharge terms, decimal capacityKva) => capacityKva * terms.MinDeclaredRatioOfCapacity;

    public static void EnsureDeclarationAllowed(BasicCharge terms, decimal declaredKw, decimal capacityKva)
    {
        if (declaredKw <= 0m)
            throw new DomainException("Tariff.DeclaredDemandNotPositive", "The declared demand must be positive.");
        var min = MinimumDeclaredKw(terms, capacityKva);
        if (declaredKw < min)
            throw new DomainException("Tariff.DeclaredDemandBelowFloor",
                $"Declared demand {declaredKw} kW is below {terms.MinDeclaredRatioOfCapacity:P0} of the {capacityKva} kVA capacity ({min} kW).");
    }
}
