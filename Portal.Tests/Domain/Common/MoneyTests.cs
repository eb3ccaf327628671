using Portal.Domain.Common;

namespace Portal.Tests.Domain.Common;

public class MoneyTests
{
    [Theory]
    [InlineData("1.005", "1.01")]
    [InlineData("1.004", "1.00")]
    [InlineData("-1.005", "-1.01")]
    [InlineData("2.675", "2.68")]
    public void Rounds_half_up_to_the_fen(string raw, string expected) =>
        Assert.Equal(decimal.Parse(expected), Money.Of(decimal.Parse(raw)).RoundToFen().Yuan);

    [Fact]
    public void Formats_invariantly_with_two_decimals() => Assert.Equal("12.30", Money.Of(12.3m).ToString());
}

public class MaskingTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("123", "***")]
    [InlineData("", "")]
    public void Masks_phone_numbers(string input, string expected) => Assert.Equal(expected, Masking.Phone(input));

    [Theory]
    [InlineData("张三丰", "张*丰")]
    [InlineData("李四", "李*")]
    public void Masks_names(string input, string expected) => Assert.Equal(expected, Masking.Name(input));
}
