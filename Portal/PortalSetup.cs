using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;
using Portal.Components;
using Portal.Features.Accounts;
using Portal.Features.BackOffice;
using Portal.Features.Calendar;
using Portal.Features.Campaigns;
using Portal.Features.Complaints;
using Portal.Features.Credit;
using Portal.Features.Demo;
using Portal.Features.FieldOps;
using Portal.Features.Home;
using Portal.Features.Marketing;
using Portal.Features.Notifications;
using Portal.Features.Planning;
using Portal.Features.Safety;
using Portal.Features.Services;
using Portal.Features.Statements;
using Portal.Features.Tariffs;
using Portal.Features.Usage;
using Portal.Features.Users;
using Portal.Features.Weather;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Backup;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Jobs;
using Portal.Infrastructure.Localization;
using Portal.Infrastructure.Security;
using Portal.Infrastructure.StaticAssets;
using Portal.Infrastructure.Telemetry;
using Portal.Theme;

namespace Portal;

/// <summary>The portal's table of contents: every service and every piece of the pipeline, in order.</summary>
public static class PortalSetup
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var endpoints = config.GetSection(EndpointOptions.Section).Get<EndpointOptions>() ?? new EndpointOptions();
        builder.WebHost.UseUrls(endpoints.Public, endpoints.Internal);
        // Serve _content/* from the build output in every environment (E2E runs the built app).
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.Configure<EndpointOptions>(config.GetSection(EndpointOptions.Section));

        services.AddPortalDatabase(config, builder.Environment.ContentRootPath);
        services.AddDataProtection().PersistKeysToDbContext<Data.AppDbContext>().SetApplicationName("PowerMarketing");
        services.AddPortalIdentity(config);
        services.AddPortalSecurity(config);
        services.AddPortalLocalization();
        services.AddPortalJobs(config);
        services.AddPortalAudit(config);
        services.AddPortalBackup(config);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
        services.AddSingleton<Theme.ThemeStylesheet>();
        // The brand files under /theme (UseThemeFiles) and, to same-origin requests only, pages and JSON
        // (SameOriginCompression: why that keeps BREACH out). Static assets are precompressed at build.
        services.AddResponseCompression(o => o.EnableForHttps = true);
        // Brotli quality 4 / gzip 6 instead of the middleware's fastest (quality 1): the usage page 19.4 → ≈ 14 KB for
        // ≈ 1 ms more per page (issue 20). Static assets are precompressed at build at the best level.
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);

        services.AddAccountsFeature();
        services.AddUsageFeature();
        services.AddTariffsFeature();
        services.AddSafetyFeature();
        services.AddFieldOpsFeature();
        services.AddCalendarFeature(config);
        services.AddComplaintsFeature();
        services.AddCreditFeature(config);
        services.AddHomeFeature();
        services.AddNotificationsFeature(config);
        services.AddBackOfficeFeature();
        services.AddUsersFeature();
        services.AddDemoFeature();
        services.AddStatementsFeature();
        services.AddMarketingFeature();
        services.AddServicesFeature();
        services.AddCampaignsFeature();
        services.AddPlanningFeature();
        services.AddWeatherFeature(config);
        services.AddCreditIntegrations();
        builder.AddPortalTelemetry();
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Before the separation, so its 404s show the friendly not-found page.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<EndpointSeparationMiddleware>();
        app.UseMiddleware<BlazorOriginMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRequestLocalization();
        app.UseThemeFiles();
        app.UseCompressedPackageAssets();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.CompressSameOriginPages)
            app.UseSameOriginCompression();

        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapPortalJobs();

        app.MapStaticAssets();
        app.MapCultureSwitch();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapPortalMetrics();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapTariffs();
        app.MapStatementEndpoints();
        app.MapUsageEndpoints();
        app.MapComplaintEndpoints();
        app.MapNotificationEndpoints();
        app.MapSafetyEndpoints();
        app.MapPlanningEndpoints();
        return app;
    }

    private static void UseThemeFiles(this WebApplication app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "wwwroot-theme");
        if (!Directory.Exists(folder)) folder = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, "..", "wwwroot-theme"));
        // The brand files (theme.css ≈ 12 KB) and MudBlazor's theme variables (Theme/ThemeStylesheet) go compressed:
        // on a slow phone's cold visit every render-blocking KB counts (issue 20). Brand files hold no secrets (no BREACH).
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/theme"), theme =>
        {
            theme.UseResponseCompression();
            theme.UseThemeStylesheet();
            theme.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = "/theme",
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(folder),
            });
        });
    }
}
