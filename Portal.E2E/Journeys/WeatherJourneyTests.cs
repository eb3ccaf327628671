using System.Text;
using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// An admin uploads station temperatures on the weather data page, in both languages and on a phone: a file with bad
/// lines is refused whole with each line's problem; a valid one is imported and the region's coverage is listed.
/// </summary>
[Collection(PortalServerCollection.Name)]
public class WeatherJourneyTests(PortalServer server) : Browsing(server)
{
    [Theory]
    [InlineData("en-US", 1366, 900)]
    [InlineData("en-US", 390, 844)]
    [InlineData("zh-CN", 1366, 900)]
    [InlineData("zh-CN", 390, 844)]
    public async Task An_admin_imports_temperatures_and_sees_the_regions_coverage(string culture, int width, int height)
    {
        var size = width < 600 ? "phone" : "desktop";
        var zh = culture == "zh-CN";
        var page = await NewPageAsync(culture, width, height);
        await new LoginPage(page).SignInAsync(Server.InternalUrl, "admin@demo.local");
        await page.GotoAsync(Server.InternalUrl + "/backoffice/weather");
        await new ShellPage(page).WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = zh ? "气象数据" : "Weather data", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=weather-region][data-region=chengbei]")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");

        var yesterday = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd");
        var bad = $"region,date,mean_c\nchengbei,{yesterday},-8.5\nnowhere,{yesterday},3\nchengbei,2026-13-01,2\n";
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        var errors = page.GetByTestId("weather-errors");
        await Assertions.Expect(errors).ToBeVisibleAsync();
        await Assertions.Expect(errors).ToContainTextAsync("nowhere");
        await Assertions.Expect(errors).ToContainTextAsync(zh ? "未知的供电区域" : "Unknown supply region");
        await Assertions.Expect(errors).ToContainTextAsync("2026-13-01");
        await Assertions.Expect(page.GetByTestId("weather-result")).ToContainTextAsync(zh ? "未保存任何数据" : "Nothing was saved");
        await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"weather-refused-{culture}-{size}");

        var good = $"region,date,mean_c\nchengbei,{yesterday},-8.5\nchengnan,{yesterday},-7.9\n";
        // MudFileUpload adds a fresh input after each upload: the last one is live once Blazor has wired it.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('input[type=file]')].pop()?._blazorInputFileNextFileId !== undefined");
        await page.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "station.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(good) });
        var result = page.GetByTestId("weather-result");
        await Assertions.Expect(result).ToContainTextAsync(zh ? "已导入 2 天" : "Imported 2 days");
        await Assertions.Expect(errors).ToHaveCountAsync(0);
        var row = page.Locator("[data-testid=weather-region][data-region=chengbei]");
        await Assertions.Expect(row).ToContainTextAsync(zh ? "可用" : "Yes");
        await Assertions.Expect(page.GetByTestId("weather-stale")).ToHaveCountAsync(0);
        await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"weather-{culture}-{size}");
        await page.Context.CloseAsync();
    }
}
