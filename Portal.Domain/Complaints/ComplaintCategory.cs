namespace Portal.Domain.Complaints;

public enum ComplaintCategory
{
    Outage = 0,
    BillingDispute = 1,
    MeterFault = 2,
    VoltageQuality = 3,
    ServiceAttitude = 4,
    ConnectionDelay = 5,
    Other = 6,
}
