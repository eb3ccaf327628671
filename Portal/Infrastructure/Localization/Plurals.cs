using Microsoft.Extensions.Localization;

namespace Portal.Infrastructure.Localization;

/// <summary>
/// Counted texts without "(s)": a key may have a twin <c>{key}.One</c> for a count of exactly 1 — English's one plural
/// rule for whole numbers ("1 request", "2 requests"). Chinese has no plural forms, so its <c>.One</c> twin repeats the
/// general text (both resource files keep the same keys; LocalizationCompletenessTests checks each pair exists).
/// </summary>
public static class Plurals
{
    /// <summary>The text for <paramref name="count"/>, formatted with <paramref name="args"/> (with the count alone when none are given).</summary>
    public static LocalizedString Plural(this IStringLocalizer localizer, string key, long count, params object[] args)
    {
        var values = args.Length == 0 ? [count] : args;
        if (count == 1 && localizer[key + ".One", values] is { ResourceNotFound: false } one) return one;
        return localizer[key, values];
    }
}
