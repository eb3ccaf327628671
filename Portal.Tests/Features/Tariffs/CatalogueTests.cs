using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Accounts;
using Portal.Domain.Tariffs;
using Portal.Features.Tariffs;

namespace Portal.Tests.Features.Tariffs;

[Collection(PortalCollection.Name)]
public class CatalogueTests(TariffsHost host) : IClassFixture<TariffsHost>
{
    private static readonly string SeedFolder = Path.Combine(RepoRoot.Path, "Portal", "Features", "Tariffs", "SeedPackages");
    private static string Seed(string file) => File.ReadAllText(Path.Combine(SeedFolder, file));

    [Fact]
    public async Task A_fresh_database_holds_the_seed_packages_as_published_versions_in_force()
    {
        var seeds = TariffCatalog.ReadFolder(SeedFolder);
        await using var db = await host.Db.CreateDbContextAsync();
        var stored = await db.TariffPackageVersions.AsNoTracking().Where(v => v.CreatedByUserId == "seed").ToListAsync();
        Assert.Equal(seeds.Select(s => s.Code).Order(), stored.Select(s => s.Code).Order());
        Assert.All(stored, v => Assert.Equal(PackageVersionStatus.Published, v.Status));
        Assert.All(seeds, s => Assert.Equal(TariffPackageJson.Serialize(s), TariffPackageJson.Serialize(host.Get<TariffCatalog>().Get(s.Code))));
    }

    [Fact]
    public async Task An_inconsistent_package_is_rejected_with_every_problem_listed_and_nothing_saved()
    {
        var bad = Seed("xj-biz-tou.json")
            .Replace("\"basePrice\": 0.45", "\"basePrice\": -0.45")
            .Replace("\"from\": \"08:00\"", "\"from\": \"07:00\"");
        await using var db = await host.Db.CreateDbContextAsync();
        var before = await db.TariffPackageVersions.CountAsync();
        var (id, check) = await host.Get<CatalogueService>().SaveDraftAsync(await host.UserAsync("admin@demo.local"), null, bad);
        Assert.Null(id);
        Assert.Contains(check.Problems, p => p.Code == "Tariff.NegativePrice");
        Assert.Contains(check.Problems, p => p.Code == "Tariff.TouOverlap");
        Assert.Equal(before, await db.TariffPackageVersions.CountAsync());
    }

    [Fact]
    public async Task Text_that_is_not_a_package_is_one_localized_problem()
    {
        var check = CatalogueService.Check("{ not json");
        Assert.True(check.HasErrors);
        Assert.Equal("Tariff.JsonInvalid", Assert.Single(check.Problems).Code);
    }

    [Fact]
    public async Task A_new_version_is_a_draft_until_published_and_in_force_only_from_its_effective_day()
    {
        var admin = await host.UserAsync("admin@demo.local");
        var catalogue = host.Get<CatalogueService>();
        var catalog = host.Get<TariffCatalog>();
        var edited = Seed("xj-biz-single.json").Replace("\"basePrice\": 0.45", "\"basePrice\": 0.47");
        var code = TariffPackageJson.Deserialize(edited).Code;
        var (id, check) = await catalogue.SaveDraftAsync(admin, null, edited);
        Assert.False(check.HasErrors);
        var draft = (await catalogue.GetAsync(id!.Value))!;
        Assert.Equal(PackageVersionStatus.Draft, draft.Row.Status);
        Assert.Equal(2, draft.Row.Version);
        Assert.Equal(2, TariffPackageJson.Deserialize(draft.Json).Version);
        Assert.Equal(1, catalog.Get(code).Version);

        Assert.Equal("Catalogue.EffectiveInPast", await catalogue.PublishAsync(admin, id.Value, catalogue.Today.AddDays(-1)));
        Assert.Null(await catalogue.PublishAsync(admin, id.Value, catalogue.Today.AddDays(1)));
        Assert.Equal(1, catalog.Get(code).Version); // published, but not in force before tomorrow
        Assert.Equal("Tariff.NotDraft", await catalogue.PublishAsync(admin, id.Value, catalogue.Today.AddDays(1)));

        var tomorrow = new TariffCatalog(host.Db, new FixedClock(DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Equal(2, tomorrow.Get(code).Version);
        Assert.Equal(0.47m, tomorrow.Get(code).Energy.BasePrice);
    }

    [Fact]
    public async Task Publishing_a_new_package_from_today_puts_it_in_the_catalogue_at_once()
    {
        var admin = await host.UserAsync("admin@demo.local");
        var catalogue = host.Get<CatalogueService>();
        var text = Seed("xj-biz-green.json").Replace("\"code\": \"XJ-BIZ-GREEN\"", "\"code\": \"TEST-GREEN-2\"");
        var (id, _) = await catalogue.SaveDraftAsync(admin, null, text);
        Assert.False(host.Get<TariffCatalog>().TryGet("TEST-GREEN-2", out _));
        Assert.Null(await catalogue.PublishAsync(admin, id!.Value, catalogue.Today));
        Assert.True(host.Get<TariffCatalog>().TryGet("TEST-GREEN-2", out var p));
        Assert.Equal(1, p!.Version);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Tariff.Published" && a.Target == "TEST-GREEN-2 v1"));
    }

    [Fact]
    public void Try_it_bills_a_readings_file_and_counts_refused_rows()
    {
        var csv = "timestamp,kwh\n" + string.Join('\n', Enumerable.Range(0, 24 * 31).Select(h =>
            $"{new DateTime(2025, 1, 1).AddHours(h):yyyy-MM-dd HH:mm},1.000")) + "\n2025-01-05 10:07,1\n";
        var result = CatalogueService.Try(Seed("xj-res-tiered.json"), csv, new AccountProfile(CustomerType.Residential, VoltageLevel.Low, 8, ""), null);
        Assert.Null(result.ErrorKey);
        Assert.Equal(744, result.AcceptedRows);
        Assert.Equal(1, result.RejectedRows);
        Assert.Equal(744m, result.Bill!.TotalKwh);
        Assert.Equal(290.16m, result.Bill.Total.Yuan); // 744 kWh × ¥0.39, all in tier 1
    }

    [Fact]
    public void Try_it_reports_a_file_without_readings()
    {
        var result = CatalogueService.Try(Seed("xj-res-tiered.json"), "timestamp,kwh\nnot a date,1\n", new AccountProfile(CustomerType.Residential, VoltageLevel.Low, 8, ""), null);
        Assert.Equal("Tariff.TrialNoReadings", result.ErrorKey);
    }

    [Fact]
    public async Task The_export_endpoint_serves_the_stored_json_to_admins_on_the_internal_endpoint_only()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var v = await db.TariffPackageVersions.AsNoTracking().FirstAsync(x => x.Code == "XJ-RES-TIER" && x.Version == 1);
        var path = $"/backoffice/tariffs/versions/{v.Id}/export";
        using var admin = host.Client(@internal: true);
        await admin.SignInAsync("admin@demo.local");
        var response = await admin.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("XJ-RES-TIER", TariffPackageJson.Deserialize(await response.Content.ReadAsStringAsync()).Code);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.GetAsync($"/backoffice/tariffs/versions/{Guid.NewGuid()}/export")).StatusCode);

        using var handler = host.Client(@internal: true);
        await handler.SignInAsync("handler@demo.local");
        var denied = await handler.GetAsync(path); // the cookie handler sends staff without the role to the access-denied page
        Assert.Equal(System.Net.HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("AccessDenied", denied.Headers.Location!.ToString());
        using var outside = host.Client();
        await outside.SignInAsync("admin@demo.local");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await outside.GetAsync(path)).StatusCode);
    }
}

public class BillCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pm-bill-cli").FullName;

    [Fact]
    public void The_bill_verb_prints_the_bill_as_json_with_lines_and_total()
    {
        var package = Path.Combine(RepoRoot.Path, "Portal", "Features", "Tariffs", "SeedPackages", "xj-res-tiered.json");
        var readings = Path.Combine(_dir, "r.csv");
        File.WriteAllLines(readings, ["meter_id,timestamp,kwh", .. Enumerable.Range(0, 48).Select(i => $"M1,{new DateTime(2025, 3, 1).AddMinutes(30 * i):yyyy-MM-dd HH:mm},0.5"),
            "M2,2025-03-01 00:00,99"]);
        var stdout = new StringWriter();
        var code = BillCommand.Run(["bill", "--package", package, "--readings", readings, "--type", "Residential", "--capacity", "8"], stdout, new StringWriter());
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(24m, json.RootElement.GetProperty("totalKwh").GetDecimal()); // only the first meter is read
        Assert.Equal(9.36m, json.RootElement.GetProperty("total").GetDecimal());   // 24 kWh × ¥0.39
        Assert.Equal("energy.t1", json.RootElement.GetProperty("lines")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void The_bill_verb_lists_the_problems_of_an_inconsistent_package_and_fails()
    {
        var package = Path.Combine(_dir, "bad.json");
        File.WriteAllText(package, File.ReadAllText(Path.Combine(RepoRoot.Path, "Portal", "Features", "Tariffs", "SeedPackages", "xj-res-tiered.json"))
            .Replace("\"upToKwh\": 4200", "\"upToKwh\": 2000"));
        var readings = Path.Combine(_dir, "r.csv");
        File.WriteAllText(readings, "2025-03-01 00:00,1\n");
        var stderr = new StringWriter();
        Assert.Equal(1, BillCommand.Run(["bill", "--package", package, "--readings", readings], new StringWriter(), stderr));
        Assert.Contains("Tariff.TierOrder", stderr.ToString());
    }

    [Fact]
    public void The_bill_verb_without_files_prints_its_usage()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, BillCommand.Run(["bill"], new StringWriter(), stderr));
        Assert.Contains("--package", stderr.ToString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
