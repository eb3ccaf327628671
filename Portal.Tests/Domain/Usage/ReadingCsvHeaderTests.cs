using Portal.Domain.Usage;

namespace Portal.Tests.Domain.Usage;

public class ReadingCsvHeaderTests
{
    [Theory]
    [InlineData("account,timestamp,kwh")]
    [InlineData("account,timestamp,kwh,kvarh")]
    [InlineData("account,timestamp,kwh,kvarh,kw")]
    [InlineData("ACCOUNT, Timestamp ,KWH")]
    [InlineData("\uFEFFaccount,timestamp,kwh")]
    public void The_expected_columns_in_order_are_a_header(string line) =>
        Assert.Equal(ReadingCsvHeader.Kind.Header, ReadingCsvHeader.Classify(line.Split(',')));

    [Theory]
    [InlineData("0100000002,2025-03-01 00:00,0.25")]
    [InlineData("0100000002, 2025-03-01T00:00Z,abc")]
    [InlineData("unknown,2025-03-01 00:00")]
    public void A_line_whose_second_field_starts_with_a_digit_is_data(string line) =>
        Assert.Equal(ReadingCsvHeader.Kind.Data, ReadingCsvHeader.Classify(line.Split(',')));

    [Theory]
    [InlineData("meter_id,timestamp,kwh")]            // the real-meter data set's layout: meters are not accounts
    [InlineData("account,timestamp")]                 // too few columns
    [InlineData("account,timestamp,kwh,kw")]          // kw without kvarh before it
    [InlineData("account,timestamp,kwh,kvarh,kw,x")]  // too many
    [InlineData("account,kwh,timestamp")]             // out of order
    [InlineData("0100000002,yesterday,0.25")]         // neither header nor a readable row
    [InlineData("")]
    public void Anything_else_on_the_first_line_is_wrong(string line) =>
        Assert.Equal(ReadingCsvHeader.Kind.Wrong, ReadingCsvHeader.Classify(line.Length == 0 ? [] : line.Split(',')));

    [Fact]
    public void A_long_offending_value_is_shortened_to_the_sample_length()
    {
        var sample = RejectedRow.Sample(new string('x', 100));
        Assert.Equal(RejectedRow.MaxSampleLength, sample.Length);
        Assert.EndsWith("…", sample);
        Assert.Equal(new string('x', RejectedRow.MaxSampleLength), RejectedRow.Sample(new string('x', RejectedRow.MaxSampleLength)));
    }
}
