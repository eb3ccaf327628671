using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// The complaint loop across both endpoints: a customer files, the routing job puts it in a queue, a handler claims,
/// records contact and replies on the intranet, and the customer sees the reply on the extranet; the handler resolves
/// with a resolution code, and the customer either accepts the resolution and rates the handling, or reopens it.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class ComplaintLoopJourneyTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task A_customer_files_a_handler_replies_and_resolves_and_the_customer_accepts_and_rates_the_handling()
    {
        // Customer, extranet.
        var customer = await NewPageAsync("en-US", 390, 844);
        await new LoginPage(customer).SignInAsync(Server.PublicUrl, "household@demo.local");
        var complaint = new CustomerComplaintPage(customer);
        var complaintUrl = await complaint.FileAsync(Server.PublicUrl, "The meter display has been blank since Monday; please check it.");
        var id = complaintUrl[(complaintUrl.LastIndexOf('/') + 1)..];
        await Assertions.Expect(customer.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*TS-\d{8}-\d{6}\s*$"));
        await ScreenshotAsync(customer, "complaint-filed-en-US-phone");

        // Handler, intranet.
        var handler = await NewPageAsync("zh-CN");
        await new LoginPage(handler).SignInAsync(Server.InternalUrl, "handler@demo.local");
        var work = new ComplaintHandlingPage(handler);
        await work.OpenWhenClaimableAsync(Server.InternalUrl, id);
        await work.ClaimContactAndReplyAsync("我们已安排工作人员明天上午上门检查电能表。");
        await ScreenshotAsync(handler, "complaint-handler-replied-zh-CN-desktop");

        // Customer sees the reply.
        await complaint.OpenAsync(complaintUrl);
        await Assertions.Expect(customer.GetByText("我们已安排工作人员明天上午上门检查电能表。")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "complaint-replied-en-US-phone");

        // The customer answers the reply; it lands in the handler's timeline.
        await complaint.SendMessageAsync("Tomorrow morning is fine, someone will be at home.");
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "complaint-customer-answered-en-US-phone");

        // Handler resolves with a resolution code; the routing explanation and queue read in the handler's language.
        await work.ReloadAsync();
        await Assertions.Expect(handler.GetByText("Tomorrow morning is fine, someone will be at home.", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(handler.GetByText(new System.Text.RegularExpressions.Regex("规则“[^”]+” → 队列 [^a-z]+，优先级"))).ToBeVisibleAsync();
        await work.ResolveAsFixedAsync("已更换电能表显示屏，读数恢复正常。");
        await ScreenshotAsync(handler, "complaint-handler-resolved-zh-CN-desktop");

        // Customer accepts the resolution and rates the handling.
        await complaint.OpenAsync(complaintUrl);
        await Assertions.Expect(complaint.Status).ToHaveTextAsync("Resolved");
        await Assertions.Expect(complaint.Actions.GetByText("已更换电能表显示屏，读数恢复正常。")).ToBeVisibleAsync();
        await customer.GetByTestId("confirm").ClickAsync();
        await customer.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Accept the resolution" }).ClickAsync();
        await Assertions.Expect(customer.GetByTestId("confirm")).ToHaveCountAsync(0);
        await customer.Locator(".mud-rating-item").Nth(3).ClickAsync();
        await customer.GetByLabel("Comment").FillAsync("Quick visit, friendly staff.");
        await customer.GetByTestId("rate-handling").ClickAsync();
        await Assertions.Expect(customer.GetByText("You rated the handling 4 of 5.")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "complaint-rated-en-US-phone");
        await AssertSubmitTimesStayOnOneLineAsync(customer, "en-US");
        await customer.Context.CloseAsync();
        await handler.Context.CloseAsync();
    }

    [Fact]
    public async Task A_customer_reopens_a_resolution_that_did_not_fix_it_and_the_complaint_goes_back_to_the_queue_with_the_reason()
    {
        var customer = await NewPageAsync("zh-CN", 390, 844);
        await new LoginPage(customer).SignInAsync(Server.PublicUrl, "household@demo.local");
        var complaint = new CustomerComplaintPage(customer);
        var complaintUrl = await complaint.FileAsync(Server.PublicUrl, "院子里的电表箱门坏了，关不上，下雨会进水。");
        var id = complaintUrl[(complaintUrl.LastIndexOf('/') + 1)..];

        var handler = await NewPageAsync("en-US");
        await new LoginPage(handler).SignInAsync(Server.InternalUrl, "handler@demo.local");
        var work = new ComplaintHandlingPage(handler);
        await work.OpenWhenClaimableAsync(Server.InternalUrl, id);
        await work.ClaimContactAndReplyAsync("A crew will replace the meter box door tomorrow.");
        await work.ResolveAsFixedAsync("The meter box door was replaced.");

        // The customer finds the door still broken and sends the complaint back with a reason.
        await complaint.OpenAsync(complaintUrl);
        await Assertions.Expect(complaint.Status).ToHaveTextAsync("已解决");
        await Assertions.Expect(customer.GetByTestId("reopen")).ToBeVisibleAsync();
        await ScreenshotAsync(customer, "complaint-resolved-zh-CN-phone");
        await complaint.ReopenAsync("门还是关不上，锁扣没有换。");
        await Assertions.Expect(complaint.Status).ToHaveTextAsync("已重开");
        await Assertions.Expect(customer.GetByTestId("timeline").GetByText("门还是关不上，锁扣没有换。")).ToBeVisibleAsync();
        await Assertions.Expect(customer.GetByTestId("confirm")).ToHaveCountAsync(0);
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "complaint-reopened-zh-CN-phone");
        await AssertSubmitTimesStayOnOneLineAsync(customer, "zh-CN");

        // Back in the queue: unclaimed, a fresh first contact to record, the customer's reason on the timeline.
        await work.ReloadAsync();
        await Assertions.Expect(handler.GetByTestId("claim")).ToBeVisibleAsync();
        await Assertions.Expect(handler.GetByText("门还是关不上，锁扣没有换。")).ToBeVisibleAsync();
        await handler.GetByTestId("claim").ClickAsync();
        await Assertions.Expect(handler.GetByTestId("contact")).ToBeVisibleAsync();
        await ScreenshotAsync(handler, "complaint-reopened-handler-en-US-desktop");
        await customer.Context.CloseAsync();
        await handler.Context.CloseAsync();
    }

    /// <summary>The customer's list at phone width: a submit time broken across two lines reads as two things.</summary>
    private async Task AssertSubmitTimesStayOnOneLineAsync(IPage page, string culture)
    {
        await page.GotoAsync(Server.PublicUrl + "/complaints");
        await new ShellPage(page).WaitForInteractiveAsync();
        var times = page.GetByTestId("complaint").Locator("time");
        await times.First.WaitForAsync();
        foreach (var time in (await times.AllAsync()).Take(5))
            Assert.Equal(1, await time.EvaluateAsync<int>("e => e.getClientRects().length"));
        await ScreenshotAsync(page, $"complaints-list-{culture}-phone");
    }
}
