using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Portal.Features.Calendar;
using Portal.Tests.Features.Complaints;

namespace Portal.Tests.Features.Calendar;

/// <summary>The calendar page over a running portal, as an admin: the year view, the warning, a refused entry.</summary>
[Collection(PortalCollection.Name)]
public class CalendarPageTests : PortalBunitContext, IClassFixture<PortalHost>
{
    private readonly PortalHost _host;

    public CalendarPageTests(PortalHost host)
    {
        _host = host;
        Services.AddFallbackServiceProvider(host.Services.CreateScope().ServiceProvider);
    }

    private async Task<IRenderedComponent<ContainerFragment>> RenderAsAdminAsync()
    {
        var admin = await _host.UserAsync("admin@demo.local");
        var cut = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(1);
            b.CloseComponent();
            b.OpenComponent<CascadingValue<Task<AuthenticationState>>>(2);
            b.AddAttribute(3, "Value", Task.FromResult(new AuthenticationState(admin)));
            b.AddAttribute(4, "ChildContent", (RenderFragment)(c => { c.OpenComponent<CalendarPage>(0); c.CloseComponent(); }));
            b.CloseComponent();
        });
        cut.WaitForElement("[data-testid=calendar-add-holiday]");
        return cut;
    }

    [Fact]
    public async Task The_page_lists_a_years_holidays_and_says_whether_the_year_is_official()
    {
        var admin = _host.Service<CalendarAdminService>();
        var cut = await RenderAsAdminAsync();
        var year = admin.Today.Month >= 11 ? admin.Today.Year + 1 : admin.Today.Year;
        var view = await admin.YearAsync(year);

        cut.WaitForAssertion(() => Assert.Equal(view.Days.Count, cut.FindAll("[data-testid=calendar-day]").Count));
        Assert.Equal(view.IsOfficial ? L["Calendar.Official"].Value : L["Calendar.Provisional"].Value, cut.Find("[data-testid=calendar-status]").TextContent.Trim());
        Assert.Contains("within a minute.", cut.Find("[data-testid=calendar-effect]").TextContent);
        if (view.Days.Count > 0) Assert.Contains(view.Days[0].Name, cut.Find("[data-testid=calendar-days]").TextContent);
    }

    [Fact]
    public async Task The_coming_years_missing_notice_is_shown_from_november()
    {
        var admin = _host.Service<CalendarAdminService>();
        var expected = await admin.YearNeedingNoticeAsync();
        var cut = await RenderAsAdminAsync();

        if (expected is { } y) cut.WaitForAssertion(() => Assert.Equal(L["Calendar.Notice", y].Value, cut.Find("[data-testid=calendar-notice]").TextContent.Trim()));
        else Assert.Empty(cut.FindAll("[data-testid=calendar-notice]"));
    }

    [Fact]
    public async Task A_make_up_day_on_a_weekday_is_refused_with_the_reason_and_nothing_stored()
    {
        var cut = await RenderAsAdminAsync();
        var wednesday = new DateOnly(2028, 9, 13);
        // The form's inputs in order: name, date.
        cut.FindAll("[data-testid=calendar-add-makeup] input")[0].Change("国庆节");
        cut.FindAll("[data-testid=calendar-add-makeup] input")[1].Change("2028-09-13");

        cut.FindAll("[data-testid=calendar-add-makeup] button").First(b => b.TextContent.Contains(L["Calendar.AddMakeUpButton"].Value)).Click();

        cut.WaitForAssertion(() => Assert.Equal(L["Calendar.MakeUpDayNotWeekend"].Value, cut.Find("[data-testid=calendar-error]").TextContent.Trim()));
        await using var db = await _host.Db.CreateDbContextAsync();
        Assert.False(await db.Set<CalendarDayRow>().AnyAsync(d => d.Date == wednesday));
    }
}
