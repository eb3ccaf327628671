using Portal.Domain.Weather;
using Xunit;

namespace Portal.Tests.Domain.Weather;

public class TemperatureImportTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly string[] Regions = ["chengbei", "chengnan"];

    private static TemperatureFile Parse(params string[] lines) => TemperatureImport.Parse(lines, Regions, Today);

    [Theory]
    [InlineData(-60.0, null)]
    [InlineData(-60.1, TemperatureImport.ErrorRange)]
    [InlineData(60.0, null)]
    [InlineData(60.1, TemperatureImport.ErrorRange)]
    [InlineData(double.NaN, TemperatureImport.ErrorNumber)]
    [InlineData(double.PositiveInfinity, TemperatureImport.ErrorNumber)]
    public void A_daily_mean_is_accepted_from_minus_60_to_plus_60_degrees(double meanC, string? error)
    {
        Assert.Equal(error, TemperatureImport.CheckTemperature(meanC));
    }

    [Fact]
    public void Today_is_accepted_and_tomorrow_is_in_the_future()
    {
        Assert.Null(TemperatureImport.CheckDate(Today, Today));
        Assert.Equal(TemperatureImport.ErrorFuture, TemperatureImport.CheckDate(Today.AddDays(1), Today));
    }

    [Fact]
    public void A_date_30_years_back_is_accepted_and_one_day_older_is_not()
    {
        Assert.Null(TemperatureImport.CheckDate(Today.AddYears(-30), Today));
        Assert.Equal(TemperatureImport.ErrorTooOld, TemperatureImport.CheckDate(Today.AddYears(-30).AddDays(-1), Today));
    }

    [Fact]
    public void A_known_region_is_matched_ignoring_case_and_spaces_and_an_unknown_one_is_not()
    {
        Assert.Equal("chengbei", TemperatureImport.KnownRegion(" ChengBei ", Regions));
        Assert.Null(TemperatureImport.KnownRegion("beijing", Regions));
    }

    [Fact]
    public void A_valid_file_with_a_header_gives_its_rows_in_the_accounts_spelling()
    {
        var file = Parse("\uFEFFregion,date,mean_c", "CHENGBEI,2026-12-01,-3.5", "", "chengnan,2026-12-01,1");

        Assert.True(file.IsValid);
        Assert.Equal([new RegionTemperature("chengbei", new DateOnly(2026, 12, 1), -3.5), new RegionTemperature("chengnan", new DateOnly(2026, 12, 1), 1)], file.Rows);
    }

    [Fact]
    public void A_file_without_a_header_is_read_from_its_first_line()
    {
        Assert.Single(Parse("chengbei,2026-12-01,2").Rows);
    }

    [Fact]
    public void One_bad_line_refuses_the_whole_file_and_every_problem_names_its_line()
    {
        var file = Parse(
            "region,date,mean_c",
            "chengbei,2026-12-01,2",        // 2: fine
            "beijing,2026-12-01,2",         // 3: unknown region
            "chengbei,01/12/2026,2",        // 4: not ISO
            "chengbei,2026-12-08,2",        // 5: tomorrow
            "chengbei,2026-12-02,warm",     // 6: not a number
            "chengbei,2026-12-03,61",       // 7: out of range
            "chengbei,2026-12-04,12,5",     // 8: decimal comma = four fields
            "chengbei,2026-12-01,3",        // 9: duplicate of line 2
            "chengbei,2026-12-05,1e1");     // 10: no exponents

        Assert.False(file.IsValid);
        Assert.Empty(file.Rows);
        Assert.Equal(
            [(3, TemperatureImport.ErrorRegion), (4, TemperatureImport.ErrorDate), (5, TemperatureImport.ErrorFuture), (6, TemperatureImport.ErrorNumber),
             (7, TemperatureImport.ErrorRange), (8, TemperatureImport.ErrorFieldCount), (9, TemperatureImport.ErrorDuplicate), (10, TemperatureImport.ErrorNumber)],
            file.Errors.Select(e => (e.Line, e.Code)));
        Assert.Equal("chengbei 2026-12-01 (2)", file.Errors.Single(e => e.Code == TemperatureImport.ErrorDuplicate).Value);
        Assert.Equal("beijing", file.Errors[0].Value);
    }

    [Fact]
    public void A_NaN_text_is_not_a_temperature()
    {
        Assert.Equal(TemperatureImport.ErrorNumber, Parse("chengbei,2026-12-01,NaN").Errors.Single().Code);
    }

    [Fact]
    public void An_empty_file_or_a_header_alone_is_refused()
    {
        Assert.Equal(TemperatureImport.ErrorEmpty, Parse().Errors.Single().Code);
        Assert.Equal(TemperatureImport.ErrorEmpty, Parse("region,date,mean_c").Errors.Single().Code);
    }

    [Fact]
    public void At_most_200_errors_are_listed()
    {
        var lines = Enumerable.Range(0, 500).Select(_ => "nowhere,2026-12-01,1").ToArray();

        Assert.Equal(TemperatureImport.MaxErrors, Parse(lines).Errors.Count);
    }

    [Theory]
    [InlineData("chengbei,2026-12-01,2", false)]
    [InlineData("chengbei,2026-12-01,2,", false)]
    [InlineData("chengbei,2026-12-01,2,observed", false)]
    [InlineData("chengbei,2026-12-01,2, Estimated ", true)]
    [InlineData("chengbei,2026-12-01,2,estimated", true)]
    public void The_quality_column_is_optional_and_says_observed_or_estimated(string line, bool estimated)
    {
        var file = Parse(TemperatureImport.HeaderWithQuality, line);

        Assert.True(file.IsValid);
        Assert.Equal(estimated, file.Rows.Single().Estimated);
    }

    [Fact]
    public void Any_other_quality_is_a_line_error_and_a_number_there_is_a_decimal_comma()
    {
        var file = Parse("chengbei,2026-12-01,2,guessed", "chengbei,2026-12-02,2,5", "chengbei,2026-12-03,2,estimated,x");

        Assert.Equal([(1, TemperatureImport.ErrorQuality), (2, TemperatureImport.ErrorFieldCount), (3, TemperatureImport.ErrorFieldCount)],
            file.Errors.Select(e => (e.Line, e.Code)));
        Assert.Equal("guessed", file.Errors[0].Value);
    }
}
