using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Statements;
using Portal.Features.Statements;
using static Portal.Tests.Features.Statements.StatementTestHelpers;

namespace Portal.Tests.Features.Statements;

/// <summary>Issued PDFs read back with PdfPig: the bill's figures to the fen, in the customer's language.</summary>
[Collection(PortalCollection.Name)]
public class StatementPdfTests(PortalHost host) : IClassFixture<PortalHost>
{
    private StatementIssuer Issuer => host.Services.GetRequiredService<StatementIssuer>();

    private async Task<(StatementRecord Record, Portal.Domain.Billing.Bill Bill)> IssueLatestAsync(string email, int account = 0, int skip = 0)
    {
        var bill = await LatestBillAsync(host, await AccountOfAsync(host, email, account), skip);
        var result = await Issuer.IssueAsync(bill.Id);
        await using var db = await host.Db.CreateDbContextAsync();
        return (await db.Statements.AsNoTracking().SingleAsync(s => s.Id == result.StatementId), bill);
    }

    [Fact]
    public async Task A_chinese_customers_statement_is_in_chinese_and_matches_the_bill_to_the_fen()
    {
        var (record, bill) = await IssueLatestAsync("household@demo.local");
        Assert.Equal("zh-CN", record.Culture);
        var text = Compact(record.Pdf);
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        foreach (var expected in new[] { "电费对账单", "国网奎屯供电公司", "户号", "应缴金额", "电费明细", "近12个月用电量" })
            Assert.Contains(expected, text);
        Assert.Contains(bill.Amount.ToString("#,##0.00", zh), text);
        foreach (var line in bill.Lines)
            Assert.Contains("¥" + line.Amount.ToString("#,##0.00", zh), text);
        Assert.Contains($"{bill.PeriodStart.Year}年{bill.PeriodStart.Month}月", text);
        Assert.Contains(bill.TotalKwh.ToString("#,##0.00", zh), text);
    }

    [Fact]
    public async Task The_amount_due_printed_is_the_previous_balance_less_payments_plus_the_bill()
    {
        var (record, bill) = await IssueLatestAsync("household@demo.local");
        var doc = StatementIssuer.ReadContent(record.Content)!;
        Assert.Equal(bill.Amount, doc.Balance.CurrentCharges);
        Assert.Equal(doc.Balance.PreviousBalance - doc.Balance.PaymentsTotal + bill.Amount, doc.Balance.AmountDue);
        Assert.Contains("¥" + doc.Balance.AmountDue.ToString("#,##0.00", CultureInfo.GetCultureInfo("zh-CN")), Compact(record.Pdf));
    }

    [Fact]
    public async Task An_english_customers_statement_is_in_english()
    {
        var (record, bill) = await IssueLatestAsync("neighbour@demo.local");
        Assert.Equal("en-US", record.Culture);
        var text = Text(record.Pdf);
        Assert.Contains("Electricity statement", text);
        Assert.Contains("Amount due", text);
        Assert.Contains("¥" + bill.Amount.ToString("#,##0.00", CultureInfo.GetCultureInfo("en-US")), text.Replace(" ", ""));
        Assert.DoesNotContain("电费对账单", Compact(record.Pdf));
    }

    [Fact]
    public async Task A_name_with_a_character_outside_the_reduced_font_is_still_printed()
    {
        var (record, _) = await IssueLatestAsync("household@demo.local");
        var doc = StatementIssuer.ReadContent(record.Content)!;
        var renderer = host.Services.GetRequiredService<StatementPdfRenderer>();
        var rare = doc with { Account = doc.Account with { HolderNameMasked = "龘*英" } };

        Assert.Contains("龘*英", Compact(renderer.Render(rare, "zh-CN")));
        Assert.Contains(doc.Account.HolderNameMasked, Compact(renderer.Render(doc, "zh-CN")));
    }

    [Fact]
    public async Task Personal_data_is_masked_in_the_pdf()
    {
        var accountId = await AccountOfAsync(host, "household@demo.local");
        var (record, _) = await IssueLatestAsync("household@demo.local");
        await using var db = await host.Db.CreateDbContextAsync();
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId);
        var text = Compact(record.Pdf);
        Assert.DoesNotContain(account.Phone, text);
        Assert.DoesNotContain(account.Address.Replace(" ", ""), text);
        Assert.Contains(Portal.Domain.Common.Masking.Phone(account.Phone), text);
        Assert.Contains(account.AccountNumber, text);
    }

    [Fact]
    public async Task A_large_industrial_statement_names_its_customer_manager()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.CustomerManagerId != null && a.Type != Portal.Domain.Accounts.CustomerType.Residential);
        var manager = await db.Users.AsNoTracking().SingleAsync(u => u.Id == account.CustomerManagerId);
        var bill = await LatestBillAsync(host, account.Id);
        var result = await Issuer.IssueAsync(bill.Id);
        var pdf = await db.Statements.AsNoTracking().Where(s => s.Id == result.StatementId).Select(s => s.Pdf).SingleAsync();
        var text = Compact(pdf);
        Assert.Contains(manager.DisplayName.Replace(" ", ""), text);
        Assert.Contains(manager.WorkPhone!, text);
        foreach (var line in bill.Lines)
            Assert.Contains(line.Amount.ToString("#,##0.00", CultureInfo.GetCultureInfo("zh-CN")), text);
    }

    [Fact]
    public async Task Every_seeded_package_renders_a_statement_whose_line_amounts_read_back_to_the_fen()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var accounts = (await db.Accounts.AsNoTracking().Select(a => new { a.Id, a.TariffPackageCode }).ToListAsync())
            .GroupBy(a => a.TariffPackageCode).Select(g => g.First()).ToList();
        Assert.True(accounts.Count >= 4);
        // The files stay in the temp folder for a person to look at (pdftoppm -png); the assertions are on the text.
        var folder = Path.Combine(Path.GetTempPath(), "pm-statements");
        Directory.CreateDirectory(folder);
        foreach (var a in accounts)
        {
            var bill = await LatestBillAsync(host, a.Id);
            var result = await Issuer.IssueAsync(bill.Id);
            var record = await db.Statements.AsNoTracking().SingleAsync(s => s.Id == result.StatementId);
            await File.WriteAllBytesAsync(Path.Combine(folder, a.TariffPackageCode + ".pdf"), record.Pdf);
            var culture = CultureInfo.GetCultureInfo(record.Culture);
            var text = Compact(record.Pdf);
            foreach (var line in bill.Lines)
                Assert.Contains(line.Amount.ToString("#,##0.00", culture), text);
            Assert.Contains(bill.Amount.ToString("#,##0.00", culture), text);
        }
    }
}
