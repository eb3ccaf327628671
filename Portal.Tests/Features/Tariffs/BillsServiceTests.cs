using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Tariffs;
using Portal.Features.Tariffs;

namespace Portal.Tests.Features.Tariffs;

[Collection(PortalCollection.Name)]
public class BillsServiceTests(TariffsHost host) : IClassFixture<TariffsHost>
{
    private const string Household = "household@demo.local";
    private const string Business = "business@demo.local";

    [Fact]
    public async Task A_customer_lists_the_bills_of_their_own_accounts_only_newest_first()
    {
        var user = await host.UserAsync(Business);
        var own = await host.OwnAccountsAsync(Business);
        var (rows, total) = await host.Get<BillsService>().ListAsync(user, null, 0, 100);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(await db.Bills.CountAsync(b => own.Contains(b.AccountId)), total);
        Assert.True(total > 3);
        Assert.All(rows, r => Assert.Contains(r.AccountId, own));
        Assert.Equal(rows.OrderByDescending(r => r.PeriodStart).Select(r => r.PeriodStart), rows.Select(r => r.PeriodStart));
    }

    [Fact]
    public async Task Bills_are_paged_without_overlap()
    {
        var user = await host.UserAsync(Business);
        var bills = host.Get<BillsService>();
        var (first, total) = await bills.ListAsync(user, null, 0, 5);
        var (second, _) = await bills.ListAsync(user, null, 1, 5);
        Assert.Equal(5, first.Count);
        Assert.True(total > 10);
        Assert.Empty(first.Select(b => b.Id).Intersect(second.Select(b => b.Id)));
    }

    [Fact]
    public async Task Filtering_by_another_customers_account_lists_nothing()
    {
        var user = await host.UserAsync(Household);
        var other = (await host.OwnAccountsAsync(Business))[0];
        var (rows, total) = await host.Get<BillsService>().ListAsync(user, other, 0, 10);
        Assert.Empty(rows);
        Assert.Equal(0, total);
    }

    [Fact]
    public async Task A_customer_asking_for_another_customers_bill_gets_not_found()
    {
        var otherBill = await LatestBillIdAsync(Business);
        Assert.Null(await host.Get<BillsService>().GetAsync(await host.UserAsync(Household), otherBill));
    }

    [Fact]
    public async Task The_recomputed_bill_matches_the_issued_one_and_the_change_reasons_add_up()
    {
        var user = await host.UserAsync(Household);
        var detail = await host.Get<BillsService>().GetAsync(user, await LatestBillIdAsync(Household));
        Assert.NotNull(detail);
        Assert.Equal(detail.Bill.Amount, detail.Lines.Sum(l => l.Amount));
        Assert.NotNull(detail.Breakdown);
        Assert.NotNull(detail.Previous);
        var change = detail.Change!;
        // Demo bills come from the same engine and readings, so replaying both reproduces them to the fen.
        Assert.Equal(detail.Bill.Amount, change.CurrentTotal.Yuan);
        Assert.Equal(detail.Previous.Amount, change.PreviousTotal.Yuan);
        Assert.Equal(change.Difference.Yuan, change.Reasons.Sum(r => r.Amount.Yuan));
        if (detail.Breakdown.KwhByPeriod.Count > 0) Assert.Equal(detail.Bill.TotalKwh, detail.Breakdown.KwhByPeriod.Sum(p => p.Kwh));
        if (detail.Breakdown.KwhByTier.Count > 0) Assert.Equal(detail.Bill.TotalKwh, detail.Breakdown.KwhByTier.Sum(t => t.Kwh));
    }

    [Fact]
    public async Task The_first_bill_of_an_account_has_nothing_to_compare_with()
    {
        var user = await host.UserAsync(Household);
        var own = await host.OwnAccountsAsync(Household);
        await using var db = await host.Db.CreateDbContextAsync();
        var first = await db.Bills.Where(b => own.Contains(b.AccountId)).OrderBy(b => b.PeriodStart).Select(b => b.Id).FirstAsync();
        var detail = await host.Get<BillsService>().GetAsync(user, first);
        Assert.NotNull(detail);
        Assert.Null(detail.Previous);
        Assert.Null(detail.Change);
    }

    [Fact]
    public async Task The_bill_page_shows_the_customers_own_bill_and_a_not_found_state_for_anothers()
    {
        using var client = host.Client();
        await client.SignInAsync(Household);
        var own = await client.GetAsync($"/bills/{await LatestBillIdAsync(Household)}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("data-testid=\"bill-total\"", await own.Content.ReadAsStringAsync());
        // Someone else's bill looks exactly like a bill that does not exist: 404 and the not-found page.
        var other = await client.GetAsync($"/bills/{await LatestBillIdAsync(Business)}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("data-testid=\"bill-total\"", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_line_description_and_bill_note_key_has_a_string_in_both_languages()
    {
        var en = Keys("SharedResource.resx");
        var zh = Keys("SharedResource.zh-CN.resx");
        string[] keys = ["Tariff.Line.Energy", "Tariff.Line.BasicCapacity", "Tariff.Line.BasicDemand", "Tariff.Line.BasicDemandExcess",
            "Tariff.Line.PowerFactor", "Tariff.Line.FixedFee", "Tariff.Line.GreenPremium", "Tariff.Line.Surcharge",
            "Bill.EstimatedIntervals", "Bill.NotEligible", "Bill.PowerFactorNoReactiveData"];
        // Every description key the seeded bills carry is among them.
        await using var db = await host.Db.CreateDbContextAsync();
        var used = await db.Bills.SelectMany(b => b.Lines).Select(l => l.Description).Distinct().ToListAsync();
        Assert.NotEmpty(used);
        Assert.All(used, k => Assert.Contains(k, keys));
        Assert.All(keys, k => { Assert.Contains(k, en); Assert.Contains(k, zh); });
        Assert.All(Enum.GetNames<BillChangeReasonKind>(), k => Assert.Contains("BillChange." + k, en));
    }

    private static HashSet<string> Keys(string file) =>
        System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot.Path, "Portal", "Resources", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet();

    private async Task<Guid> LatestBillIdAsync(string email)
    {
        var own = await host.OwnAccountsAsync(email);
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.Bills.Where(b => own.Contains(b.AccountId)).OrderByDescending(b => b.PeriodStart).Select(b => b.Id).FirstAsync();
    }
}
