using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Billing;

namespace Portal.Tests.Integration;

/// <summary>Registration binds an account only with a correct verification fact; otherwise nothing is created.</summary>
[Collection(PortalCollection.Name)]
public class RegistrationTests(PortalHost host) : IClassFixture<PortalHost>
{
    private async Task<(string Number, decimal Amount)> UnboundAccountWithBillAsync()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var bound = await db.AccountBindings.Select(b => b.AccountId).ToListAsync();
        var account = await db.Accounts.Where(a => !bound.Contains(a.Id)).OrderBy(a => a.AccountNumber).FirstAsync();
        var bill = await db.Bills.Where(b => b.AccountId == account.Id).OrderByDescending(b => b.PeriodStart).FirstAsync();
        return (account.AccountNumber, bill.Amount);
    }

    private static Dictionary<string, string> Form(string number, string amount, string email) => new()
    {
        ["Input.AccountNumber"] = number,
        ["Input.BillAmount"] = amount,
        ["Input.DisplayName"] = "测试用户",
        ["Input.Email"] = email,
        ["Input.Password"] = "correct horse battery",
        ["Input.ConfirmPassword"] = "correct horse battery",
    };

    [Fact]
    public async Task A_correct_account_number_and_bill_amount_registers_and_binds()
    {
        var (number, amount) = await UnboundAccountWithBillAsync();
        using var client = host.Client();
        var response = await client.PostFormAsync("/Account/Register", "register", Form(number, amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), "new.customer@example.com"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var db = await host.Db.CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == "new.customer@example.com");
        var account = await db.Accounts.SingleAsync(a => a.AccountNumber == number);
        Assert.True(await db.AccountBindings.AnyAsync(b => b.UserId == user.Id && b.AccountId == account.Id));
        Assert.True(await db.EmailMessages.AnyAsync(m => m.To == "new.customer@example.com"));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(-0.01)]
    public async Task A_bill_amount_off_by_one_fen_binds_nothing_and_creates_no_user(double delta)
    {
        var (number, amount) = await UnboundAccountWithBillAsync();
        var email = $"wrong{delta}@example.com";
        using var client = host.Client();
        var response = await client.PostFormAsync("/Account/Register", "register",
            Form(number, (amount + (decimal)delta).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"register-errors\"", await response.Content.ReadAsStringAsync());

        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task An_unknown_account_number_gets_the_same_answer_as_a_wrong_amount()
    {
        using var client = host.Client();
        var response = await client.PostFormAsync("/Account/Register", "register", Form("999999999", "10.00", "nobody@example.com"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("register-errors", html);
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "nobody@example.com"));
    }
}
