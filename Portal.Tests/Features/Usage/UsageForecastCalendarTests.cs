using Portal.Domain.Calendar;
using Portal.Domain.Usage;
using Portal.Features.Usage;

namespace Portal.Tests.Features.Usage;

/// <summary>The cycle forecast the usage page and the nightly refresh compute follows the portal's working calendar.</summary>
public class UsageForecastCalendarTests
{
    private static readonly IReadOnlyList<CalendarDay> Seed = ChinaPublicHolidays.Seed();

    // A business: 20 kWh Monday to Friday, 6 on Saturdays, 2 on Sundays; on a public holiday it uses a Saturday's 6,
    // on a make-up working day a weekday's 20.
    private static double Business(DateOnly d, WorkingCalendar calendar) =>
        calendar.IsWorkingDay(d) ? 20 : d.DayOfWeek == DayOfWeek.Sunday && !Seed.Any(c => c.Date == d) ? 2 : 6;

    [Fact]
    public void A_business_in_october_2026_is_forecast_with_the_national_day_week_off_and_the_make_up_saturday_worked()
    {
        var calendar = new WorkingCalendar(Seed);
        var october = new DateOnly(2026, 10, 1);
        var end = new DateOnly(2026, 10, 31);
        var history = Enumerable.Range(1, 120).Select(i => october.AddDays(-i)).Select(d => new DailyKwh(d, Business(d, calendar))).ToList();
        var forecast = Forecaster.Forecast(new ForecastRequest(october, end, october.AddDays(-1), history, Calendar: Seed))!;

        // 1–7 October (Thursday to Wednesday) are 国庆节 holidays: five weekdays at 6 instead of 20 (−70), Sunday 4 October
        // at 6 instead of 2 (+4); Saturday 10 October is a make-up working day at 20 instead of 6 (+14).
        var plain = Enumerable.Range(0, 31).Sum(i => october.AddDays(i).DayOfWeek switch { DayOfWeek.Saturday => 6, DayOfWeek.Sunday => 2, _ => 20 });
        Assert.Equal(plain - 70 + 4 + 14, forecast.Cycle.Kwh, 1);
        Assert.Equal(Enumerable.Range(0, 31).Sum(i => Business(october.AddDays(i), calendar)), forecast.Cycle.Kwh, 1);
    }
}
