using Portal.Domain.Common;

namespace Portal.Domain.Accounts;

/// <summary>
/// A supply point (户号): one meter, one tariff package, one voltage level and capacity.
/// Portal users reach it through <see cref="AccountBinding"/>s; staff are referred to by login id only.
/// </summary>
public sealed class CustomerAccount
{
    private CustomerAccount() { }

    public CustomerAccount(Guid id, string accountNumber, string holderName, CustomerType type, string region,
        string stationArea, VoltageLevel voltage, decimal capacityKva, string tariffPackageCode, DateOnly openedOn,
        string meterNumber, string address, string phone)
    {
        if (string.IsNullOrWhiteSpace(accountNumber) || accountNumber.Length is < 6 or > 20 || !accountNumber.All(char.IsAsciiDigit))
            throw new DomainException("Account.NumberInvalid", "An account number is 6–20 digits.");
        if (capacityKva <= 0) throw new DomainException("Account.CapacityInvalid", "Contracted capacity must be positive.");
        if (type == CustomerType.LargeIndustrial && capacityKva < AccountProfile.LargeIndustrialThresholdKva)
            throw new DomainException("Account.LargeIndustrialCapacity", "Large industrial supply needs at least 315 kVA.");
        if (type == CustomerType.Residential && voltage != VoltageLevel.Low)
            throw new DomainException("Account.ResidentialVoltage", "Residential supply is low voltage.");

        Id = id;
        AccountNumber = accountNumber;
        HolderName = holderName;
        Type = type;
        Region = region;
        StationArea = stationArea;
        Voltage = voltage;
        ContractedCapacityKva = capacityKva;
        TariffPackageCode = tariffPackageCode;
        OpenedOn = openedOn;
        MeterNumber = meterNumber;
        Address = address;
        Phone = phone;
    }

    public Guid Id { get; private set; }
    public string AccountNumber { get; private set; } = "";
    public string HolderName { get; private set; } = "";
    public CustomerType Type { get; private set; }
    public string Region { get; private set; } = "";
    /// <summary>Station area (台区): the transformer area the supply hangs off.</summary>
    public string StationArea { get; private set; } = "";
    public VoltageLevel Voltage { get; private set; }
    public decimal ContractedCapacityKva { get; private set; }
    /// <summary>Declared (contract) demand in kW for demand-billed two-part tariffs.</summary>
    public decimal? DeclaredDemandKw { get; private set; }
    public string TariffPackageCode { get; private set; } = "";
    public DateOnly OpenedOn { get; private set; }
    public string MeterNumber { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string Phone { get; private set; } = "";
    /// <summary>Login id of the assigned customer manager (客户经理), if any.</summary>
    public string? CustomerManagerId { get; private set; }
    public bool ManagerAssignedManually { get; private set; }
    /// <summary>Residential accounts with registered electric heating get the winter heating price.</summary>
    public bool HasElectricHeating { get; private set; }

    public AccountProfile Profile => new(Type, Voltage, ContractedCapacityKva, Region, HasElectricHeating);

    public void AssignManager(string? managerUserId, bool manual)
    {
        CustomerManagerId = managerUserId;
        ManagerAssignedManually = manual && managerUserId is not null;
    }

    public void ChangeTariffPackage(string packageCode)
    {
        if (string.IsNullOrWhiteSpace(packageCode)) throw new DomainException("Account.PackageRequired", "A tariff package is required.");
        TariffPackageCode = packageCode;
    }

    public void DeclareDemand(decimal? kw)
    {
        if (kw is not null && kw < ContractedCapacityKva * 0.4m)
            throw new DomainException("Tariff.DeclaredDemandBelowFloor", "Declared demand may not be below 40% of the transformer capacity.");
        DeclaredDemandKw = kw;
    }

    public void RegisterElectricHeating(bool heating) => HasElectricHeating = heating && Type == CustomerType.Residential;
}

/// <summary>A portal login's access to an account. One user may hold several accounts; one account may have several users.</summary>
public sealed class AccountBinding
{
    private AccountBinding() { }

    public AccountBinding(string userId, Guid accountId, DateTime boundAtUtc)
    {
        UserId = userId;
        AccountId = accountId;
        BoundAtUtc = boundAtUtc;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public Guid AccountId { get; private set; }
    public DateTime BoundAtUtc { get; private set; }
}
