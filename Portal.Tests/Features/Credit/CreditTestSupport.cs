using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Tests.Features.Credit;

internal static class CreditTestSupport
{
    /// <summary>The principal a signed-in demo user would have (id and role claims), for calling services directly.</summary>
    public static async Task<ClaimsPrincipal> UserAsync(this PortalHost host, string email, string role)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role)], "test"));
    }

    public static async Task<List<Guid>> BoundAccountsAsync(this PortalHost host, string email)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.AccountBindings.Where(b => b.UserId == id).Select(b => b.AccountId).ToListAsync();
    }

    /// <summary>Background jobs run within a second or two; waits up to 15 s for the database to show their effect.</summary>
    public static async Task<bool> EventuallyAsync(this PortalHost host, Func<AppDbContext, Task<bool>> condition)
    {
        for (var i = 0; i < 75; i++)
        {
            await using (var db = await host.Db.CreateDbContextAsync())
                if (await condition(db)) return true;
            await Task.Delay(200);
        }
        return false;
    }
}
