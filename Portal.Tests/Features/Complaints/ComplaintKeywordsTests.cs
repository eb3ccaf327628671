using Portal.Features.Complaints;

namespace Portal.Tests.Features.Complaints;

/// <summary>The analytics' keyword extractor on real complaint sentences: whole words, not character pairs.</summary>
public class ComplaintKeywordsTests
{
    private static readonly ComplaintKeywords Keywords = new();

    [Fact]
    public void A_service_complaint_yields_whole_words_and_none_of_the_pairs_across_word_boundaries()
    {
        var tokens = Keywords.Extractor.Tokenize("营业厅工作人员办理业务时态度冷淡，等候时间过长。");

        Assert.Contains("营业厅", tokens);
        Assert.Contains("工作人员", tokens);
        Assert.Contains("等候时间", tokens);
        Assert.DoesNotContain("厅工", tokens);
        Assert.DoesNotContain("作人", tokens);
        Assert.DoesNotContain("候时", tokens);
    }

    [Theory]
    [InlineData("昨晚小区停电三个小时，没有收到任何停电通知，冰箱里的东西都坏了。", "停电通知")]
    [InlineData("本月电费比上月高出一倍，家里用电习惯没有变化，请核实抄表数据。", "电费")]
    [InlineData("电能表屏幕不显示，怀疑电表故障，请派人检查。", "电能表")]
    [InlineData("晚上电压偏低，空调启动不了，灯光一直闪烁。", "电压偏低")]
    [InlineData("增容申请已经提交一个月了，还没有安排现场勘查。", "现场勘查")]
    [InlineData("配电箱有冒烟和焦糊味，担心起火，请尽快处理！", "配电箱")]
    public void The_utility_dictionary_keeps_its_terms_whole(string sentence, string term) =>
        Assert.Contains(term, Keywords.Extractor.Tokenize(sentence));

    [Fact]
    public void Stop_words_and_single_characters_are_not_keywords()
    {
        var tokens = Keywords.Extractor.Tokenize("我们家里一直没有电，已经三天了，希望尽快处理这个问题。");

        Assert.DoesNotContain("我们", tokens);
        Assert.DoesNotContain("一直", tokens);
        Assert.DoesNotContain("没有", tokens);
        Assert.DoesNotContain("希望", tokens);
        Assert.DoesNotContain("问题", tokens);
        Assert.All(tokens, t => Assert.True(t.Length >= 2, t));
    }

    [Fact]
    public void The_top_keywords_of_a_set_of_complaints_are_the_words_they_share()
    {
        var top = Keywords.Extractor.Top(
        [
            "小区又停电了，没有任何通知。",
            "今天停电两次，冰箱里的东西坏了。",
            "频繁停电，影响生意。",
            "电费比上月高很多，请核实抄表数据。",
            "本月电费异常，怀疑抄表错误。",
            "Power cut again on our street.",
        ], 3);

        Assert.Equal("停电", top[0].Term);
        Assert.Equal(2, top[0].Count);   // "频繁停电" is kept whole as its own term
        Assert.Equal(new Portal.Domain.Complaints.KeywordCount("电费", 2), top[1]);
    }
}
