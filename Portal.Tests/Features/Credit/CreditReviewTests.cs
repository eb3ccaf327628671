using Microsoft.EntityFrameworkCore;
using Portal.Domain.Credit;
using Portal.Features.Credit;

namespace Portal.Tests.Features.Credit;

/// <summary>The review job against the real app and its seeded SQLite database.</summary>
[Collection(PortalCollection.Name)]
public class CreditReviewTests(PortalHost host) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task A_fresh_database_gives_every_account_a_tier_and_a_ledger_that_explains_its_score()
    {
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.CreditPolicyVersions.CountAsync(v => v.Status == PolicyStatus.Published));
        var accounts = await db.Accounts.CountAsync();
        var states = await db.CreditStates.Include(s => s.Events).AsSplitQuery().ToListAsync();
        Assert.Equal(accounts, states.Count);
        foreach (var s in states)
            Assert.Equal(s.CurrentScore, s.Events.Sum(e => e.PointsDelta));
        Assert.True(states.Select(s => s.CurrentTier).Distinct().Count() >= 2, "the demo should show more than one tier");
    }

    [Fact]
    public async Task Running_the_review_again_the_same_day_adds_nothing_and_changes_no_tier()
    {
        var job = host.Services.GetRequiredService<CreditReviewJob>();
        await using var db = await host.Db.CreateDbContextAsync();
        var eventsBefore = await db.CreditPointEvents.CountAsync();
        var tiersBefore = await db.CreditStates.OrderBy(s => s.AccountId).Select(s => s.CurrentTier).ToListAsync();

        var changes = await job.RunAllAsync("test", PointEventKind.Review, null, notify: false, CancellationToken.None);

        Assert.Equal(0, changes);
        Assert.Equal(eventsBefore, await db.CreditPointEvents.CountAsync());
        Assert.Equal(tiersBefore, await db.CreditStates.OrderBy(s => s.AccountId).Select(s => s.CurrentTier).ToListAsync());
    }
}

/// <summary>Every key the credit pages build at run time (enum names, reason and problem codes) has a resource in both languages.</summary>
public class CreditLocalizationTests
{
    private static HashSet<string> Keys(string culture) =>
        System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot.Path, "Portal", "Resources", culture == "en" ? "SharedResource.resx" : "SharedResource.zh-CN.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

    public static IEnumerable<object[]> DynamicKeys()
    {
        IEnumerable<string> EnumKeys<T>() where T : struct, Enum => Enum.GetNames<T>().Select(n => $"{typeof(T).Name}.{n}");
        var keys = EnumKeys<CreditIndicator>().Concat(EnumKeys<CreditMetric>()).Concat(EnumKeys<PrivilegeKind>()).Concat(EnumKeys<FreezeTrigger>())
            .Concat(EnumKeys<PolicyStatus>()).Concat(EnumKeys<Portal.Domain.Safety.HazardSeverity>()).Concat(EnumKeys<Portal.Domain.Safety.HazardState>())
            .Concat(EnumKeys<ManagerAlert>())
            .Concat(Enum.GetNames<PointEventKind>().Select(n => $"Credit.Event.{n}"))
            .Concat(typeof(TierReasonCodes).GetFields().Select(f => (string)f.GetValue(null)!))
            .Concat(typeof(BlockingCodes).GetFields().Select(f => (string)f.GetValue(null)!));
        return keys.Select(k => new object[] { k });
    }

    [Theory]
    [MemberData(nameof(DynamicKeys))]
    public void A_run_time_key_exists_in_both_languages(string key)
    {
        Assert.Contains(key, Keys("en"));
        Assert.Contains(key, Keys("zh"));
    }

    [Fact]
    public void Every_problem_the_policy_validator_can_report_has_a_message()
    {
        var source = File.ReadAllText(Path.Combine(RepoRoot.Path, "Portal.Domain", "Credit", "CreditPolicyValidator.cs"));
        var codes = System.Text.RegularExpressions.Regex.Matches(source, "new\\(\"(Credit\\.[A-Za-z]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(codes.Count >= 20, $"expected the validator's codes, found {codes.Count}");
        Assert.Empty(codes.Except(Keys("en")));
    }
}
