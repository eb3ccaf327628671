using System.Xml.Linq;

namespace Portal.Tests.Features.Statements;

/// <summary>
/// The menu offers 电费账单 (bills) and 电费对账单 (statements) side by side; a household that reads 账单 on the statement
/// page cannot tell which of the two it is looking at, so each concept keeps its own word in every string.
/// </summary>
public class StatementWordingTests
{
    private static readonly string[] StatementKeys = ["Statement.", "Statements.", "StatementsAdmin.", "Nav.Statements"];
    private static readonly string[] BillKeys = ["Bill.", "Bills.", "BillChange.", "Nav.Bills", "Home."];

    [Fact]
    public void Chinese_statement_strings_call_a_statement_对账单_and_only_a_bill_电费账单()
    {
        var zh = Strings("SharedResource.zh-CN.resx");
        var statementStrings = zh.Where(s => StatementKeys.Any(s.Key.StartsWith)).ToList();
        Assert.NotEmpty(statementStrings);
        // What remains after taking out the two sanctioned words must not say 账单 on its own.
        var loose = statementStrings.Where(s => s.Value.Replace("对账单", "").Replace("电费账单", "").Contains("账单"))
            .Select(s => $"{s.Key}: {s.Value}").ToList();
        Assert.Empty(loose);
        Assert.Equal("电费对账单", zh["Statement.Title"]);
        Assert.Equal("电费对账单", zh["Nav.Statements"]);
        Assert.Equal("生成对账单", zh["Statements.Prepare"]);
    }

    [Fact]
    public void Bill_strings_never_call_a_bill_a_statement()
    {
        var zh = Strings("SharedResource.zh-CN.resx").Where(s => BillKeys.Any(s.Key.StartsWith) && s.Value.Contains("对账单"));
        var en = Strings("SharedResource.resx").Where(s => BillKeys.Any(s.Key.StartsWith) && s.Value.Contains("statement", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(zh.Concat(en).Select(s => s.Key));
    }

    [Fact]
    public void English_statement_strings_say_statement_where_they_mean_one()
    {
        var en = Strings("SharedResource.resx");
        Assert.Equal("Electricity statement", en["Statement.Title"]);
        Assert.Equal("Statements", en["Nav.Statements"]);
        Assert.Equal("Prepare statement", en["Statements.Prepare"]);
        Assert.StartsWith("No statements yet", en["Statements.Empty"]);
    }

    private static Dictionary<string, string> Strings(string file) =>
        XDocument.Load(Path.Combine(RepoRoot.Path, "Portal", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
}
