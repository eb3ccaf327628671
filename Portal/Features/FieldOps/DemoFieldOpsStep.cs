using Portal.Domain.Accounts;
using Portal.Domain.Service;
using Portal.Features.Demo;

namespace Portal.Features.FieldOps;

/// <summary>
/// Two years of completed service jobs, recorded through the same intake as the back office (one batch, one
/// transaction). The demo customers each have one job finished this week, waiting for a rating. No invitations are
/// sent for history.
/// </summary>
public sealed class DemoFieldOpsStep(FieldOpsService fieldOps) : IDemoSeedStep
{
    public int Order => 5;

    private static readonly string[] Staff = ["张师傅", "李工", "王班长", "马军", "陈静"];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var drafts = new List<ActivityDraft>();
        foreach (var s in context.Accounts)
        {
            var r = DemoRandom.For(91, s.Index);
            var count = s.Index < 5 ? 4 : r.Next(0, 4);
            for (var k = 0; k < count; k++)
            {
                var type = (ServiceActivityType)r.Next(0, 6);
                if (type == ServiceActivityType.ManagerVisit && s.Type != CustomerType.LargeIndustrial) type = ServiceActivityType.HallVisit;
                var daysAgo = k == 0 && s.Index < 5 ? 2 : r.Next(3, 700);
                var at = context.Today.AddDays(-daysAgo).ToDateTime(new TimeOnly(9 + r.Next(8), r.Next(60)));
                drafts.Add(new ActivityDraft(s.AccountNumber, type, at, Staff[r.Next(Staff.Length)], ActivityOutcome.Completed, null,
                    Summary(type), Id: DemoRandom.Id(s.Index, k, 4242)));
            }
        }
        var result = await fieldOps.RecordActivitiesAsync(drafts, null, "demo-seeder", inviteToRate: false, ct);
        if (!result.Ok) throw new InvalidOperationException("Demo activities broke an intake rule: " + string.Join(", ", result.Errors.Select(e => e.Code).Distinct()));
    }

    private static string Summary(ServiceActivityType t) => t switch
    {
        ServiceActivityType.Repair => "故障抢修：更换进户线熔断器",
        ServiceActivityType.MeterReplacement => "智能电能表轮换",
        ServiceActivityType.NewConnection => "业扩报装：增容送电",
        ServiceActivityType.SafetyInspection => "用电安全检查",
        ServiceActivityType.HallVisit => "营业厅业务办理：电费发票打印",
        _ => "客户经理上门走访",
    };
}
