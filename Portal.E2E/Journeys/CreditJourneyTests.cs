using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// The credit tier across both endpoints: the customer reports a hazard fixed with a photo, staff verify it on the
/// intranet and the customer sees it verified; an admin previews a policy's impact and publishes it.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class CreditJourneyTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task A_customer_sees_the_tier_page_reports_a_hazard_fixed_with_a_photo_and_staff_verify_it()
    {
        var customer = await NewPageAsync("en-US");
        await new LoginPage(customer).SignInAsync(Server.PublicUrl, "household@demo.local");
        await customer.GotoAsync(Server.PublicUrl + "/credit");
        await new ShellPage(customer).WaitForInteractiveAsync();
        if (!System.Text.RegularExpressions.Regex.IsMatch(customer.Url, "/credit/[0-9a-f-]{36}$"))
            await customer.Locator("a[href^='/credit/']").First.ClickAsync();
        await customer.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/credit/[0-9a-f-]{36}$"));
        var creditUrl = customer.Url;
        await new ShellPage(customer).WaitForInteractiveAsync();
        await Assertions.Expect(customer.GetByTestId("credit-score")).ToBeVisibleAsync();
        var scoreBefore = await customer.GetByTestId("credit-score").InnerTextAsync();
        // The rules are on the page: every tier's entry and exit, with the customer's own row marked.
        await Assertions.Expect(customer.GetByTestId("tier-ladder").Locator("tr[aria-current=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(customer.GetByTestId("tier-ladder").Locator("tr[data-tier]")).ToHaveCountAsync(3);
        await ScreenshotAsync(customer, "credit-tier-before-fix-en-US-desktop");

        var hazards = new HazardsPage(customer);
        await hazards.OpenAsync(Server.PublicUrl);
        var hazardId = await hazards.ReportFirstOpenFixedAsync("Replaced the service cable insulation.");
        await Assertions.Expect(hazards.Card(hazardId).GetByText("Fix reported, awaiting check")).ToBeVisibleAsync();
        await ScreenshotAsync(customer, "hazard-reported-en-US-desktop");

        var staff = await NewPageAsync("zh-CN");
        await new LoginPage(staff).SignInAsync(Server.InternalUrl, "handler@demo.local");
        await new HazardVerificationPage(staff).VerifyAsync(Server.InternalUrl, hazardId);
        await ScreenshotAsync(staff, "hazard-verified-zh-CN-desktop");

        // The customer sees the verified fix; the job re-evaluates the account's score behind it (asserted in CreditWorkflowTests:
        // a fix within its deadline leaves the seeded score unchanged, and the tier page lists only lines that moved points).
        await hazards.OpenAsync(Server.PublicUrl);
        await Assertions.Expect(hazards.Card(hazardId).GetByText("Fix verified")).ToBeVisibleAsync();
        await ScreenshotAsync(customer, "hazard-verified-customer-en-US-desktop");
        await customer.GotoAsync(creditUrl);
        await new ShellPage(customer).WaitForInteractiveAsync();
        await Assertions.Expect(customer.GetByTestId("credit-score")).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(scoreBefore));
        await ScreenshotAsync(customer, "credit-tier-after-fix-en-US-desktop");
        await customer.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_previews_the_impact_of_a_draft_and_publishes_it()
    {
        var admin = await NewPageAsync("en-US");
        await new LoginPage(admin).SignInAsync(Server.InternalUrl, "admin@demo.local");
        var policy = new CreditPolicyPage(admin);
        await policy.OpenAsync(Server.InternalUrl);

        await policy.PreviewAsync();
        await Assertions.Expect(admin.GetByTestId("impact").GetByRole(AriaRole.Table).First).ToBeVisibleAsync();
        await ScreenshotAsync(admin, "credit-policy-impact-en-US-desktop");

        await policy.PublishAsync();
        await Assertions.Expect(admin.GetByText(new System.Text.RegularExpressions.Regex(@"^v\d+ published; re-evaluation started\.$"))).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("review-run")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await ScreenshotAsync(admin, "credit-policy-published-en-US-desktop");
        await admin.Context.CloseAsync();
    }
}
