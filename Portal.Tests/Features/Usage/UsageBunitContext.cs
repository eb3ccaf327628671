using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace Portal.Tests.Features.Usage;

/// <summary>
/// Like <see cref="PortalBunitContext"/>, but registers the given services before the renderer is created
/// (bunit refuses registrations after that), so pages can run on the real services of a <see cref="PortalHost"/>.
/// </summary>
public abstract class UsageBunitContext : BunitContext, IAsyncLifetime
{
    protected UsageBunitContext(Action<IServiceCollection> services, string culture = "en-US")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
        });
        Services.AddLocalization();
        Services.AddSingleton(TimeProvider.System);
        services(Services);
        Authorization = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Not signed in until a test calls SetAuthorized.</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    protected Microsoft.Extensions.Localization.IStringLocalizer<Portal.Resources.SharedResource> L =>
        Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Portal.Resources.SharedResource>>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
