using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// The switching loop across both endpoints: a household sees its recommendations, tries the what-if (the prices
/// change), applies for the cheapest package; a handler approves it on the intranet; the household sees the status.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class TariffSwitchJourneyTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task A_customer_applies_for_a_package_a_handler_approves_and_the_customer_sees_the_status()
    {
        // Customer, extranet, phone width. The neighbour household: the other journeys use the demo household.
        var customer = await NewPageAsync("en-US", 390, 844);
        await new LoginPage(customer).SignInAsync(Server.PublicUrl, "neighbour@demo.local");
        var tariffs = new TariffsPage(customer);
        await tariffs.OpenFirstAccountAsync(Server.PublicUrl);
        var number = await tariffs.AccountNumberAsync();
        Assert.NotEqual("", number);
        var before = await tariffs.CurrentCost.InnerTextAsync();
        await tariffs.CutAsync(2);
        await Assertions.Expect(tariffs.CurrentCost).Not.ToHaveTextAsync(before);
        await ScreenshotAsync(customer, "tariff-switch-what-if-en-US-phone");
        await tariffs.ApplyForBestAsync();
        await Assertions.Expect(tariffs.SwitchStatus).ToContainTextAsync("waiting for approval");
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "tariff-switch-applied-en-US-phone");

        // Handler, intranet, Chinese.
        var handler = await NewPageAsync("zh-CN");
        await new LoginPage(handler).SignInAsync(Server.InternalUrl, "handler@demo.local");
        var switches = new SwitchesPage(handler);
        await switches.OpenAsync(Server.InternalUrl);
        await Assertions.Expect(switches.Row(number)).ToHaveCountAsync(1);
        await switches.AssertDecisionButtonsFitAsync(number);
        await ScreenshotAsync(handler, "tariff-switch-queue-zh-CN-desktop");
        await switches.ApproveAsync(number, "同意，下一计费周期起执行。");
        await ScreenshotAsync(handler, "tariff-switch-approved-zh-CN-desktop");

        // The customer sees the decision.
        await customer.ReloadAsync();
        await new ShellPage(customer).WaitForInteractiveAsync();
        await Assertions.Expect(tariffs.SwitchStatus).ToContainTextAsync("was approved and applies from");
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "tariff-switch-status-en-US-phone");
        await customer.Context.CloseAsync();
        await handler.Context.CloseAsync();
    }
}
