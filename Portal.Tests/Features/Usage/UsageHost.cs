using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Tests.Features.Usage;

/// <summary>
/// The real portal with 12 accounts and 14 months of readings (enough for a year-on-year month). Sign-ins are not
/// rate-limited here: the endpoint tests sign in more than the default 10 times a minute from one address.
/// </summary>
public sealed class UsageHost() : PortalHost(12, 14, new() { ["RateLimits:AuthPostsPerMinute"] = "1000" })
{
    public async Task<ClaimsPrincipal> CustomerAsync(string email)
    {
        await using var db = await Db.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, Roles.Customer)], "test"));
    }

    public async Task<IReadOnlyList<Guid>> AccountsOfAsync(string email)
    {
        await using var db = await Db.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.AccountBindings.Where(b => b.UserId == id).OrderBy(b => b.Id).Select(b => b.AccountId).ToListAsync();
    }
}
