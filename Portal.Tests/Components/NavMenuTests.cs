using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using Portal.Components.Layout;
using Portal.Infrastructure.Security;

namespace Portal.Tests.Components;

/// <summary>
/// The side menu renders MudNavLink's markup itself (one component per link, issue 9): links, icons, the active link and
/// the drawer closing after a click at phone width must behave as they did with MudNavLink.
/// </summary>
public class NavMenuTests() : Portal.Tests.Features.Usage.UsageBunitContext(_ => { })
{
    private IRenderedComponent<CascadingValue<EndpointKind>> RenderMenu(EndpointKind kind, DrawerVariant variant, Action<bool>? openChanged = null, params string[] roles)
    {
        Authorization.SetAuthorized("someone@demo.local");
        Authorization.SetRoles(roles);
        return Render<CascadingValue<EndpointKind>>(p => p.Add(x => x.Value, kind).AddChildContent<MudDrawer>(d => d
            .Add(x => x.Open, true).Add(x => x.Variant, variant).Add(x => x.OpenChanged, openChanged ?? (_ => { }))
            .AddChildContent<NavMenu>()));
    }

    [Fact]
    public void A_customer_sees_every_customer_link_with_its_icon_and_text_in_one_component_each()
    {
        var cut = RenderMenu(EndpointKind.Public, DrawerVariant.Responsive, roles: Portal.Data.Roles.Customer);

        var links = cut.FindAll("nav .mud-nav-item > a.mud-nav-link");
        Assert.Equal(["/", "/accounts", "/usage", "/bills", "/statements", "/tariffs", "/credit", "/hazards", "/activities", "/complaints"],
            links.Select(a => a.GetAttribute("href")));
        Assert.All(links, a => Assert.NotNull(a.QuerySelector("svg.mud-nav-link-icon[aria-hidden=true] > *")));
        Assert.Equal(L["Nav.Usage"].Value, links[2].QuerySelector(".mud-nav-link-text")!.TextContent);
        Assert.Empty(cut.FindComponents<MudNavLink>());
        Assert.Empty(cut.FindComponents<Microsoft.AspNetCore.Components.Routing.NavLink>());   // plain anchors: no component per link
    }

    [Fact]
    public void The_link_of_the_current_page_is_active_and_home_only_matches_exactly()
    {
        Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().NavigateTo("/usage/7c9e6679-7425-40de-944b-e07fc1f90ae7");
        var cut = RenderMenu(EndpointKind.Public, DrawerVariant.Responsive, roles: Portal.Data.Roles.Customer);

        var active = cut.FindAll("a.mud-nav-link.active");
        Assert.Equal("/usage", Assert.Single(active).GetAttribute("href"));
        Assert.Equal("page", active[0].GetAttribute("aria-current"));
    }

    [Fact]
    public void After_navigating_the_new_page_link_is_active_and_the_old_one_no_longer()
    {
        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        navigation.NavigateTo("/bills");
        var cut = RenderMenu(EndpointKind.Public, DrawerVariant.Responsive, roles: Portal.Data.Roles.Customer);
        Assert.Equal("/bills", cut.Find("a.mud-nav-link.active").GetAttribute("href"));

        navigation.NavigateTo("/tariffs?tab=compare");

        cut.WaitForAssertion(() => Assert.Equal("/tariffs", Assert.Single(cut.FindAll("a.mud-nav-link.active")).GetAttribute("href")));
        Assert.Null(cut.Find("a.mud-nav-link[href='/bills']").GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("/usage", "/usage", NavLinkMatch.Prefix, true)]
    [InlineData("/usage", "/usage/7c9e6679", NavLinkMatch.Prefix, true)]
    [InlineData("/usage", "/Usage/", NavLinkMatch.Prefix, true)]
    [InlineData("/usage", "/usagex", NavLinkMatch.Prefix, false)]
    [InlineData("/usage", "/bills", NavLinkMatch.Prefix, false)]
    [InlineData("/", "/", NavLinkMatch.All, true)]
    [InlineData("/", "/usage", NavLinkMatch.All, false)]
    [InlineData("/backoffice", "/backoffice/hazards", NavLinkMatch.All, false)]
    public void A_link_is_active_as_nav_link_decides(string href, string path, NavLinkMatch match, bool active) =>
        Assert.Equal(active, NavMenu.IsActive(href, path, match));

    [Fact]
    public void Following_a_link_closes_a_drawer_that_covers_the_page()
    {
        var closed = false;
        var cut = RenderMenu(EndpointKind.Public, DrawerVariant.Temporary, open => closed = !open, Portal.Data.Roles.Customer);

        cut.Find("a.mud-nav-link[href='/bills']").Click();

        Assert.True(closed);
    }

    [Fact]
    public void Following_a_link_leaves_a_persistent_drawer_open()
    {
        var closed = false;
        var cut = RenderMenu(EndpointKind.Public, DrawerVariant.Persistent, open => closed = !open, Portal.Data.Roles.Customer);

        cut.Find("a.mud-nav-link[href='/bills']").Click();

        Assert.False(closed);
    }

    [Fact]
    public void The_intranet_menu_keeps_the_administration_group_for_an_admin()
    {
        var cut = RenderMenu(EndpointKind.Internal, DrawerVariant.Responsive, roles: [Portal.Data.Roles.ComplaintHandler, Portal.Data.Roles.Admin]);

        var hrefs = cut.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/backoffice/complaints", hrefs);
        Assert.Contains("/backoffice/audit", hrefs);
        Assert.Contains("/backoffice/marketing/associations", hrefs);
        Assert.Empty(cut.FindAll("a.mud-nav-link[href='/usage']"));
        Assert.NotNull(cut.Find("nav.mud-nav-group button[aria-expanded=true]"));
    }
}
