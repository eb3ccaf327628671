namespace Portal.Domain.Credit;

/// <summary>Credit tier. Numeric values are ranks: higher is better, so comparisons read naturally.</summary>
public enum CreditTier
{
    C = 0,
    B = 1,
    A = 2,
}

public enum CreditIndicator
{
    PaymentTimeliness = 0,
    UsageSafetyRisk = 1,
    Contribution = 2,
    VoltageAndCapacity = 3,
    HazardRectification = 4,
}

/// <summary>
/// A measurable quantity a scoring factor turns into points through its bands. Windowed metrics look back
/// over the factor's <see cref="ScoringFactor.LookbackMonths"/>; see <see cref="CreditMetrics.IsWindowed"/>.
/// </summary>
public enum CreditMetric
{
    /// <summary>% of bills due in the window paid on or before the due date (100 when no bills were due).</summary>
    OnTimePaymentRatePercent = 0,
    /// <summary>Largest days late of bills due in the window; an unpaid bill counts its days so far.</summary>
    MaxDaysLate = 1,
    /// <summary>Days the oldest unpaid, past-due bill has been outstanding (0 when none). Not windowed.</summary>
    OldestArrearsDays = 2,
    HazardsFound = 3,
    MajorHazardsFound = 4,
    SupplyRuleViolations = 5,
    TheftRecords = 6,
    /// <summary>Annual consumption in kWh (decimal: it is compared to band limits, never billed here).</summary>
    AnnualKwh = 7,
    AnnualRevenueYuan = 8,
    /// <summary>The <see cref="Accounts.VoltageLevel"/> value: 0 = 220/380 V … 4 = ≥ 220 kV.</summary>
    VoltageLevelRank = 9,
    ContractedCapacityKva = 10,
    /// <summary>% of hazards found in the window and already decided (fixed, or past the deadline) that were fixed by the deadline; 100 when none.</summary>
    OnTimeRectificationRatePercent = 11,
    /// <summary>Largest days past the deadline among hazards found in the window (fixed late or still open).</summary>
    MaxDaysPastRectificationDeadline = 12,
}

public static class CreditMetrics
{
    public static bool IsWindowed(CreditMetric metric) => metric switch
    {
        CreditMetric.OldestArrearsDays or CreditMetric.AnnualKwh or CreditMetric.AnnualRevenueYuan
            or CreditMetric.VoltageLevelRank or CreditMetric.ContractedCapacityKva => false,
        _ => true,
    };
}

public enum PolicyStatus
{
    Draft = 0,
    Published = 1,
    Retired = 2,
}

public enum PrivilegeKind
{
    DepositWaiver = 0,
    /// <summary>Value = days of grace after the due date.</summary>
    DeferredPaymentDays = 1,
    BillFinancing = 2,
    PriorityComplaintHandling = 3,
    DedicatedCustomerManager = 4,
}

/// <summary>Events that put an account in C and freeze promotion.</summary>
public enum FreezeTrigger
{
    Theft = 0,
    SupplyRuleViolation = 1,
    MajorHazardOverdue = 2,
    BillUnpaid = 3,
}
