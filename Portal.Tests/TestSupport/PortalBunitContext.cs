using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;
using Portal.Infrastructure.Localization;
using Portal.Resources;

namespace Portal.Tests.TestSupport;

/// <summary>
/// bunit context with MudBlazor services, loose JS interop, an interactive renderer and the real resource
/// strings (so tests see what users see). Render <c>MudPopoverProvider</c> first for selects and menus.
/// </summary>
public abstract class PortalBunitContext : BunitContext, IAsyncLifetime
{
    protected PortalBunitContext(string culture = "en-US")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddTransient<MudLocalizer, PortalMudLocalizer>(); // before AddMudServices, which only adds its own if none
        Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
        });
        Services.AddLocalization();
        Services.AddSingleton(TimeProvider.System);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected IStringLocalizer<SharedResource> L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
