using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Accounts;
using Portal.Features.Usage;

namespace Portal.Features.Demo;

public sealed record DemoLogin(string Email, string Role, string Description);

/// <summary>
/// Seeds a realistic small utility into an empty database: accounts, 15-minute readings, bills and payments,
/// and the demo logins; each feature adds its part (service activities, hazards, complaints…) through its own services. Deterministic for a given "today" (the TimeProvider).
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<AppDbContext> dbFactory,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    ReadingStore readings,
    TimeProvider clock,
    IEnumerable<IDemoSeedStep> steps,
    ILogger<DemoSeeder> log)
{
    public const string DemoPassword = "PowerDemo2026";

    public static readonly DemoLogin[] Logins =
    [
        new("household@demo.local", Roles.Customer, "Household (居民), 1 account, electric heating"),
        new("business@demo.local", Roles.Customer, "Business user with 3 sites (1 general, 2 large industrial)"),
        new("neighbour@demo.local", Roles.Customer, "Another household (for ownership checks)"),
        new("handler@demo.local", Roles.ComplaintHandler, "Complaint handler (back office)"),
        new("manager@demo.local", Roles.CustomerManager, "Customer manager (客户经理) of the key accounts"),
        new("admin@demo.local", Roles.Admin, "Administrator"),
    ];

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));

    public async Task<bool> SeedIfEmptyAsync(int accounts, int months, CancellationToken ct)
    {
        await EnsureRolesAsync();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            if (await db.Accounts.AnyAsync(ct)) return false;
        await SeedAsync(accounts, months, ct);
        return true;
    }

    public async Task SeedAsync(int accountCount, int months, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        await EnsureRolesAsync();
        var today = Today(clock);
        var gen = new DemoDataGenerator();
        var specs = gen.Accounts(Math.Max(accountCount, 8), today).ToList();
        var nowUtc = clock.GetUtcNow().UtcDateTime;

        // Staff first: accounts name their manager.
        var managerIds = new List<string>();
        foreach (var (email, name, phone) in new[] { ("manager@demo.local", "客户经理 陈静", "0992-3220101"), ("manager2@demo.local", "客户经理 马强", "0992-3220102") })
            managerIds.Add(await EnsureUserAsync(email, name, Roles.CustomerManager, "zh-CN", phone, "工作日 9:30–18:00"));
        await EnsureUserAsync("handler@demo.local", "投诉处理 刘娜", Roles.ComplaintHandler, "zh-CN");
        await EnsureUserAsync("handler2@demo.local", "投诉处理 Tom Li", Roles.ComplaintHandler, "en-US");
        await EnsureUserAsync("admin@demo.local", "系统管理员", Roles.Admin, "zh-CN");

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var managerLoad = 0;
            foreach (var s in specs)
            {
                var account = new CustomerAccount(s.Id, s.AccountNumber, s.HolderName, s.Type, s.Region, s.StationArea, s.Voltage,
                    s.CapacityKva, DefaultPackage(s), s.OpenedOn, s.MeterNumber, s.Address, s.Phone);
                if (s.Shape == DemoShape.WinterHeater) account.RegisterElectricHeating(true);
                if (s.Type == CustomerType.LargeIndustrial)
                {
                    account.AssignManager(managerIds[managerLoad++ % managerIds.Count], manual: false);
                    account.DeclareDemand(decimal.Round(s.CapacityKva * 0.6m));
                }
                db.Accounts.Add(account);
            }
            await db.SaveChangesAsync(ct);
        }

        var household = await EnsureUserAsync("household@demo.local", "王秀英", Roles.Customer, "zh-CN");
        var business = await EnsureUserAsync("business@demo.local", "李建国（天北商贸）", Roles.Customer, "zh-CN");
        var neighbour = await EnsureUserAsync("neighbour@demo.local", "Zhang Wei", Roles.Customer, "en-US");
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.AccountBindings.Add(new AccountBinding(household, specs[0].Id, nowUtc));
            foreach (var s in specs.Skip(1).Take(3)) db.AccountBindings.Add(new AccountBinding(business, s.Id, nowUtc));
            db.AccountBindings.Add(new AccountBinding(neighbour, specs[4].Id, nowUtc));
            await db.SaveChangesAsync(ct);
        }

        // Readings: from the first day of the month `months` ago up to yesterday (meter data arrives a day late).
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-months);
        var last = today.AddDays(-1);
        long days = 0;
        foreach (var batch in specs.Chunk(20))
        {
            var rows = batch.SelectMany(s => gen.Days(s, s.OpenedOn > first ? s.OpenedOn : first, last.AddDays(1))
                .Select(d => ReadingStore.ToRow(s.Id, d, nowUtc)));
            days += await readings.UpsertAsync(rows, ct);
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            foreach (var s in specs)
            {
                var monthsList = Enumerable.Range(0, months + 1).Select(m => first.AddMonths(m)).ToList();
                await UsageRollupJob.RollupAsync(db, s.Id, monthsList, ct);
                db.ChangeTracker.Clear();
            }
            db.JobCheckpoints.Add(new JobCheckpoint { Name = UsageRollupJob.Id, LastRunUtc = nowUtc.AddSeconds(1) });
            await db.SaveChangesAsync(ct);
        }

        var context = new DemoSeedContext(specs, today, first, months, managerIds, household, business, neighbour);
        foreach (var step in steps.OrderBy(s => s.Order))
            await step.SeedAsync(context, ct);

        log.LogInformation("Demo data seeded: {Accounts} accounts, {Days} account-days of 15-minute readings in {Seconds:F1}s",
            specs.Count, days, sw.Elapsed.TotalSeconds);
    }

    public static string DefaultPackage(DemoAccountSpec s) => s.Type switch
    {
        CustomerType.Residential => s.Index % 5 == 0 && s.Index != 0 ? "XJ-RES-TIER-TOU" : "XJ-RES-TIER",
        CustomerType.LargeIndustrial => s.Index % 2 == 0 ? "XJ-2P-DEM" : "XJ-2P-CAP",
        _ => s.CapacityKva >= 100m && s.Index % 3 == 0 ? "XJ-BIZ-TOU" : "XJ-BIZ-SINGLE",
    };

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    private async Task<string> EnsureUserAsync(string email, string name, string role, string culture, string? phone = null, string? hours = null)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                PreferredCulture = culture,
                WorkPhone = phone,
                WorkHours = hours,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded) throw new InvalidOperationException("Demo user: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }
        return user.Id;
    }
}

public sealed record DemoSeedContext(IReadOnlyList<DemoAccountSpec> Accounts, DateOnly Today, DateOnly FirstDay, int Months,
    IReadOnlyList<string> ManagerIds, string HouseholdUserId, string BusinessUserId, string NeighbourUserId);

/// <summary>A feature's part of the demo data (bills, complaints, hazards…), run in <see cref="Order"/> after readings.</summary>
public interface IDemoSeedStep
{
    int Order { get; }
    Task SeedAsync(DemoSeedContext context, CancellationToken ct);
}
