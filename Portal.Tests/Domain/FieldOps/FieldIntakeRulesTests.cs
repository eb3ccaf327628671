using Portal.Domain.Common;
using Portal.Domain.Safety;
using Portal.Domain.Service;

namespace Portal.Tests.Domain.FieldOps;

public class FieldIntakeRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);
    private static readonly DateTime Now = new(2026, 12, 6, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Account = Guid.NewGuid();

    private static Inspection Inspected(DateOnly on) => Inspection.Intake(Account, on, "王工", "JC-1", Today);

    private static string Code(Action act) => Assert.Throws<DomainException>(act).Code;

    [Theory]
    [InlineData(HazardSeverity.Major, 15)]
    [InlineData(HazardSeverity.Minor, 30)]
    public void A_hazard_without_a_deadline_gets_the_default_for_its_severity(HazardSeverity severity, int days)
    {
        var hazard = Inspected(Today.AddDays(-3)).FindHazardWithinRules("配电箱未接地", severity, null);

        Assert.Equal(Today.AddDays(-3 + days), hazard.RectificationDeadline);
        Assert.Equal(HazardState.Open, hazard.State);
    }

    [Theory]
    [InlineData(HazardSeverity.Major, 30)]
    [InlineData(HazardSeverity.Minor, 90)]
    public void The_inspector_may_extend_a_deadline_up_to_the_severitys_limit_and_not_a_day_more(HazardSeverity severity, int limit)
    {
        var inspection = Inspected(Today);

        Assert.Equal(Today.AddDays(limit), inspection.FindHazardWithinRules("x", severity, Today.AddDays(limit)).RectificationDeadline);
        Assert.Equal("Safety.DeadlineTooFar", Code(() => inspection.FindHazardWithinRules("x", severity, Today.AddDays(limit + 1))));
    }

    [Fact]
    public void A_deadline_on_the_inspection_day_is_accepted_and_the_day_before_is_refused()
    {
        var inspection = Inspected(Today.AddDays(-1));

        Assert.Equal(Today.AddDays(-1), inspection.FindHazardWithinRules("x", HazardSeverity.Major, Today.AddDays(-1)).RectificationDeadline);
        Assert.Equal("Safety.DeadlineBeforeFound", Code(() => inspection.FindHazardWithinRules("x", HazardSeverity.Major, Today.AddDays(-2))));
    }

    [Fact]
    public void An_inspection_may_be_dated_today_but_not_tomorrow()
    {
        Assert.Equal(Today, Inspected(Today).InspectedOn);
        Assert.Equal("Safety.InspectedInFuture", Code(() => Inspected(Today.AddDays(1))));
    }

    [Fact]
    public void A_hazard_needs_a_description_and_an_inspection_its_inspector()
    {
        Assert.Equal("Safety.DescriptionRequired", Code(() => Inspected(Today).FindHazardWithinRules(" ", HazardSeverity.Minor, null)));
        Assert.Equal("Safety.InspectorRequired", Code(() => Inspection.Intake(Account, Today, " ", "JC-1", Today)));
    }

    private static ServiceActivity Job(ActivityOutcome outcome = ActivityOutcome.Completed, string? reason = null, DateTime? at = null,
        string? source = null, string? reference = null, string? summary = "更换熔断器", string? staff = "张师傅") =>
        ServiceActivity.Record(Guid.NewGuid(), Account, ServiceActivityType.Repair, at ?? Now.AddHours(-1), summary, staff, outcome, reason,
            "staff-1", source, reference, Now);

    [Fact]
    public void A_job_that_could_not_be_completed_needs_its_reason()
    {
        Assert.Equal("Activity.ReasonRequired", Code(() => Job(ActivityOutcome.CouldNotComplete)));
        Assert.Equal("门锁无人", Job(ActivityOutcome.CouldNotComplete, "门锁无人").OutcomeReason);
        Assert.Null(Job(ActivityOutcome.Completed).OutcomeReason);
    }

    [Fact]
    public void A_job_can_be_recorded_as_done_now_but_not_a_minute_later()
    {
        Assert.Equal(Now, Job(at: Now).CompletedAtUtc);
        Assert.Equal("Activity.InFuture", Code(() => Job(at: Now.AddMinutes(1))));
    }

    [Fact]
    public void A_job_needs_a_summary_and_the_staff_who_did_it()
    {
        Assert.Equal("Activity.SummaryRequired", Code(() => Job(summary: "")));
        Assert.Equal("Activity.StaffRequired", Code(() => Job(staff: null)));
        Assert.Equal("Activity.SummaryTooLong", Code(() => Job(summary: new string('x', ServiceActivity.MaxSummary + 1))));
        Assert.Equal(ServiceActivity.MaxSummary, Job(summary: new string('x', ServiceActivity.MaxSummary)).Summary.Length);
    }

    [Fact]
    public void A_field_system_reference_comes_with_its_source()
    {
        Assert.Equal("Activity.ReferenceIncomplete", Code(() => Job(reference: "WO-1")));
        Assert.Equal("Activity.ReferenceIncomplete", Code(() => Job(source: "pms")));
        var job = Job(source: " pms ", reference: " WO-1 ");
        Assert.Equal(("pms", "WO-1"), (job.Source, job.ExternalReference));
    }

    [Theory]
    [InlineData(ActivityOutcome.Completed, true)]
    [InlineData(ActivityOutcome.CouldNotComplete, false)]
    [InlineData(ActivityOutcome.FollowUpNeeded, false)]
    public void Only_a_completed_job_invites_a_rating_and_only_once(ActivityOutcome outcome, bool invites)
    {
        var job = Job(outcome, outcome == ActivityOutcome.CouldNotComplete ? "无人" : null);

        Assert.Equal(invites, job.MarkRatingInvited(Now));
        Assert.False(job.MarkRatingInvited(Now.AddMinutes(5)));
        Assert.Equal(invites ? Now : null, job.RatingInvitedAtUtc);
    }

    [Fact]
    public void The_new_activity_types_keep_the_stored_values_of_the_old_ones()
    {
        Assert.Equal(0, (int)ServiceActivityType.Repair);
        Assert.Equal(5, (int)ServiceActivityType.ManagerVisit);
        Assert.Equal(6, (int)ServiceActivityType.EnergyAudit);
        Assert.Equal(7, (int)ServiceActivityType.InspectionBooking);
    }
}
