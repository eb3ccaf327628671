namespace Portal.Resources;

/// <summary>
/// Marker for MudBlazor's own strings (pager, sort, dialogs, screen-reader labels) in the portal's languages:
/// MudBlazorResource.resx repeats MudBlazor's English, MudBlazorResource.zh-CN.resx translates every key.
/// </summary>
public sealed class MudBlazorResource;
