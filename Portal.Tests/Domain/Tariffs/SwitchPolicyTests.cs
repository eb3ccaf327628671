using Portal.Domain.Common;
using Portal.Domain.Tariffs;

namespace Portal.Tests.Domain.Tariffs;

public class SwitchPolicyTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);

    private static PackageSwitchRequest Request(DateOnly effective) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "XJ-RES-TIER", "XJ-RES-TOU", "u1", Now, effective);

    [Fact]
    public void A_switch_takes_effect_on_the_first_day_of_the_next_month() =>
        Assert.Equal(new DateOnly(2027, 1, 1), SwitchPolicy.EffectiveFrom(new DateOnly(2026, 12, 31)));

    [Fact]
    public void A_first_application_is_allowed() => Assert.Null(SwitchPolicy.Check([], new DateOnly(2026, 3, 10), 12));

    [Fact]
    public void A_pending_application_blocks_another() =>
        Assert.Equal("Switch.PendingExists", SwitchPolicy.Check([Request(new DateOnly(2026, 4, 1))], new DateOnly(2026, 3, 10), 12));

    [Theory]
    [InlineData("2027-03-31", "Switch.TooSoon")] // last day of the 12 months
    [InlineData("2027-04-01", null)]             // 12 months after the effective day
    public void An_approved_switch_blocks_the_next_for_the_configured_months(string today, string? expected)
    {
        var approved = Request(new DateOnly(2026, 4, 1));
        approved.Approve("h1", null, Now);
        Assert.Equal(expected, SwitchPolicy.Check([approved], DateOnly.Parse(today), 12));
    }

    [Fact]
    public void A_rejected_application_does_not_count()
    {
        var rejected = Request(new DateOnly(2026, 4, 1));
        rejected.Reject("h1", "Not eligible yet", Now);
        Assert.Null(SwitchPolicy.Check([rejected], new DateOnly(2026, 3, 11), 12));
    }

    [Fact]
    public void A_rejection_needs_a_reason_and_a_request_is_decided_once()
    {
        var r = Request(new DateOnly(2026, 4, 1));
        Assert.Equal("Switch.ReasonRequired", Assert.Throws<DomainException>(() => r.Reject("h1", " ", Now)).Code);
        r.Approve("h1", null, Now);
        Assert.Equal("Switch.AlreadyDecided", Assert.Throws<DomainException>(() => r.Reject("h1", "late", Now)).Code);
    }

    [Theory]
    [InlineData("2026-03-31", false)]
    [InlineData("2026-04-01", true)]
    public void An_approved_switch_is_due_from_its_effective_day(string today, bool due)
    {
        var r = Request(new DateOnly(2026, 4, 1));
        r.Approve("h1", null, Now);
        Assert.Equal(due, r.IsDue(DateOnly.Parse(today)));
    }

    [Fact]
    public void Switching_to_the_same_package_is_refused() =>
        Assert.Equal("Switch.SamePackage", Assert.Throws<DomainException>(() =>
            new PackageSwitchRequest(Guid.NewGuid(), Guid.NewGuid(), "A", "a", "u", Now, new DateOnly(2026, 4, 1))).Code);
}
