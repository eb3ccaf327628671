using Portal.Domain.Common;
using Portal.Domain.Safety;
using Xunit;

namespace Portal.Tests.Domain.Safety;

public class HazardTests
{
    private static readonly DateOnly Found = new(2025, 3, 1);
    private static readonly DateOnly Deadline = new(2025, 3, 31);

    private static Hazard NewHazard(HazardSeverity severity = HazardSeverity.Major)
    {
        var inspection = Inspection.Record(Guid.NewGuid(), Found, "staff-7", "JC-2025-0042");
        return inspection.FindHazard("Exposed busbar in meter room", severity, Deadline);
    }

    [Fact]
    public void A_hazard_found_on_an_inspection_is_open_and_carries_the_inspection_date_and_account()
    {
        var inspection = Inspection.Record(Guid.NewGuid(), Found, "staff-7", "JC-2025-0042");
        var hazard = inspection.FindHazard("Overloaded cable", HazardSeverity.Minor, Deadline);

        Assert.Equal(HazardState.Open, hazard.State);
        Assert.Equal(Found, hazard.FoundOn);
        Assert.Equal(inspection.AccountId, hazard.AccountId);
        Assert.Equal(inspection.Id, hazard.InspectionId);
    }

    [Theory]
    [InlineData("", "JC-1", "Safety.InspectorRequired")]
    [InlineData("staff-7", " ", "Safety.NoticeNumberRequired")]
    public void An_inspection_needs_an_inspector_and_a_notice_number(string inspector, string notice, string code)
    {
        var ex = Assert.Throws<DomainException>(() => Inspection.Record(Guid.NewGuid(), Found, inspector, notice));
        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void A_deadline_before_the_hazard_was_found_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() =>
            Hazard.Found(Guid.NewGuid(), Guid.NewGuid(), "x", HazardSeverity.Minor, Found, Found.AddDays(-1)));
        Assert.Equal("Safety.DeadlineBeforeFound", ex.Code);
    }

    [Fact]
    public void A_deadline_on_the_day_found_is_allowed()
    {
        var hazard = Hazard.Found(Guid.NewGuid(), Guid.NewGuid(), "x", HazardSeverity.Minor, Found, Found);
        Assert.Equal(Found, hazard.RectificationDeadline);
    }

    [Fact]
    public void Reporting_a_fix_records_note_photo_and_fix_date()
    {
        var hazard = NewHazard();
        hazard.ReportFixed(Deadline, Deadline.AddDays(2), " replaced cover ", "files/h1.jpg");

        Assert.Equal(HazardState.ReportedFixed, hazard.State);
        Assert.Equal(Deadline, hazard.FixedOn);
        Assert.Equal("replaced cover", hazard.CustomerNote);
        Assert.Equal("files/h1.jpg", hazard.PhotoFileReference);
    }

    [Fact]
    public void A_reported_fix_needs_a_photo()
    {
        var ex = Assert.Throws<DomainException>(() => NewHazard().ReportFixed(Deadline, Deadline, "done", ""));
        Assert.Equal("Safety.PhotoRequired", ex.Code);
    }

    [Fact]
    public void A_fix_dated_before_the_hazard_was_found_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => NewHazard().ReportFixed(Found.AddDays(-1), Found, null, "p.jpg"));
        Assert.Equal("Safety.FixedBeforeFound", ex.Code);
    }

    [Fact]
    public void A_fix_dated_after_the_report_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => NewHazard().ReportFixed(Found.AddDays(5), Found.AddDays(4), null, "p.jpg"));
        Assert.Equal("Safety.FixedInFuture", ex.Code);
    }

    [Fact]
    public void A_fix_cannot_be_reported_twice()
    {
        var hazard = NewHazard();
        hazard.ReportFixed(Found, Found, null, "p.jpg");
        var ex = Assert.Throws<DomainException>(() => hazard.ReportFixed(Found, Found, null, "p.jpg"));
        Assert.Equal("Safety.HazardNotOpen", ex.Code);
    }

    [Fact]
    public void An_open_hazard_cannot_be_verified()
    {
        var ex = Assert.Throws<DomainException>(() => NewHazard().Verify("staff-9", Deadline));
        Assert.Equal("Safety.CannotVerifyOpenHazard", ex.Code);
    }

    [Fact]
    public void Verifying_a_reported_fix_records_staff_and_date_and_cannot_be_repeated()
    {
        var hazard = NewHazard();
        hazard.ReportFixed(Deadline, Deadline, null, "p.jpg");
        hazard.Verify("staff-9", Deadline.AddDays(3));

        Assert.Equal(HazardState.Verified, hazard.State);
        Assert.Equal("staff-9", hazard.VerifiedByStaffId);
        Assert.Equal(Deadline.AddDays(3), hazard.VerifiedOn);
        Assert.Equal("Safety.AlreadyVerified", Assert.Throws<DomainException>(() => hazard.Verify("staff-9", Deadline.AddDays(4))).Code);
    }

    [Fact]
    public void Verification_cannot_precede_the_report()
    {
        var hazard = NewHazard();
        hazard.ReportFixed(Found, Found.AddDays(5), null, "p.jpg");
        Assert.Equal("Safety.VerifiedBeforeReported", Assert.Throws<DomainException>(() => hazard.Verify("s", Found.AddDays(4))).Code);
    }

    [Fact]
    public void Rejecting_a_fix_reopens_the_hazard_with_the_reason_and_clears_the_fix()
    {
        var hazard = NewHazard();
        hazard.ReportFixed(Found.AddDays(3), Found.AddDays(3), "done", "p.jpg");
        hazard.RejectFix("staff-9", Found.AddDays(4), "Photo shows the old cover");

        Assert.Equal(HazardState.Open, hazard.State);
        Assert.Null(hazard.FixedOn);
        Assert.Null(hazard.PhotoFileReference);
        Assert.Equal("Photo shows the old cover", hazard.LastRejectionReason);
        Assert.Equal(Found.AddDays(4), hazard.LastRejectedOn);
    }

    [Fact]
    public void A_rejection_needs_a_reason()
    {
        var hazard = NewHazard();
        hazard.ReportFixed(Found, Found, null, "p.jpg");
        Assert.Equal("Safety.RejectionReasonRequired", Assert.Throws<DomainException>(() => hazard.RejectFix("s", Found, " ")).Code);
    }

    [Fact]
    public void An_open_hazard_has_no_fix_to_reject()
    {
        Assert.Equal("Safety.NothingToReject", Assert.Throws<DomainException>(() => NewHazard().RejectFix("s", Found, "no")).Code);
    }

    [Fact]
    public void A_verified_hazard_cannot_be_rejected()
    {
        var hazard = NewHazard();
        hazard.ReportFixed(Found, Found, null, "p.jpg");
        hazard.Verify("s", Found);
        Assert.Equal("Safety.NothingToReject", Assert.Throws<DomainException>(() => hazard.RejectFix("s", Found, "no")).Code);
    }

    [Fact]
    public void An_open_hazard_is_not_overdue_on_its_deadline_day_but_is_the_day_after()
    {
        var hazard = NewHazard();
        Assert.False(hazard.IsOverdue(Deadline));
        Assert.True(hazard.IsOverdue(Deadline.AddDays(1)));
    }

    [Fact]
    public void A_reported_fix_stops_the_overdue_clock_and_a_rejection_restarts_it()
    {
        var hazard = NewHazard();
        hazard.ReportFixed(Deadline, Deadline, null, "p.jpg");
        Assert.False(hazard.IsOverdue(Deadline.AddDays(10)));

        hazard.RejectFix("s", Deadline.AddDays(10), "not fixed");
        Assert.True(hazard.IsOverdue(Deadline.AddDays(10)));
    }

    [Fact]
    public void A_fix_on_the_deadline_day_verified_later_was_on_time()
    {
        var hazard = NewHazard();
        hazard.ReportFixed(Deadline, Deadline.AddDays(1), null, "p.jpg");
        hazard.Verify("s", Deadline.AddDays(20));
        Assert.True(hazard.WasFixedOnTime);
    }

    [Fact]
    public void A_fix_the_day_after_the_deadline_was_late()
    {
        var hazard = NewHazard();
        hazard.ReportFixed(Deadline.AddDays(1), Deadline.AddDays(1), null, "p.jpg");
        hazard.Verify("s", Deadline.AddDays(1));
        Assert.False(hazard.WasFixedOnTime);
    }

    [Fact]
    public void An_unverified_fix_does_not_count_as_fixed_on_time_yet()
    {
        var hazard = NewHazard();
        hazard.ReportFixed(Found, Found, null, "p.jpg");
        Assert.False(hazard.WasFixedOnTime);
    }
}
