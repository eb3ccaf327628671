using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Tests.Features.Tariffs;

/// <summary>The real portal with 14 months of demo data, so a full 12-month recommendation window exists.</summary>
public sealed class TariffsHost() : PortalHost(12, 14)
{
    /// <summary>A principal as the cookie handler would build it for a demo login (id and roles from the database).</summary>
    public async Task<ClaimsPrincipal> UserAsync(string email)
    {
        await using var db = await Db.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Email == email);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync();
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, email) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r!)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
    }

    public async Task<IReadOnlyList<Guid>> OwnAccountsAsync(string email)
    {
        await using var db = await Db.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync();
        return await db.AccountBindings.Where(b => b.UserId == id).Select(b => b.AccountId).ToListAsync();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>A clock fixed at a given instant, for jobs that act on dates.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
