using Microsoft.Extensions.Localization;
using Portal.Resources;

namespace Portal.Components.Shared;

/// <summary>
/// What started a batch run (credit review, association mining), in plain words: the stored value is a code such as
/// "seed", "monthly", "nightly", "cli" or "policy:v3"; anything else (a person's name) shows as it is.
/// </summary>
public static class RunNames
{
    public static string For(IStringLocalizer<SharedResource> l, string? trigger)
    {
        if (string.IsNullOrEmpty(trigger)) return "";
        if (trigger.StartsWith("policy:v", StringComparison.Ordinal)) return l["RunName.Policy", trigger["policy:v".Length..]];
        var text = l["RunName." + trigger];
        return text.ResourceNotFound ? trigger : text.Value;
    }
}
