using System.Security.Claims;
using Bunit;
using Portal.Features.Marketing;

namespace Portal.Tests.Features.Marketing;

/// <summary>The admin page over the real services of a seeded portal, in both languages.</summary>
[Collection(PortalCollection.Name)]
public class AssociationsPageTests(AssociationHost host) : Portal.Tests.Features.Usage.UsageBunitContext(s =>
    s.AddSingleton(host.Analysis)), IClassFixture<AssociationHost>
{
    private IRenderedComponent<AssociationsPage> RenderPage()
    {
        Authorization.SetAuthorized("admin@demo.local");
        Authorization.SetRoles(Portal.Data.Roles.Admin);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin-test"));
        Render<MudBlazor.MudPopoverProvider>();
        return Render<AssociationsPage>();
    }

    [Fact]
    public async Task Running_now_shows_the_rules_as_sentences_and_the_toggle_shows_every_tested_rule()
    {
        var cut = RenderPage();
        await cut.InvokeAsync(() => cut.FindAll("button").First(b => b.TextContent.Contains(L["Assoc.RunNow"].Value)).Click());
        cut.WaitForElement("[data-testid=assoc-run-summary]", TimeSpan.FromSeconds(20));

        var run = await host.Analysis.LatestRunAsync();
        var significant = cut.FindAll("[data-testid=assoc-rule]").Count;
        Assert.Equal(Math.Min(run!.RulesSignificant, AssociationAnalysisService.MaxRulesShown), significant);
        cut.Find("input[type=checkbox]").Change(true);
        cut.WaitForAssertion(() => Assert.Equal(Math.Min(run.RulesTested, AssociationAnalysisService.MaxRulesShown), cut.FindAll("[data-testid=assoc-rule]").Count));
        var first = cut.FindAll("[data-testid=assoc-rule]")[0];
        Assert.Contains("as often as others (95 % CI", first.TextContent);

        cut.FindAll("[data-testid=assoc-rule] button")[0].Click();
        cut.WaitForElement("[data-testid=assoc-targets]");
        Assert.Contains(L["Assoc.TargetsAudited"].Value, cut.Find("[data-testid=assoc-targets]").TextContent);
    }
}

[Collection(PortalCollection.Name)]
public class AssociationsPageChineseTests(AssociationHost host) : Portal.Tests.Features.Usage.UsageBunitContext(s =>
    s.AddSingleton(host.Analysis), "zh-CN"), IClassFixture<AssociationHost>
{
    [Fact]
    public async Task The_sentences_read_in_Chinese()
    {
        var runId = await host.Analysis.RunNowAsync(AssociationHost.Admin, AssociationHost.Loose with { MinConfidence = 0 });
        Assert.True(runId > 0);
        Authorization.SetAuthorized("admin@demo.local");
        Authorization.SetRoles(Portal.Data.Roles.Admin);
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<AssociationsPage>();
        cut.WaitForElement("[data-testid=assoc-run-summary]", TimeSpan.FromSeconds(10));
        cut.Find("input[type=checkbox]").Change(true);
        cut.WaitForAssertion(() => Assert.Contains("的比例是其他用户的", cut.FindAll("[data-testid=assoc-rule]")[0].TextContent));
        Assert.Contains("关联分析", cut.Markup);
    }
}
