using System.Text;
using Portal.E2E.Pages;

namespace Portal.E2E.Journeys;

/// <summary>
/// An admin uploads station temperatures on the weather data page, in both languages and on a phone: a file with bad
/// lines is refused whole with each line's problem; a valid one is imported and the region's coverage is listed; then
/// published normals: a file missing a day is refused, a full year is imported and the region lists it beside its
/// computed normals.
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
        // The demo's development zone plays a new region: 3 years of observations and published (synthetic, labelled) normals.
        var zone = page.Locator("[data-testid=weather-region][data-region=kaifaqu]").GetByTestId("weather-normals-source");
        await Assertions.Expect(zone).ToContainTextAsync(zh ? "发布值" : "Published");
        await Assertions.Expect(zone).ToContainTextAsync("演示合成数据");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=weather-observations] input[type=file]')?._blazorInputFileNextFileId !== undefined");

        var yesterday = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd");
        var bad = $"region,date,mean_c\nchengbei,{yesterday},-8.5\nnowhere,{yesterday},3\nchengbei,2026-13-01,2\n";
        await page.Locator("[data-testid=weather-observations] input[type=file]").SetInputFilesAsync(new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
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
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=weather-observations] input[type=file]')].pop()?._blazorInputFileNextFileId !== undefined");
        await page.Locator("[data-testid=weather-observations] input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "station.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(good) });
        var result = page.GetByTestId("weather-result");
        await Assertions.Expect(result).ToContainTextAsync(zh ? "已导入 2 天" : "Imported 2 days");
        await Assertions.Expect(errors).ToHaveCountAsync(0);
        var row = page.Locator("[data-testid=weather-region][data-region=chengbei]");
        await Assertions.Expect(row.GetByTestId("weather-normals-source")).ToContainTextAsync(zh ? "由实测计算" : "Computed");
        await Assertions.Expect(page.GetByTestId("weather-stale")).ToHaveCountAsync(0);
        await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"weather-{culture}-{size}");

        // Published normals: the source and period first, then a file missing 1 March (refused), then a full year.
        var normals = page.GetByTestId("weather-normals");
        await normals.Locator("input:not([type=file])").First.FillAsync("CMA 1991–2020");
        await normals.Locator("input:not([type=file])").First.PressAsync("Tab");
        var year = new StringBuilder("region,month_day,normal_c\n");
        for (var d = new DateOnly(2001, 1, 1); d.Year == 2001; d = d.AddDays(1))
            year.Append(System.Globalization.CultureInfo.InvariantCulture, $"chengbei,{d:MM-dd},{-12 + 20 * Math.Sin((d.DayOfYear - 105) / 365.0 * 2 * Math.PI):0.0}\n");
        var missing = string.Join('\n', year.ToString().Split('\n').Where(l => !l.StartsWith("chengbei,03-01,", StringComparison.Ordinal)));
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=weather-normals] input[type=file]')].pop()?._blazorInputFileNextFileId !== undefined");
        await normals.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "normals-bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(missing) });
        var normalsErrors = page.GetByTestId("weather-normals-errors");
        await Assertions.Expect(normalsErrors).ToContainTextAsync("chengbei: 1 (03-01");
        await Assertions.Expect(normalsErrors).ToContainTextAsync(zh ? "须覆盖全年 365 天" : "must give every day of the year");
        // A problem with the file as a whole is not counted as a line with problems.
        var refusedHeadline = page.GetByTestId("weather-normals-result");
        await Assertions.Expect(refusedHeadline).ToContainTextAsync(zh ? "文件未导入，未保存任何数据" : "The file was not imported. Nothing was saved");
        await Assertions.Expect(refusedHeadline).Not.ToContainTextAsync(zh ? "行存在问题" : "has problems");
        await AssertNoHorizontalScrollAsync(page);
        await ScreenshotAsync(page, $"weather-normals-refused-{culture}-{size}");

        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=weather-normals] input[type=file]')].pop()?._blazorInputFileNextFileId !== undefined");
        await normals.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "normals.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(year.ToString()) });
        await Assertions.Expect(page.GetByTestId("weather-normals-result")).ToContainTextAsync("CMA 1991–2020");
        await Assertions.Expect(normalsErrors).ToHaveCountAsync(0);
        // chengbei has 11 years of (demo) observations: its computed normals stay in use, the published ones are listed as held.
        var source = row.GetByTestId("weather-normals-source");
        await Assertions.Expect(source).ToContainTextAsync(zh ? "由实测计算" : "Computed");
        await Assertions.Expect(source).ToContainTextAsync(zh ? "另有发布值：CMA 1991–2020" : "Published held: CMA 1991–2020");
        await AssertNoHorizontalScrollAsync(page);
        // The coverage table fits the page, its last header ("Normals") included: no sideways scrolling of its region either.
        var overflow = await page.EvaluateAsync<int>("() => { const r = document.querySelector('[data-testid=weather-coverage]').closest('.pm-scroll-region'); return r.scrollWidth - r.clientWidth; }");
        Assert.True(overflow <= 0, $"the coverage table overflows its region by {overflow} px");
        await ScreenshotAsync(page, $"weather-normals-{culture}-{size}");
        await page.Context.CloseAsync();
    }
}
