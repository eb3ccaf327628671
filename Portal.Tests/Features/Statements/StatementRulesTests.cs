using Portal.Features.Statements;

namespace Portal.Tests.Features.Statements;

public class StatementRulesTests
{
    [Theory]
    [InlineData(30, 2976, true)]   // 1.008% of a 31-day month of quarter-hours
    [InlineData(29, 2976, false)]  // 0.97%
    [InlineData(0, 2976, false)]
    [InlineData(5, 0, false)]
    public void A_month_is_marked_estimated_on_the_chart_from_one_percent_of_estimated_or_missing_intervals(int estimatedOrMissing, int expected, bool marked)
    {
        Assert.Equal(marked, StatementIssuer.IsEstimated(estimatedOrMissing, expected));
    }

    [Theory]
    [InlineData("3301000000", 2026, 10, 1, "statement-3301000000-2026-10.pdf")]
    [InlineData("3301000000", 2026, 1, 2, "statement-3301000000-2026-01-r2.pdf")]
    public void The_file_name_carries_the_account_the_month_and_a_correction_revision(string account, int year, int month, int revision, string expected)
    {
        Assert.Equal(expected, StatementText.FileName(account, new DateOnly(year, month, 1), revision));
    }
}

public class IssueRunStateTests
{
    [Fact]
    public void The_progress_row_reads_back_into_its_counts()
    {
        var state = IssueRunState.Parse("2026-10 finished bills=40 issued=39 skipped=1 failed=0");
        Assert.Equal(new IssueRunState("2026-10", true, 40, 39, 1, 0), state);
        Assert.False(IssueRunState.Parse("2026-10 running bills=40 issued=3 skipped=0 failed=0")!.Finished);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-10 finished bills=40 issued=x skipped=1 failed=0")]
    [InlineData("2026-10 finished bills=40 issued=39")]
    public void A_malformed_progress_row_reads_as_nothing(string? text)
    {
        Assert.Null(IssueRunState.Parse(text));
    }
}
