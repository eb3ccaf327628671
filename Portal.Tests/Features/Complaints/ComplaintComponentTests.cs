using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Features.Accounts;
using Portal.Features.Complaints;
using Portal.Features.Complaints.Admin;
using Portal.Features.Complaints.Customer;

namespace Portal.Tests.Features.Complaints;

/// <summary>Small complaint components rendered alone.</summary>
public class ComplaintComponentTests : PortalBunitContext
{
    private static readonly DateTime Now = new(2026, 3, 10, 10, 0, 0);

    [Theory]
    [InlineData(-1, null, "mud-chip-color-error")]                // due an hour ago, not done
    [InlineData(3, null, "mud-chip-color-warning")]               // due within the 4-hour window
    [InlineData(5, null, "mud-chip-color-info")]                  // due later
    [InlineData(-1, -2, "mud-chip-color-success")]                // done before it was due
    [InlineData(-2, -1, "mud-chip-color-error")]                  // done, but late
    public void An_sla_clock_is_coloured_by_how_it_stands(int dueInHours, int? doneInHours, string colour)
    {
        var clock = new SlaClock(Now.AddHours(dueInHours), doneInHours is { } d ? Now.AddHours(d) : null);

        var cut = Render<SlaClockChip>(p => p.Add(c => c.Label, "Contact").Add(c => c.Clock, clock).Add(c => c.Now, Now));

        Assert.Contains(colour, cut.Find("[data-testid=sla-clock]").ClassName);
        Assert.Contains("Contact", cut.Markup);
    }

    [Theory]
    [InlineData(0, 59, null, "59 min left")]
    [InlineData(1, 0, null, "1 h left")]
    [InlineData(3, 5, null, "3 h 5 min left")]
    [InlineData(47, 59, null, "47 h 59 min left")]
    [InlineData(48, 0, null, "2 d left")]
    [InlineData(50, 30, null, "2 d 2 h left")]
    [InlineData(-2, -15, null, "overdue by 2 h 15 min")]
    [InlineData(-1, 0, -2, "done ")]
    public void An_sla_clock_says_how_much_time_is_left_or_how_late_it_is(int hours, int minutes, int? doneInHours, string expected)
    {
        var clock = new SlaClock(Now.AddHours(hours).AddMinutes(minutes), doneInHours is { } d ? Now.AddHours(d) : null);

        var cut = Render<SlaClockChip>(p => p.Add(c => c.Label, "Answer").Add(c => c.Clock, clock).Add(c => c.Now, Now));

        Assert.Contains(expected, cut.Find("[data-testid=sla-clock]").TextContent);
    }

    [Fact]
    public void A_chart_card_shows_its_figures_as_a_table_when_toggled()
    {
        var cut = Render<ChartCard>(p => p.Add(c => c.Title, "Satisfaction")
            .Add(c => c.Labels, ["Jan", "Feb"]).Add(c => c.LabelHeader, "Month")
            .Add(c => c.Series, [new ChartCard.Line("Mean score", [4.25, double.NaN])]));
        Assert.Empty(cut.FindAll("[data-testid=chart-table]"));

        cut.Find(".mud-switch input").Change(true);

        var table = cut.Find("[data-testid=chart-table]");
        Assert.Contains("4.25", table.TextContent);
        Assert.Contains("—", table.TextContent); // a month without ratings is a gap, not a zero
        // Every header says what its column or row is (axe: empty-table-header), rows are labelled by their month.
        Assert.Equal(["Month", "Mean score"], table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["Jan", "Feb"], table.QuerySelectorAll("tbody th[scope=row]").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public void A_chart_card_without_data_says_so()
    {
        var cut = Render<ChartCard>(p => p.Add(c => c.Title, "Trend").Add(c => c.LabelHeader, "Month").Add(c => c.Labels, []).Add(c => c.Series, []));
        Assert.Contains(L["Analytics.NoData"].Value, cut.Markup);
    }
}

/// <summary>The customer's complaint page rendered with the real service over a running portal's database.</summary>
[Collection(PortalCollection.Name)]
public class ComplaintDetailPageTests : PortalBunitContext, IClassFixture<PortalHost>
{
    private readonly PortalHost _host;

    public ComplaintDetailPageTests(PortalHost host)
    {
        _host = host;
        // The page's own services come from the running portal (its database, clock and jobs).
        Services.AddFallbackServiceProvider(host.Services.CreateScope().ServiceProvider);
    }

    /// <summary>The page as a signed-in customer sees it (the cascading authentication state the router would give it).</summary>
    private async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> RenderAsAsync(string email, Guid id)
    {
        var user = await _host.UserAsync(email);
        return Render<CascadingValue<Task<AuthenticationState>>>(p => p
            .Add(c => c.Value, Task.FromResult(new AuthenticationState(user)))
            .AddChildContent<ComplaintDetailPage>(page => page.Add(c => c.Id, id)));
    }

    private async Task<Guid> RepliedComplaintAsync()
    {
        var customer = await _host.UserAsync("household@demo.local");
        var handler = await _host.UserAsync("handler@demo.local");
        var filed = await _host.Service<CustomerComplaintService>().SubmitAsync(customer,
            ComplaintsTestKit.Form(await _host.FirstAccountOfAsync("household@demo.local")), []);
        var id = filed.ComplaintId!.Value;
        await _host.WaitUntilRoutedAsync(id);
        var work = _host.Service<Portal.Features.Complaints.BackOffice.ComplaintWorkService>();
        await work.ClaimAsync(handler, id, (await _host.LoadAsync(id)).Version);
        await work.RecordContactAsync(handler, id, (await _host.LoadAsync(id)).Version, "INTERNAL: spoke to the lineman");
        await work.ReplyAsync(handler, id, (await _host.LoadAsync(id)).Version, "The fuse at your pole was replaced.");
        return id;
    }

    [Fact]
    public async Task The_owner_sees_the_answer_and_both_clocks_met_but_no_internal_note()
    {
        var id = await RepliedComplaintAsync();
        var cut = await RenderAsAsync("household@demo.local", id);
        cut.WaitForElement("[data-testid=timeline]");

        Assert.Contains("The fuse at your pole was replaced.", cut.Markup);
        Assert.DoesNotContain("INTERNAL", cut.Markup);
        Assert.Equal(2, cut.FindAll("[data-testid=sla-clock].mud-chip-color-success").Count);
        Assert.Equal(L["ComplaintStatus.Replied"].Value, cut.Find("[data-testid=status]").TextContent.Trim());
    }

    [Fact]
    public async Task Another_customer_gets_the_not_found_state()
    {
        var id = await RepliedComplaintAsync();
        var cut = await RenderAsAsync("neighbour@demo.local", id);

        cut.WaitForElement("[data-testid=not-found]");
        Assert.DoesNotContain("The fuse at your pole was replaced.", cut.Markup);
    }
}
