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

    /// <summary>The usage page's own services, taken from a running portal.</summary>
    protected static Action<IServiceCollection> UsagePageServices(PortalHost host) => s =>
    {
        s.AddSingleton(host.Services.GetRequiredService<Portal.Features.Usage.UsageService>());
        s.AddSingleton(host.Services.GetRequiredService<Portal.Features.Tariffs.TariffCatalog>());
    };

    /// <summary>Signs a customer in as the portal's cookie would (name, role, user id).</summary>
    protected void SignInCustomer(System.Security.Claims.ClaimsPrincipal principal)
    {
        Authorization.SetAuthorized(principal.Identity!.Name!);
        Authorization.SetRoles(Portal.Data.Roles.Customer);
        Authorization.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier,
            principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value));
    }

    /// <summary>Not signed in until a test calls SetAuthorized.</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    protected Microsoft.Extensions.Localization.IStringLocalizer<Portal.Resources.SharedResource> L =>
        Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Portal.Resources.SharedResource>>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
