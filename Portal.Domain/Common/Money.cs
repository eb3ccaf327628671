using System.Globalization;

namespace Portal.Domain.Common;

/// <summary>
/// An amount in yuan (CNY). Arithmetic keeps full decimal precision; <see cref="RoundToFen"/> rounds
/// half-up (away from zero) to 0.01, which tariffs apply to each line item.
/// </summary>
public readonly record struct Money(decimal Yuan) : IComparable<Money>
{
    public static readonly Money Zero = new(0m);

    public static Money Of(decimal yuan) => new(yuan);

    public Money RoundToFen() => new(Math.Round(Yuan, 2, MidpointRounding.AwayFromZero));

    public bool IsNegative => Yuan < 0m;

    public static Money operator +(Money a, Money b) => new(a.Yuan + b.Yuan);
    public static Money operator -(Money a, Money b) => new(a.Yuan - b.Yuan);
    public static Money operator -(Money a) => new(-a.Yuan);
    public static Money operator *(Money a, decimal factor) => new(a.Yuan * factor);
    public static Money operator *(decimal factor, Money a) => new(a.Yuan * factor);
    public static bool operator <(Money a, Money b) => a.Yuan < b.Yuan;
    public static bool operator >(Money a, Money b) => a.Yuan > b.Yuan;
    public static bool operator <=(Money a, Money b) => a.Yuan <= b.Yuan;
    public static bool operator >=(Money a, Money b) => a.Yuan >= b.Yuan;

    public int CompareTo(Money other) => Yuan.CompareTo(other.Yuan);

    public static Money Sum(IEnumerable<Money> items) => new(items.Sum(m => m.Yuan));

    /// <summary>Invariant "0.00" text, for logs, CSV and JSON. The UI formats with the user's culture.</summary>
    public override string ToString() => Yuan.ToString("0.00", CultureInfo.InvariantCulture);
}
