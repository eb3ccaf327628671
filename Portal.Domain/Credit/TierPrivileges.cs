namespace Portal.Domain.Credit;

/// <summary>
/// What a tier's privileges mean in practice, read from one published policy version (the privilege grid).
/// Every outcome that depends on the tier (due date, deposit, financing, complaint priority, manager) asks this record,
/// so a republished grid or a tier change takes effect at the next event without any other setting.
/// </summary>
public sealed record TierPrivileges(
    CreditTier Tier,
    int PolicyVersion,
    int DeferredPaymentDays,
    bool DepositWaived,
    bool BillFinancing,
    bool PriorityComplaints,
    bool DedicatedManager)
{
    /// <summary>No privilege at all: an account without a ledger or a policy gets the standard terms.</summary>
    public static TierPrivileges None(CreditTier tier = CreditTier.C) => new(tier, 0, 0, false, false, false, false);

    public static TierPrivileges Of(CreditPolicy policy, CreditTier tier)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var granted = policy.PrivilegesOf(tier).ToList();
        bool Has(PrivilegeKind kind) => granted.Any(p => p.Kind == kind);
        return new TierPrivileges(tier, policy.Version,
            Math.Max(0, granted.Where(p => p.Kind == PrivilegeKind.DeferredPaymentDays).Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max()),
            Has(PrivilegeKind.DepositWaiver), Has(PrivilegeKind.BillFinancing), Has(PrivilegeKind.PriorityComplaintHandling),
            Has(PrivilegeKind.DedicatedCustomerManager));
    }

    /// <summary>Privileges as the kinds the policy lists, for comparing two tiers (what was gained, what was lost).</summary>
    public IReadOnlyList<PrivilegeKind> Kinds()
    {
        var kinds = new List<PrivilegeKind>();
        if (DepositWaived) kinds.Add(PrivilegeKind.DepositWaiver);
        if (DeferredPaymentDays > 0) kinds.Add(PrivilegeKind.DeferredPaymentDays);
        if (BillFinancing) kinds.Add(PrivilegeKind.BillFinancing);
        if (PriorityComplaints) kinds.Add(PrivilegeKind.PriorityComplaintHandling);
        if (DedicatedManager) kinds.Add(PrivilegeKind.DedicatedCustomerManager);
        return kinds;
    }
}

/// <summary>A change of privileges between two tiers: what the customer gains and loses (deferral days count as changed when they differ).</summary>
public sealed record PrivilegeChange(IReadOnlyList<PrivilegeKind> Gained, IReadOnlyList<PrivilegeKind> Lost, int DeferredDaysBefore, int DeferredDaysAfter)
{
    public bool IsEmpty => Gained.Count == 0 && Lost.Count == 0 && DeferredDaysBefore == DeferredDaysAfter;

    public static PrivilegeChange Between(TierPrivileges before, TierPrivileges after)
    {
        var was = before.Kinds();
        var now = after.Kinds();
        return new PrivilegeChange(now.Except(was).ToList(), was.Except(now).ToList(), before.DeferredPaymentDays, after.DeferredPaymentDays);
    }
}
