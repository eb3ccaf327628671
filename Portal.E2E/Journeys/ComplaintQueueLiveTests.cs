using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>The handler's queue follows new complaints while it is open: no search, no reload.</summary>
[Collection(PortalServerCollection.Name)]
public class ComplaintQueueLiveTests(PortalServer server) : Browsing(server)
{
    [Fact]
    public async Task A_complaint_filed_while_the_handler_watches_the_queue_shows_up_without_a_reload()
    {
        var handler = await NewPageAsync("zh-CN");
        await new LoginPage(handler).SignInAsync(Server.InternalUrl, "handler@demo.local");
        await handler.GotoAsync(Server.InternalUrl + "/backoffice/complaints");
        await new ShellPage(handler).WaitForInteractiveAsync();
        var navigations = 0;
        handler.FrameNavigated += (_, frame) => { if (frame == handler.MainFrame) navigations++; };

        var customer = await NewPageAsync("en-US");
        await new LoginPage(customer).SignInAsync(Server.PublicUrl, "household@demo.local");
        var complaintUrl = await new CustomerComplaintPage(customer).FileAsync(Server.PublicUrl, "Live queue check: the street light pole meter box door is open.");
        var heading = customer.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Assertions.Expect(heading).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*TS-\d{8}-\d{6}\s*$"));
        var tracking = (await heading.InnerTextAsync()).Trim();

        await Assertions.Expect(handler.GetByText(new System.Text.RegularExpressions.Regex(@"\d+ 条新投诉已分派到队列"))).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await handler.GetByPlaceholder("投诉编号").FillAsync(tracking);
        await handler.GetByPlaceholder("投诉编号").PressAsync("Enter");
        await Assertions.Expect(handler.GetByRole(AriaRole.Link, new() { Name = tracking })).ToBeVisibleAsync();
        Assert.Equal(0, navigations);
        await ScreenshotAsync(handler, "complaint-queue-live-zh-CN-desktop");
        Assert.Contains("/complaints/", complaintUrl);
        await customer.Context.CloseAsync();
        await handler.Context.CloseAsync();
    }
}
