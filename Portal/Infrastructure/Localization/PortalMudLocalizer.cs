using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Resources;

namespace Portal.Infrastructure.Localization;

/// <summary>
/// MudBlazor's localization hook: its components ask for keys such as "MudDataGridPager_RowsPerPage"; we answer from
/// <see cref="MudBlazorResource"/> in the request's culture (MudBlazor keeps its built-in English for en-US).
/// </summary>
public sealed class PortalMudLocalizer(IStringLocalizer<MudBlazorResource> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] => localizer[key];

    public override LocalizedString this[string key, params object[] arguments] => localizer[key, arguments];
}
