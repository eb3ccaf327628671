using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Security;

namespace Portal.Tests.Integration;

/// <summary>ASVS V3.3.1/V3.3.3: outside plain-http set-ups the sign-in cookie is __Host- prefixed and always Secure.</summary>
public class CookiePolicyTests
{
    private static (CookieAuthenticationOptions Auth, AntiforgeryOptions Antiforgery) Configure(string? secureCookies)
    {
        var settings = new Dictionary<string, string?>();
        if (secureCookies is not null) settings["Security:SecureCookies"] = secureCookies;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddPortalIdentity(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme),
            provider.GetRequiredService<IOptions<AntiforgeryOptions>>().Value);
    }

    [Fact]
    public void By_default_the_sign_in_cookie_is_host_prefixed_http_only_and_always_secure()
    {
        var (auth, antiforgery) = Configure(null);
        Assert.Equal("__Host-pm.auth", auth.Cookie.Name);
        Assert.Equal(CookieSecurePolicy.Always, auth.Cookie.SecurePolicy);
        Assert.True(auth.Cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, auth.Cookie.SameSite);
        Assert.Null(auth.Cookie.Domain);
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.Cookie.SecurePolicy);
    }

    [Fact]
    public void Plain_http_set_ups_turn_it_off_and_keep_the_cookie_secure_only_on_https()
    {
        var (auth, antiforgery) = Configure("false");
        Assert.Equal("pm.auth", auth.Cookie.Name);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, auth.Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, antiforgery.Cookie.SecurePolicy);
    }
}
