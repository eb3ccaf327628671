using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Components.Account;
using Portal.Data;
using Portal.Infrastructure.Email;

namespace Portal.Infrastructure.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Staff roles must sign in with TOTP two-factor before reaching the back office.</summary>
    public bool RequireStaffTwoFactor { get; set; } = true;

    /// <summary>
    /// The sign-in and antiforgery cookies are always <c>Secure</c> and the sign-in cookie carries the
    /// <c>__Host-</c> prefix (ASVS V3.3.1/V3.3.3). Only plain-http loopback set-ups (Development, tests, the bench)
    /// turn it off; behind a TLS-terminating proxy leave it on.
    /// </summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>Sign-out after this much inactivity (sliding).</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>Sign-out this long after sign-in, whatever the activity.</summary>
    public int AbsoluteTimeoutHours { get; set; } = 12;

    /// <summary>How often open circuits and cookies re-check the user's security stamp and disabled flag (0–60 s;
    /// 0 checks cookies on every request and circuits every second).</summary>
    public int RevalidationSeconds { get; set; } = 60;

    /// <summary>Interactive windows (circuits) one user may hold open at once; the next one is refused with a message.</summary>
    public int MaxCircuitsPerUser { get; set; } = 5;

    /// <summary>
    /// Pages (HTML) go compressed, but only to requests the browser marks as same-origin or user-initiated
    /// (<c>Sec-Fetch-Site: same-origin</c> or <c>none</c>); see <see cref="SameOriginCompression"/> for why that keeps
    /// BREACH out. Off: pages are never compressed by the portal (a reverse proxy may then decide).
    /// </summary>
    public bool CompressSameOriginPages { get; set; } = true;

    public TimeSpan RevalidationInterval => TimeSpan.FromSeconds(RevalidationSeconds);

    /// <summary>A circuit's revalidation loop needs a positive delay.</summary>
    public TimeSpan CircuitRevalidationInterval => TimeSpan.FromSeconds(Math.Max(1, RevalidationSeconds));

    internal SecurityOptions Validated()
    {
        if (RevalidationSeconds is < 0 or > 60)
            throw new Database.ConfigurationException(
                $"Configuration key 'Security:RevalidationSeconds' is {RevalidationSeconds}; it must be between 0 and 60 (sessions are re-checked at least every minute).");
        if (MaxCircuitsPerUser < 1)
            throw new Database.ConfigurationException($"Configuration key 'Security:MaxCircuitsPerUser' is {MaxCircuitsPerUser}; it must be at least 1.");
        return this;
    }
}

public static class Policies
{
    public const string Staff = "Staff";
    public const string Admin = "Admin";
    public const string Handler = "Handler";
    public const string Manager = "Manager";
    public const string Customer = "Customer";
}

public static class IdentitySetup
{
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services, IConfiguration config)
    {
        var security = (config.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions()).Validated();
        services.Configure<SecurityOptions>(config.GetSection(SecurityOptions.Section));

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddAntiforgery(o =>
            o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = security.SecureCookies ? "__Host-pm.auth" : "pm.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.IdleTimeoutMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnValidatePrincipal = async ctx =>
            {
                // Absolute timeout: a session never outlives its sign-in by more than the configured hours.
                if (ctx.Properties.IssuedUtc is { } issued && DateTimeOffset.UtcNow - issued > TimeSpan.FromHours(security.AbsoluteTimeoutHours))
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>().SignOutAsync();
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(ctx);
            };
        });
        // Security stamps are checked on every cookie validation at most a minute apart.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = security.RevalidationInterval);
        services.AddSingleton<CircuitRegistry>();
        services.AddScoped<CircuitAdmission>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, UserCircuitHandler>();

        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = true;
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                // NIST 800-63B: length, not composition rules.
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();

        services.Configure<EmailOptions>(config.GetSection(EmailOptions.Section));
        services.AddTransient<EmailDeliveryJob>();
        services.AddSingleton<DatabaseEmailSender>();
        services.AddSingleton<IEmailSender<ApplicationUser>>(sp => sp.GetRequiredService<DatabaseEmailSender>());
        services.AddSingleton<IPortalEmailSender>(sp => sp.GetRequiredService<DatabaseEmailSender>());

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Customer, p => p.RequireRole(Roles.Customer))
            .AddPolicy(Policies.Staff, p => StaffPolicy(p, security, Roles.Staff))
            .AddPolicy(Policies.Admin, p => StaffPolicy(p, security, Roles.Admin))
            .AddPolicy(Policies.Handler, p => StaffPolicy(p, security, Roles.ComplaintHandler, Roles.Admin))
            .AddPolicy(Policies.Manager, p => StaffPolicy(p, security, Roles.CustomerManager, Roles.Admin));
        return services;
    }

    private static void StaffPolicy(AuthorizationPolicyBuilder p, SecurityOptions security, params string[] roles)
    {
        p.RequireRole(roles);
        // Identity adds amr=mfa when the sign-in passed a second factor.
        if (security.RequireStaffTwoFactor) p.RequireClaim("amr", "mfa");
    }
}

/// <summary>Adds the display name and preferred culture to the cookie so pages need no user lookup.</summary>
public sealed class PortalClaimsPrincipalFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new("display_name", string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        return id;
    }
}
