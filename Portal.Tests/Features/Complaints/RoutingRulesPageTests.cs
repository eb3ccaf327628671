using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Features.Complaints;
using Portal.Features.Complaints.Admin;

namespace Portal.Tests.Features.Complaints;

/// <summary>The routing rules editor over a running portal: discarding edits asks first, and only when there are edits.</summary>
[Collection(PortalCollection.Name)]
public class RoutingRulesPageTests : PortalBunitContext, IClassFixture<PortalHost>
{
    private readonly PortalHost _host;

    public RoutingRulesPageTests(PortalHost host)
    {
        _host = host;
        Services.AddFallbackServiceProvider(host.Services.CreateScope().ServiceProvider);
    }

    private async Task<IRenderedComponent<ContainerFragment>> RenderAsAdminAsync()
    {
        var admin = await _host.UserAsync("admin@demo.local");
        var cut = Render(b =>
        {
            b.OpenComponent<MudDialogProvider>(0);
            b.CloseComponent();
            b.OpenComponent<CascadingValue<Task<AuthenticationState>>>(1);
            b.AddAttribute(2, "Value", Task.FromResult(new AuthenticationState(admin)));
            b.AddAttribute(3, "ChildContent", (RenderFragment)(c => { c.OpenComponent<RoutingRulesPage>(0); c.CloseComponent(); }));
            b.CloseComponent();
        });
        cut.WaitForElement("textarea");
        return cut;
    }

    private static string Json(IRenderedComponent<ContainerFragment> cut) => cut.FindAll("textarea")[0].GetAttribute("value") ?? cut.FindAll("textarea")[0].TextContent;

    private static void ClickButton(IRenderedComponent<ContainerFragment> cut, string text, string scope = "") =>
        cut.FindAll($"{scope} button".Trim()).First(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public async Task Discarding_edited_rules_asks_first_and_cancel_keeps_the_edits()
    {
        var stored = (await _host.Services.GetRequiredService<RoutingRulesStore>().CurrentInfoAsync()).Json;
        var cut = await RenderAsAdminAsync();
        cut.FindAll("textarea")[0].Change("{ \"Rules\": [] }");

        ClickButton(cut, L["Rules.Revert"]);
        cut.WaitForElement(".mud-dialog");
        Assert.Contains(L["Rules.RevertQuestion"].Value, cut.Find(".mud-dialog").TextContent);
        ClickButton(cut, L["Common.Cancel"], ".mud-dialog");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.Equal("{ \"Rules\": [] }", Json(cut));

        ClickButton(cut, L["Rules.Revert"]);
        cut.WaitForElement(".mud-dialog");
        ClickButton(cut, L["Rules.Revert"], ".mud-dialog");
        cut.WaitForAssertion(() => Assert.Equal(stored, Json(cut)));
    }

    [Fact]
    public async Task Discarding_without_edits_does_not_ask()
    {
        var cut = await RenderAsAdminAsync();

        ClickButton(cut, L["Rules.Revert"]);

        Assert.Empty(cut.FindAll(".mud-dialog"));
    }
}
