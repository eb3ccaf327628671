using Portal.Domain.Common;
using Portal.Domain.Service;

namespace Portal.Tests.Domain.Service;

public class ServiceRequestTests
{
    private static readonly DateTime At = new(2026, 12, 6, 4, 0, 0, DateTimeKind.Utc);

    private static ServiceRequest NewRequest(string code = ServiceCodes.EnergyAudit, string? note = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), code, ServiceTeam.EnergyEfficiency, ServiceRequestOrigin.ServiceMenu, null, "user-1", At, note);

    [Fact]
    public void A_new_request_is_open_with_a_trimmed_note_and_a_blank_note_is_none()
    {
        var r = NewRequest(note: "  after 6 pm please ");
        Assert.Equal(ServiceRequestStatus.Open, r.Status);
        Assert.Equal("after 6 pm please", r.Note);
        Assert.Null(NewRequest(note: "   ").Note);
    }

    [Fact]
    public void A_note_of_500_characters_is_accepted_and_501_is_refused()
    {
        Assert.Equal(500, NewRequest(note: new string('x', 500)).Note!.Length);
        var ex = Assert.Throws<DomainException>(() => NewRequest(note: new string('x', 501)));
        Assert.Equal("ServiceRequest.NoteTooLong", ex.Code);
    }

    [Theory]
    [InlineData("energy-audit", true)]
    [InlineData("a1", true)]
    [InlineData("a", false)]
    [InlineData("Energy-Audit", false)]
    [InlineData("-audit", false)]
    [InlineData("audit-", false)]
    [InlineData("energy audit", false)]
    public void Service_codes_are_lower_case_words_joined_by_hyphens(string code, bool wellFormed) =>
        Assert.Equal(wellFormed, ServiceCodes.IsWellFormed(code));

    [Fact]
    public void Codes_of_40_characters_are_well_formed_and_41_are_not()
    {
        Assert.True(ServiceCodes.IsWellFormed(new string('a', 40)));
        Assert.False(ServiceCodes.IsWellFormed(new string('a', 41)));
    }

    [Fact]
    public void A_request_from_a_campaign_must_name_the_campaign()
    {
        var ex = Assert.Throws<DomainException>(() => new ServiceRequest(Guid.NewGuid(), Guid.NewGuid(), ServiceCodes.AutoPay,
            ServiceTeam.Billing, ServiceRequestOrigin.Campaign, null, "user-1", At, null));
        Assert.Equal("ServiceRequest.CampaignRequired", ex.Code);
    }

    [Fact]
    public void Completing_needs_a_resolution_and_closes_the_request_once()
    {
        var r = NewRequest();
        Assert.Equal("ServiceRequest.ResolutionRequired", Assert.Throws<DomainException>(() => r.Complete("staff", At.AddHours(1), " ")).Code);
        r.Complete("staff", At.AddHours(1), " Audit done, report sent ");
        Assert.Equal(ServiceRequestStatus.Done, r.Status);
        Assert.Equal("Audit done, report sent", r.Resolution);
        Assert.Equal(At.AddHours(1), r.ClosedAtUtc);
        Assert.Equal("ServiceRequest.AlreadyClosed", Assert.Throws<DomainException>(() => r.Decline("staff", At.AddHours(2), "late")).Code);
        Assert.Equal("ServiceRequest.AlreadyClosed", Assert.Throws<DomainException>(() => r.Withdraw("user-1", At.AddHours(2))).Code);
    }

    [Fact]
    public void Declining_needs_a_reason_for_the_customer_and_cannot_predate_the_request()
    {
        var r = NewRequest();
        Assert.Equal("ServiceRequest.ReasonRequired", Assert.Throws<DomainException>(() => r.Decline("staff", At, "")).Code);
        Assert.Equal("ServiceRequest.ClosedBeforeRequested", Assert.Throws<DomainException>(() => r.Decline("staff", At.AddSeconds(-1), "no")).Code);
        r.Decline("staff", At, "Not available in your area");
        Assert.Equal(ServiceRequestStatus.Declined, r.Status);
    }

    [Fact]
    public void Every_built_in_service_has_a_team_and_an_unknown_code_goes_to_the_customer_manager()
    {
        Assert.Equal(9, ServiceCodes.All.Distinct().Count());
        Assert.All(ServiceCodes.All, c => Assert.True(ServiceCodes.IsWellFormed(c)));
        Assert.Equal(ServiceTeam.EnergyEfficiency, ServiceCodes.DefaultTeam(ServiceCodes.EnergyAudit));
        Assert.Equal(ServiceTeam.Safety, ServiceCodes.DefaultTeam(ServiceCodes.SafetyInspection));
        Assert.Equal(ServiceTeam.CustomerManager, ServiceCodes.DefaultTeam("ev-charging"));
    }
}
