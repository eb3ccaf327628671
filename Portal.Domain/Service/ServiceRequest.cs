using Portal.Domain.Common;

namespace Portal.Domain.Service;

/// <summary>The team that carries out a requested service.</summary>
public enum ServiceTeam
{
    CustomerManager = 0,   // 客户经理
    FieldService = 1,      // 现场服务 (repairs, meters)
    EnergyEfficiency = 2,  // 能效服务 (audits, power-factor advice)
    Billing = 3,           // 电费账务 (auto-pay, e-statements, demand declarations)
    Safety = 4,            // 用电检查 (safety inspections)
    Connections = 5,       // 业扩报装 (connections, capacity changes)
}

/// <summary>Where a request came from: the customer's service menu, a campaign offer accepted, or staff on the customer's behalf.</summary>
public enum ServiceRequestOrigin
{
    ServiceMenu = 0,
    Campaign = 1,
    Staff = 2,
}

public enum ServiceRequestStatus
{
    Open = 0,
    Done = 1,
    Declined = 2,
    Withdrawn = 3,
}

/// <summary>
/// A customer's request for a service (服务申请): open until the team completes or declines it, or the customer
/// withdraws it. One open request per account and service at a time (enforced by the requesting service).
/// </summary>
public sealed class ServiceRequest
{
    public const int MaxNoteLength = 500;

    private ServiceRequest() { }

    public ServiceRequest(Guid id, Guid accountId, string serviceCode, ServiceTeam team, ServiceRequestOrigin origin,
        Guid? campaignId, string requestedByUserId, DateTime requestedAtUtc, string? note)
    {
        if (!ServiceCodes.IsWellFormed(serviceCode)) throw new DomainException("ServiceRequest.UnknownService", "The service code is not well formed.");
        if (origin == ServiceRequestOrigin.Campaign && campaignId is null)
            throw new DomainException("ServiceRequest.CampaignRequired", "A request from a campaign names the campaign.");
        if (string.IsNullOrWhiteSpace(requestedByUserId)) throw new DomainException("ServiceRequest.RequesterRequired", "A request names who asked for it.");
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxNoteLength }) throw new DomainException("ServiceRequest.NoteTooLong", $"A note has at most {MaxNoteLength} characters.");
        Id = id;
        AccountId = accountId;
        ServiceCode = serviceCode;
        Team = team;
        Origin = origin;
        CampaignId = campaignId;
        RequestedByUserId = requestedByUserId;
        RequestedAtUtc = requestedAtUtc;
        Note = note;
        Status = ServiceRequestStatus.Open;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string ServiceCode { get; private set; } = "";
    public ServiceTeam Team { get; private set; }
    /// <summary>The staff member who owns it: the account's customer manager for <see cref="ServiceTeam.CustomerManager"/>, else whoever picks it up.</summary>
    public string? AssignedUserId { get; private set; }
    public ServiceRequestOrigin Origin { get; private set; }
    public Guid? CampaignId { get; private set; }
    public string RequestedByUserId { get; private set; } = "";
    public DateTime RequestedAtUtc { get; private set; }
    public string? Note { get; private set; }
    public ServiceRequestStatus Status { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public string? ClosedByUserId { get; private set; }
    /// <summary>What was done (completed) or why not (declined) — shown to the customer.</summary>
    public string? Resolution { get; private set; }
    /// <summary>App-managed concurrency token: two staff closing the same request at once cannot both win.</summary>
    public int Version { get; private set; }

    public bool IsOpen => Status == ServiceRequestStatus.Open;

    public void AssignTo(string? userId)
    {
        EnsureOpen();
        AssignedUserId = string.IsNullOrWhiteSpace(userId) ? null : userId;
        Version++;
    }

    public void Complete(string byUserId, DateTime atUtc, string resolution) =>
        Close(ServiceRequestStatus.Done, byUserId, atUtc, Required(resolution, "ServiceRequest.ResolutionRequired"));

    public void Decline(string byUserId, DateTime atUtc, string reason) =>
        Close(ServiceRequestStatus.Declined, byUserId, atUtc, Required(reason, "ServiceRequest.ReasonRequired"));

    /// <summary>The customer withdraws an open request.</summary>
    public void Withdraw(string byUserId, DateTime atUtc) => Close(ServiceRequestStatus.Withdrawn, byUserId, atUtc, null);

    private void Close(ServiceRequestStatus status, string byUserId, DateTime atUtc, string? resolution)
    {
        EnsureOpen();
        if (atUtc < RequestedAtUtc) throw new DomainException("ServiceRequest.ClosedBeforeRequested", "A request cannot be closed before it was made.");
        Status = status;
        ClosedByUserId = byUserId;
        ClosedAtUtc = atUtc;
        Resolution = resolution;
        Version++;
    }

    private void EnsureOpen()
    {
        if (!IsOpen) throw new DomainException("ServiceRequest.AlreadyClosed", "The request is already closed.");
    }

    private static string Required(string? text, string code)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException(code, "A reason or resolution is required.");
        var trimmed = text.Trim();
        if (trimmed.Length > MaxNoteLength) throw new DomainException("ServiceRequest.NoteTooLong", $"At most {MaxNoteLength} characters.");
        return trimmed;
    }
}
