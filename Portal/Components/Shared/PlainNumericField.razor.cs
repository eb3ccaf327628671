using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Portal.Resources;

namespace Portal.Components.Shared;

public partial class PlainNumericField
{
    private const string SpinClass = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-medium mud-ripple";

    // MudBlazor's own strings (the portal's translation of them), so the names and message read as MudNumericField's.
    [Inject] private IStringLocalizer<MudBlazorResource> MudStrings { get; set; } = default!;

    [Parameter] public decimal? Value { get; set; }
    [Parameter] public EventCallback<decimal?> ValueChanged { get; set; }
    [Parameter, EditorRequired] public string Label { get; set; } = "";
    [Parameter] public decimal Min { get; set; }
    [Parameter] public string AdornmentText { get; set; } = "";
    [Parameter] public bool AdornmentStart { get; set; }
    [Parameter] public string? TestId { get; set; }

    private readonly string id = "pm-number-" + Guid.NewGuid().ToString("N")[..8];
    private decimal? shown;
    private bool initialised;
    private string text = "";
    private string? error;

    protected override void OnParametersSet()
    {
        // The page's value wins unless it is the one this field last reported (then the user's text, e.g. "abc", stays).
        if (initialised && Value == shown) return;
        initialised = true;
        shown = Value;
        text = Format(Value);
        error = null;
    }

    /// <summary>
    /// The text as a number in the culture given: group separators and surrounding spaces allowed, full-width digits,
    /// point, comma and minus (a Chinese keyboard's) read as their ASCII forms. Empty is no value; false if unreadable.
    /// </summary>
    public static bool TryParse(string? input, CultureInfo culture, out decimal? value)
    {
        value = null;
        var normalised = new string((input ?? "").Select(c => c switch
        {
            >= '\uFF10' and <= '\uFF19' => (char)('0' + (c - '\uFF10')),
            '\uFF0E' or '\u3002' => '.',
            '\uFF0C' => ',',
            '\uFF0D' or '\u2212' => '-',
            '\u3000' => ' ',
            _ => c,
        }).ToArray()).Trim();
        if (normalised.Length == 0) return true;
        if (!decimal.TryParse(normalised, NumberStyles.Number, culture, out var parsed)) return false;
        value = parsed;
        return true;
    }

    private static string Format(decimal? value) => value?.ToString(CultureInfo.CurrentCulture) ?? "";

    private Task OnChange(ChangeEventArgs e)
    {
        var input = e.Value as string ?? "";
        if (!TryParse(input, CultureInfo.CurrentCulture, out var parsed))
        {
            text = input;
            error = MudStrings["Converter_InvalidNumber"];
            StateHasChanged();
            return Task.CompletedTask;
        }
        return SetAsync(parsed);
    }

    private Task OnKeyDown(KeyboardEventArgs e) => e.Key switch
    {
        "ArrowUp" => StepAsync(1),
        "ArrowDown" => StepAsync(-1),
        _ => Task.CompletedTask,
    };

    private Task StepAsync(int step) => SetAsync((Value ?? 0) + step);

    private Task Clear() => SetAsync(null);

    private async Task SetAsync(decimal? value)
    {
        if (value < Min) value = Min;
        text = Format(value);
        error = null;
        var changed = value != Value;
        shown = value;
        Value = value;
        StateHasChanged();
        if (changed) await ValueChanged.InvokeAsync(value);
    }

    // Only what the field itself changed redraws it (a Tab or a letter typed is sent as a key, but changes nothing).
    Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg) => callback.InvokeAsync(arg);

    private string RootClass => "mud-input-control" + (error is null ? "" : " mud-input-error") +
                                " mud-input-text-with-label mud-input-input-control mud-input-number-control mud-input-showspin";

    // As MudInput: the label stays small above the field when it has text or an adornment in front (¥).
    private string InputClass => "mud-input mud-input-text mud-input-text-with-label " +
                                 (AdornmentStart ? "mud-input-adorned-start" : "mud-input-adorned-end") + " mud-input-underline" +
                                 (text.Length > 0 || AdornmentStart ? " mud-shrink" : "") + (error is null ? "" : " mud-input-error") +
                                 " mud-typography-subtitle1 mud-input-sizing-fixed";

    private string SlotClass => "mud-input-slot mud-input-root mud-input-root-text " +
                                (AdornmentStart ? "mud-input-root-adorned-start" : "mud-input-root-adorned-end");
}
