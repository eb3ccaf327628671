using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// The complaint loop across both endpoints: a customer files, the routing job puts it in a queue, a handler claims,
/// records contact and replies on the intranet, and the customer sees the reply on the extranet; the handler resolves
/// with a resolution code, and the customer accepts the resolution and rates the handling.
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
        await customer.GotoAsync(Server.PublicUrl + "/complaints/new");
        await new ShellPage(customer).WaitForInteractiveAsync();
        await customer.GetByLabel("Description").FillAsync("The meter display has been blank since Monday; please check it.");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Submit complaint" }).ClickAsync();
        await customer.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/complaints/[0-9a-f-]{36}$"));
        var complaintUrl = customer.Url;
        var id = complaintUrl[(complaintUrl.LastIndexOf('/') + 1)..];
        await Assertions.Expect(customer.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*TS-\d{8}-\d{6}\s*$"));
        await ScreenshotAsync(customer, "complaint-filed-en-US-phone");

        // Handler, intranet: the routing job has put it in a queue once the claim button appears.
        var handler = await NewPageAsync("zh-CN");
        await new LoginPage(handler).SignInAsync(Server.InternalUrl, "handler@demo.local");
        var claim = handler.GetByTestId("claim");
        for (var attempt = 0; attempt < 20 && await claim.CountAsync() == 0; attempt++)
        {
            await handler.GotoAsync($"{Server.InternalUrl}/backoffice/complaints/{id}");
            await new ShellPage(handler).WaitForInteractiveAsync();
            if (await claim.CountAsync() == 0) await handler.WaitForTimeoutAsync(1000);
        }
        await claim.ClickAsync();
        await handler.GetByTestId("contact").ClickAsync();
        await handler.GetByLabel("答复客户").FillAsync("我们已安排工作人员明天上午上门检查电能表。");
        await handler.GetByTestId("reply").ClickAsync();
        await Assertions.Expect(handler.GetByTestId("reply")).ToHaveCountAsync(0);
        await ScreenshotAsync(handler, "complaint-handler-replied-zh-CN-desktop");

        // Customer sees the reply.
        await customer.GotoAsync(complaintUrl);
        await new ShellPage(customer).WaitForInteractiveAsync();
        await Assertions.Expect(customer.GetByText("我们已安排工作人员明天上午上门检查电能表。")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "complaint-replied-en-US-phone");

        // Handler resolves with a resolution code; the routing explanation and queue read in the handler's language.
        await handler.ReloadAsync();
        await new ShellPage(handler).WaitForInteractiveAsync();
        await Assertions.Expect(handler.GetByText(new System.Text.RegularExpressions.Regex("规则“[^”]+” → 队列 [^a-z]+，优先级"))).ToBeVisibleAsync();
        await handler.Locator(".mud-select").Filter(new() { HasText = "处理结果代码" }).Locator(".mud-input-control").ClickAsync();
        await handler.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "已修复" }).ClickAsync();
        await Assertions.Expect(handler.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await handler.GetByLabel("给客户的处理说明").FillAsync("已更换电能表显示屏，读数恢复正常。");
        await handler.GetByTestId("resolve").ClickAsync();
        await handler.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await Assertions.Expect(handler.GetByTestId("resolve")).ToHaveCountAsync(0);
        await ScreenshotAsync(handler, "complaint-handler-resolved-zh-CN-desktop");

        // Customer accepts the resolution and rates the handling.
        await customer.ReloadAsync();
        await new ShellPage(customer).WaitForInteractiveAsync();
        await Assertions.Expect(customer.GetByTestId("status")).ToHaveTextAsync("Resolved");
        await Assertions.Expect(customer.GetByTestId("customer-actions").GetByText("已更换电能表显示屏，读数恢复正常。")).ToBeVisibleAsync();
        await customer.GetByTestId("confirm").ClickAsync();
        await customer.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Accept the resolution" }).ClickAsync();
        await Assertions.Expect(customer.GetByTestId("confirm")).ToHaveCountAsync(0);
        await customer.Locator(".mud-rating-item").Nth(3).ClickAsync();
        await customer.GetByLabel("Comment").FillAsync("Quick visit, friendly staff.");
        await customer.GetByTestId("rate-handling").ClickAsync();
        await Assertions.Expect(customer.GetByText("You rated the handling 4 of 5.")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(customer);
        await ScreenshotAsync(customer, "complaint-rated-en-US-phone");
        await customer.Context.CloseAsync();
        await handler.Context.CloseAsync();
    }
}
