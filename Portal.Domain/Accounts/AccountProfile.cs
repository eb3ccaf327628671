namespace Portal.Domain.Accounts;

public enum CustomerType
{
    Residential = 0,
    /// <summary>General commercial and industrial (一般工商业).</summary>
    Business = 1,
    /// <summary>Large industrial (大工业): contracted capacity ≥ 315 kVA.</summary>
    LargeIndustrial = 2,
}

/// <summary>Supply voltage. Residential is 220 V / 380 V (<see cref="Low"/>).</summary>
public enum VoltageLevel
{
    Low = 0,          // 220/380 V
    Kv1To10 = 1,      // 1–10 kV
    Kv35 = 2,
    Kv110 = 3,
    Kv220Plus = 4,
}

/// <summary>The attributes of a supply point that tariffs, scoring and routing rules read.</summary>
/// <param name="HasElectricHeating">A residential supply with registered individual electric heating (DOMAIN.md: the
/// Oct–Apr heating price is for individual heaters only).</param>
public sealed record AccountProfile(
    CustomerType Type,
    VoltageLevel Voltage,
    decimal ContractedCapacityKva,
    string Region,
    bool HasElectricHeating = false)
{
    public const decimal LargeIndustrialThresholdKva = 315m;

    public bool IsBusiness => Type != CustomerType.Residential;

    /// <summary>DOMAIN.md: large industrial means contracted capacity ≥ 315 kVA.</summary>
    public static CustomerType ClassifyBusiness(decimal capacityKva) =>
        capacityKva >= LargeIndustrialThresholdKva ? CustomerType.LargeIndustrial : CustomerType.Business;
}
