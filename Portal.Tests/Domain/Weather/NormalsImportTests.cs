using System.Globalization;
using Portal.Domain.Weather;
using Xunit;

namespace Portal.Tests.Domain.Weather;

public class NormalsImportTests
{
    private static readonly string[] Regions = ["chengbei", "chengnan"];

    /// <summary>A region's 365 lines of a common year at <paramref name="normalC"/>, optionally with 29 February.</summary>
    private static IEnumerable<string> Year(string region, double normalC = 1.5, bool leapDay = false)
    {
        foreach (var (m, d) in NormalsImport.CommonYearDays())
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{region},{m:00}-{d:00},{normalC}");
            if (leapDay && (m, d) == (2, 28)) yield return string.Create(CultureInfo.InvariantCulture, $"{region},02-29,{normalC}");
        }
    }

    private static NormalsFile Parse(IEnumerable<string> lines) => NormalsImport.Parse(lines, Regions);

    /// <summary>A full year for chengbei with its 15 January line (line 16 after the header) replaced.</summary>
    private static NormalsFile WithJanuary15(string line) =>
        Parse(new[] { NormalsImport.Header }.Concat(Year("chengbei").Select(l => l.StartsWith("chengbei,01-15,", StringComparison.Ordinal) ? line : l)));

    [Fact]
    public void A_full_year_for_each_region_named_is_taken()
    {
        var file = Parse(new[] { NormalsImport.Header }.Concat(Year("chengbei")).Concat(Year("CHENGNAN ")));

        Assert.True(file.IsValid);
        Assert.Equal(730, file.Rows.Count);
        Assert.Equal(["chengbei", "chengnan"], file.Rows.Select(r => r.Region).Distinct());
    }

    [Fact]
    public void The_29th_of_February_may_be_given_or_left_out()
    {
        Assert.True(Parse(Year("chengbei", leapDay: true)).IsValid);
        Assert.Equal(366, Parse(Year("chengbei", leapDay: true)).Rows.Count);
        Assert.True(Parse(Year("chengbei")).IsValid);
    }

    [Fact]
    public void A_region_missing_one_day_is_refused_naming_the_region_the_count_and_the_first_missing_day()
    {
        var file = Parse(Year("chengbei").Where(l => !l.Contains(",03-01,", StringComparison.Ordinal)));

        Assert.False(file.IsValid);
        Assert.Empty(file.Rows);
        var error = Assert.Single(file.Errors);
        Assert.Equal((0, NormalsImport.ErrorIncomplete, "chengbei: 1 (03-01 …)"), (error.Line, error.Code, error.Value));
    }

    [Theory]
    [InlineData("-60", null)]
    [InlineData("-60.1", TemperatureImport.ErrorRange)]
    [InlineData("60", null)]
    [InlineData("60.1", TemperatureImport.ErrorRange)]
    [InlineData("cold", TemperatureImport.ErrorNumber)]
    [InlineData("1e1", TemperatureImport.ErrorNumber)]
    public void A_normal_is_accepted_from_minus_60_to_plus_60_degrees(string normal, string? error)
    {
        var file = WithJanuary15("chengbei,01-15," + normal);

        Assert.Equal(error, file.Errors.SingleOrDefault()?.Code);
        if (error is not null) Assert.Equal(16, file.Errors.Single().Line);
    }

    [Theory]
    [InlineData("02-29", 2, 29)]
    [InlineData("01-31", 1, 31)]
    [InlineData("04-30", 4, 30)]
    [InlineData("12-31", 12, 31)]
    [InlineData("01-01", 1, 1)]
    public void A_real_calendar_day_is_a_month_day(string text, int month, int day)
    {
        Assert.Equal((month, day), NormalsImport.ParseMonthDay(text));
    }

    [Theory]
    [InlineData("02-30")]
    [InlineData("04-31")]
    [InlineData("13-01")]
    [InlineData("00-10")]
    [InlineData("01-00")]
    [InlineData("01-32")]
    [InlineData("1-15")]
    [InlineData("01/15")]
    [InlineData("2026-01-15")]
    public void Anything_else_is_not_a_month_day(string text)
    {
        Assert.Null(NormalsImport.ParseMonthDay(text));
    }

    [Fact]
    public void A_bad_day_an_unknown_region_a_duplicate_and_a_wrong_field_count_each_name_their_line()
    {
        var lines = new List<string> { NormalsImport.Header };
        lines.AddRange(Year("chengbei"));
        lines.Add("chengbei,02-30,1");     // 367: no such day
        lines.Add("beijing,01-15,1");      // 368: unknown region
        lines.Add("chengbei,01-15,2");     // 369: duplicate of line 16
        lines.Add("chengbei,01-16,2,5");   // 370: decimal comma = four fields

        var file = Parse(lines);

        Assert.Empty(file.Rows);
        Assert.Equal([(367, NormalsImport.ErrorDay), (368, TemperatureImport.ErrorRegion), (369, NormalsImport.ErrorDuplicate), (370, NormalsImport.ErrorFieldCount)],
            file.Errors.Select(e => (e.Line, e.Code)));
        Assert.Equal("chengbei 01-15 (16)", file.Errors[2].Value);
    }

    [Fact]
    public void An_empty_file_or_a_header_alone_is_refused()
    {
        Assert.Equal(TemperatureImport.ErrorEmpty, Parse([]).Errors.Single().Code);
        Assert.Equal(TemperatureImport.ErrorEmpty, Parse([NormalsImport.Header]).Errors.Single().Code);
    }

    [Fact]
    public void The_source_and_period_must_be_given_and_at_most_100_characters()
    {
        Assert.Null(NormalsImport.CheckPeriod("CMA 1991–2020"));
        Assert.Null(NormalsImport.CheckPeriod(new string('x', 100)));
        Assert.Equal(NormalsImport.ErrorPeriod, NormalsImport.CheckPeriod(new string('x', 101)));
        Assert.Equal(NormalsImport.ErrorPeriod, NormalsImport.CheckPeriod("  "));
        Assert.Equal(NormalsImport.ErrorPeriod, NormalsImport.CheckPeriod(null));
    }
}
