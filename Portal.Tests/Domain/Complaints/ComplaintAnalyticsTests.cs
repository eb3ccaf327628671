using Portal.Domain.Complaints;
using Xunit;
using static Portal.Tests.Domain.Complaints.ComplaintTestData;

namespace Portal.Tests.Domain.Complaints;

public class ComplaintAnalyticsTests
{
    private static readonly DateTime Due = new(2026, 3, 11, 10, 0, 0);

    private static ComplaintFacts Facts(DateTime? contactedAt = null, DateTime? firstResolvedAt = null, int reopens = 0,
        DateTime? submittedAt = null, DateTime? repliedAt = null, string description = "") =>
        new(submittedAt ?? Tuesday10, Due, contactedAt, Due.AddDays(8), repliedAt, contactedAt, firstResolvedAt, reopens,
            ComplaintStatus.Routed, description);

    [Fact]
    public void Contact_compliance_counts_on_time_late_and_missed_but_not_pending()
    {
        var now = Due.AddHours(1);
        var rate = ComplaintAnalytics.ContactCompliance(
        [
            Facts(contactedAt: Due),               // on the deadline: met
            Facts(contactedAt: Due.AddMinutes(1)), // late
            Facts(),                               // missed: deadline passed, no contact
            Facts() with { ContactDueAt = now.AddHours(1) }, // still pending: not counted
        ], now);
        Assert.Equal(new Rate(1, 3), rate);
        Assert.Equal(0.3333m, rate.Value);
    }

    [Fact]
    public void Answer_compliance_uses_the_reply_time()
    {
        var rate = ComplaintAnalytics.AnswerCompliance([Facts(repliedAt: Due), Facts(repliedAt: Due.AddDays(9))], Due.AddDays(10));
        Assert.Equal(new Rate(1, 2), rate);
    }

    [Fact]
    public void A_rate_with_nothing_measured_has_no_value() =>
        Assert.Null(ComplaintAnalytics.ContactCompliance([], Due).Value);

    [Fact]
    public void The_reopen_rate_is_over_resolved_complaints_only()
    {
        var rate = ComplaintAnalytics.ReopenRate([Facts(firstResolvedAt: Due, reopens: 2), Facts(firstResolvedAt: Due), Facts(), Facts(reopens: 1)]);
        Assert.Equal(new Rate(1, 2), rate);
        Assert.Equal(0.5m, rate.Value);
    }

    [Fact]
    public void Median_and_p90_interpolate_between_ranks()
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5.5, ComplaintAnalytics.Percentile(values, 0.5), 10);
        Assert.Equal(9.1, ComplaintAnalytics.Percentile(values, 0.9), 10);
        Assert.Equal(3, ComplaintAnalytics.Percentile([3], 0.9));
    }

    [Fact]
    public void Time_to_first_contact_in_clock_hours()
    {
        var stats = ComplaintAnalytics.TimeToFirstContact(
            [Facts(contactedAt: Tuesday10.AddHours(1)), Facts(contactedAt: Tuesday10.AddHours(3)), Facts()], DurationBasis.ClockHours);
        Assert.Equal(new DurationStats(DurationBasis.ClockHours, 2, 2.0, 2.8), stats);
    }

    [Fact]
    public void Working_hours_leave_out_the_weekend()
    {
        var friday = new DateTime(2026, 3, 13, 16, 30, 0);
        var facts = Facts(submittedAt: friday, firstResolvedAt: new DateTime(2026, 3, 16, 9, 30, 0));
        Assert.Equal(2.0, ComplaintAnalytics.TimeToResolution([facts], DurationBasis.WorkingHours, ChinaCalendar).MedianHours);
        Assert.Equal(65.0, ComplaintAnalytics.TimeToResolution([facts], DurationBasis.ClockHours).MedianHours);
    }

    [Fact]
    public void Working_hour_statistics_require_a_calendar() =>
        Assert.Throws<ArgumentNullException>(() => ComplaintAnalytics.TimeToResolution([Facts(firstResolvedAt: Due)], DurationBasis.WorkingHours));

    [Fact]
    public void No_resolved_complaints_give_empty_statistics() =>
        Assert.Equal(new DurationStats(DurationBasis.ClockHours, 0, null, null),
            ComplaintAnalytics.TimeToResolution([Facts()], DurationBasis.ClockHours));

    [Fact]
    public void Facts_taken_from_a_complaint_reflect_its_history()
    {
        var facts = Resolved().ToFacts();
        Assert.Equal(Tuesday10.AddHours(2), facts.FirstContactAt);
        Assert.Equal(Tuesday10.AddHours(5), facts.FirstResolvedAt);
        Assert.Equal(ComplaintStatus.Resolved, facts.Status);
    }
}

public class KeywordExtractorTests
{
    [Fact]
    public void Latin_text_becomes_lower_case_words_without_stop_words_or_numbers() =>
        Assert.Equal(["meter", "broken", "since", "march"], KeywordExtractor.Default.Tokenize("The METER is broken since 12 March"));

    [Fact]
    public void Chinese_text_becomes_bigrams_cut_at_stop_characters() =>
        // 的 and 了 split the runs: 电表 / 坏 (a lone character is dropped) / 三天
        Assert.Equal(["电表", "三天"], KeywordExtractor.Default.Tokenize("电表的坏了三天"));

    [Fact]
    public void Mixed_text_is_split_between_scripts() =>
        Assert.Equal(["app", "缴费", "费失", "失败"], KeywordExtractor.Default.Tokenize("APP缴费失败"));

    [Fact]
    public void Top_keywords_count_each_complaint_once_and_break_ties_by_ordinal_order()
    {
        var top = KeywordExtractor.Default.Top(["停电停电停电", "又停电", "voltage low", "Voltage flicker"], 2);
        Assert.Equal([new KeywordCount("voltage", 2), new KeywordCount("停电", 2)], top);
    }

    [Fact]
    public void Stop_words_are_configurable()
    {
        var extractor = new KeywordExtractor(["meter"], "");
        Assert.Equal(["the", "broken"], extractor.Tokenize("the meter broken"));
    }
}
