using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>An admin enters a holiday period on the working calendar page, in both languages and on a phone, and sees it listed.</summary>
[Collection(PortalServerCollection.Name)]
public class CalendarJourneyTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("en-US", 1366, 900, "2028-03-13", "Test holiday")]
    [InlineData("en-US", 390, 844, "2028-03-20", "Test holiday")]
    [InlineData("zh-CN", 1366, 900, "2028-03-27", "测试假日")]
    [InlineData("zh-CN", 390, 844, "2028-04-10", "测试假日")]
    public async Task An_admin_adds_a_holiday_period_and_sees_it_in_the_year(string culture, int width, int height, string first, string name)
    {
        var size = width < 600 ? "phone" : "desktop";
        var zh = culture == "zh-CN";
        var admin = await NewPageAsync(culture, width, height);
        await new LoginPage(admin).SignInAsync(Server.InternalUrl, "admin@demo.local");
        await admin.GotoAsync(Server.InternalUrl + "/backoffice/calendar");
        await new ShellPage(admin).WaitForInteractiveAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = zh ? "工作日历" : "Working calendar", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("calendar-day").First).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(admin);
        await ScreenshotAsync(admin, $"calendar-{culture}-{size}");

        var form = admin.GetByTestId("calendar-add-holiday");
        await form.GetByLabel(zh ? "名称" : "Name").FillAsync(name);
        var date = form.GetByLabel(zh ? "放假第一天" : "First day off");
        await date.FillAsync(first);
        await date.PressAsync("Enter");
        await admin.Keyboard.PressAsync("Escape");
        await form.GetByLabel(zh ? "天数" : "Number of days").FillAsync("3");
        await form.GetByRole(AriaRole.Button, new() { Name = zh ? "添加假日" : "Add holiday" }).ClickAsync();

        var firstDay = DateOnly.ParseExact(first, "yyyy-MM-dd");
        foreach (var day in Enumerable.Range(0, 3).Select(i => firstDay.AddDays(i).ToString("yyyy-MM-dd")))
            await Assertions.Expect(admin.Locator($"[data-testid=calendar-day][data-date='{day}']")).ToContainTextAsync(name);
        await Assertions.Expect(admin.GetByTestId("calendar-error")).ToHaveCountAsync(0);
        await AssertNoHorizontalScrollAsync(admin);
        await ScreenshotAsync(admin, $"calendar-added-{culture}-{size}");
        await admin.Context.CloseAsync();
    }
}
