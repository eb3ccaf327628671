using Bunit;
using Portal.Domain.Service;
using Portal.Features.Services;

namespace Portal.Tests.Features.Services;

public class ServiceMenuListTests() : PortalBunitContext("zh-CN")
{
    private static readonly DateTime Requested = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);

    private static MenuItemView Item(string code, MenuReason reason, MenuRequestView? open = null, string? package = null) =>
        new(code, "标题 " + code, "说明 " + code, ServiceTeam.Billing, 50, reason, package, open);

    private static ServiceMenuView Menu(IReadOnlyList<MenuItemView> items, params MenuRequestView[] requests) => new(Guid.NewGuid(), 1, items, requests);

    [Fact]
    public void Each_item_shows_its_reason_from_the_customers_own_numbers_in_chinese()
    {
        var menu = Menu([Item(ServiceCodes.TouSwitch, new MenuReason("ServiceMenu.Reason.Saving", 312m, PackageCode: "XJ-RES-TIER-TOU"), package: "居民阶梯+峰谷电价")]);

        var cut = Render<ServiceMenuList>(p => p.Add(c => c.Menu, menu));

        Assert.Equal("改用“居民阶梯+峰谷电价”，每年约可节省 ¥312.00。", cut.Find("[data-testid=menu-reason]").TextContent.Trim());
        Assert.Contains("申请", cut.Find("button").TextContent);
    }

    [Fact]
    public void A_reason_without_a_text_shows_no_reason_line()
    {
        var cut = Render<ServiceMenuList>(p => p.Add(c => c.Menu, Menu([Item("custom-service", new MenuReason("ServiceMenu.Reason.Generic"))])));
        Assert.Empty(cut.FindAll("[data-testid=menu-reason]"));
    }

    [Fact]
    public void An_open_request_replaces_the_button_with_its_date_and_status()
    {
        var open = new MenuRequestView(Guid.NewGuid(), ServiceCodes.EnergyAudit, "能效诊断", Requested, ServiceRequestStatus.Open, null, null);
        var menu = Menu([Item(ServiceCodes.EnergyAudit, new MenuReason("ServiceMenu.Reason.EnergyAudit"), open)], open);

        var cut = Render<ServiceMenuList>(p => p.Add(c => c.Menu, menu));

        var item = cut.Find("[data-testid=menu-item]");
        Assert.Empty(item.QuerySelectorAll("button"));
        Assert.Equal("已于 2026年12月1日 申请 · 处理中", item.QuerySelector("[data-testid=menu-requested]")!.TextContent.Trim());
    }

    [Fact]
    public void Request_hands_the_item_to_the_panel()
    {
        MenuItemView? asked = null;
        var menu = Menu([Item(ServiceCodes.AutoPay, new MenuReason("ServiceMenu.Reason.LatePayments", Count: 2))]);
        var cut = Render<ServiceMenuList>(p => p.Add(c => c.Menu, menu).Add(c => c.OnRequest, (MenuItemView i) => asked = i));

        cut.Find("button").Click();

        Assert.Equal(ServiceCodes.AutoPay, asked?.Code);
        Assert.Contains("近 12 个月您有 2 张账单逾期缴费。", cut.Markup);
    }

    [Fact]
    public void The_list_shows_the_top_five_until_the_customer_asks_for_all()
    {
        var items = Enumerable.Range(1, 7).Select(i => Item($"svc-{i}", new MenuReason("ServiceMenu.Reason.Generic"))).ToList();
        var showAll = false;
        var cut = Render<ServiceMenuList>(p => p.Add(c => c.Menu, Menu(items)).Add(c => c.OnShowAll, () => showAll = true));

        Assert.Equal(ServiceMenuList.Collapsed, cut.FindAll("[data-testid=menu-item]").Count);
        cut.FindAll("button").Single(b => b.TextContent.Contains("查看全部 7 项服务")).Click();
        Assert.True(showAll);

        cut.Render(p => p.Add(c => c.ShowAll, true));
        Assert.Equal(7, cut.FindAll("[data-testid=menu-item]").Count);
    }

    [Fact]
    public void Closed_requests_show_their_status_and_the_reason_or_result_given_to_the_customer()
    {
        var declined = new MenuRequestView(Guid.NewGuid(), ServiceCodes.SafetyInspection, "预约安全用电检查", Requested, ServiceRequestStatus.Declined,
            Requested.AddDays(1), "检查人员已排满，请 3 月再约。");
        var retired = new MenuRequestView(Guid.NewGuid(), ServiceCodes.EStatements, null, Requested, ServiceRequestStatus.Done, Requested.AddDays(2), "已开通。");

        var cut = Render<ServiceMenuList>(p => p.Add(c => c.Menu, Menu([], declined, retired)));

        Assert.Contains(L["ServiceMenu.Empty"].Value, cut.Markup);
        var rows = cut.FindAll("[data-testid=menu-request]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("未能受理：检查人员已排满，请 3 月再约。", rows[0].TextContent);
        Assert.Contains("未受理", rows[0].QuerySelector("[data-testid=menu-request-status]")!.TextContent);
        Assert.Contains(L["Service_e-statements"].Value, rows[1].TextContent);
        Assert.Contains("办理结果：已开通。", rows[1].TextContent);
    }
}
