using Portal.Domain.Common;

namespace Portal.Domain.Service;

/// <summary>A completed service job for an account; the customer may rate it once.</summary>
public sealed class ServiceActivity
{
    private ServiceActivity() { }

    public ServiceActivity(Guid id, Guid accountId, ServiceActivityType type, DateTime completedAtUtc, string summary, string staffName)
    {
        if (string.IsNullOrWhiteSpace(summary)) throw new DomainException("Activity.SummaryRequired", "An activity needs a summary.");
        Id = id;
        AccountId = accountId;
        Type = type;
        CompletedAtUtc = completedAtUtc;
        Summary = summary;
        StaffName = staffName;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public ServiceActivityType Type { get; private set; }
    public DateTime CompletedAtUtc { get; private set; }
    public string Summary { get; private set; } = "";
    public string StaffName { get; private set; } = "";
}
