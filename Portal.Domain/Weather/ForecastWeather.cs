using Portal.Domain.Accounts;

namespace Portal.Domain.Weather;

/// <summary>Which accounts' forecasts are given their region's temperatures (docs/adr/0006-forecasting.md, "Fourth round").</summary>
public static class ForecastWeather
{
    /// <summary>
    /// Business and large-industrial accounts only. On held-out real meters the weather term took the business
    /// accounts' gain over the best naive forecast from 5.9 / 8.1 / 10.3 % to 7.4 / 10.2 / 11.1 % (7 / 14 / 21 days);
    /// given to households too it did harm (4.4 / 4.6 / 0.1 %): a household's fitted "heating" slope was mostly the
    /// seasonal swing of lighting and occupancy. Whether Chinese households with electric heating or air conditioning
    /// should get it is a question for Chinese meters.
    /// </summary>
    public static bool AppliesTo(CustomerType type) => type is CustomerType.Business or CustomerType.LargeIndustrial;
}
