using Portal.Domain.Common;

namespace Portal.Domain.Billing;

public enum BillStatus
{
    Issued = 0,
    PartiallyPaid = 1,
    Paid = 2,
}

/// <summary>A monthly bill as issued: its line items are the bill engine's output, frozen at issue.</summary>
public sealed class Bill
{
    private readonly List<BillLine> _lines = [];
    private readonly List<Payment> _payments = [];
    private readonly List<BillInstalment> _instalments = [];

    private Bill() { }

    public Bill(Guid id, Guid accountId, DateOnly periodStart, DateOnly periodEnd, DateOnly issuedOn, DateOnly dueDate,
        string packageCode, decimal totalKwh, IEnumerable<BillLine> lines, int deferredPaymentDays = 0)
    {
        if (deferredPaymentDays < 0) throw new DomainException("Bill.DeferralNegative", "Deferred payment days cannot be negative.");
        if (periodEnd <= periodStart) throw new DomainException("Bill.PeriodInvalid", "A billing period must end after it starts.");
        if (dueDate < issuedOn) throw new DomainException("Bill.DueBeforeIssue", "A bill cannot be due before it is issued.");
        Id = id;
        AccountId = accountId;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        IssuedOn = issuedOn;
        DueDate = dueDate;
        PackageCode = packageCode;
        TotalKwh = totalKwh;
        DeferredPaymentDays = deferredPaymentDays;
        _lines.AddRange(lines);
        Amount = Money.Sum(_lines.Select(l => Money.Of(l.Amount))).RoundToFen().Yuan;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    /// <summary>First day of the period (inclusive).</summary>
    public DateOnly PeriodStart { get; private set; }
    /// <summary>Day after the last day of the period (exclusive).</summary>
    public DateOnly PeriodEnd { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    public DateOnly DueDate { get; private set; }
    public string PackageCode { get; private set; } = "";
    public decimal TotalKwh { get; private set; }
    public decimal Amount { get; private set; }
    public decimal PaidAmount { get; private set; }
    public BillStatus Status { get; private set; }
    public IReadOnlyList<BillLine> Lines => _lines;
    public IReadOnlyList<Payment> Payments => _payments;

    /// <summary>Days the tier's deferred-payment privilege added to the standard term when the bill was issued.</summary>
    public int DeferredPaymentDays { get; private set; }

    /// <summary>The financing plan's schedule; empty when the bill is paid in one go.</summary>
    public IReadOnlyList<BillInstalment> Instalments => _instalments;

    public bool IsFinanced => _instalments.Count > 0;

    /// <summary>
    /// Splits the bill into the given instalments. The bill is then due in full on the last instalment's day, so a
    /// customer who keeps to the plan is never late; the instalments must add up to the bill exactly.
    /// </summary>
    public void FinanceInInstalments(IReadOnlyList<InstalmentTerm> terms, DateOnly today)
    {
        if (IsFinanced) throw new DomainException("Financing.AlreadyFinanced", "This bill already has a plan.");
        if (PaidAmount > 0m) throw new DomainException("Financing.PartlyPaid", "A bill with payments cannot be split.");
        if (today > DueDate) throw new DomainException("Financing.PastDue", "A bill past its due date cannot be split.");
        if (terms.Count < 2) throw new DomainException("Financing.InstalmentCount", "A plan has at least two instalments.");
        if (terms.Sum(t => t.Amount) != Amount) throw new DomainException("Financing.SumMismatch", "The instalments must add up to the bill.");
        _instalments.AddRange(terms.Select(t => new BillInstalment(Id, t.Number, t.DueOn, t.Amount)));
        DueDate = terms.Max(t => t.DueOn);
    }

    public decimal Outstanding => Amount - PaidAmount;

    /// <summary>Paid in full no later than the due date.</summary>
    public bool PaidOnTime => Status == BillStatus.Paid && _payments.Count > 0 && _payments.Max(p => p.PaidOn) <= DueDate;

    public int DaysOverdue(DateOnly asOf) =>
        Status == BillStatus.Paid ? Math.Max(0, (_payments.Max(p => p.PaidOn).DayNumber - DueDate.DayNumber))
            : Math.Max(0, asOf.DayNumber - DueDate.DayNumber);

    public Payment RecordPayment(Guid paymentId, DateOnly paidOn, decimal amount, string channel)
    {
        if (amount <= 0) throw new DomainException("Payment.AmountInvalid", "A payment must be positive.");
        if (amount > Outstanding) throw new DomainException("Payment.Overpaid", "A payment cannot exceed the amount outstanding.");
        if (paidOn < IssuedOn) throw new DomainException("Payment.BeforeIssue", "A bill cannot be paid before it is issued.");
        var payment = new Payment(paymentId, Id, AccountId, paidOn, amount, channel);
        _payments.Add(payment);
        PaidAmount += amount;
        Status = PaidAmount == Amount ? BillStatus.Paid : BillStatus.PartiallyPaid;
        return payment;
    }
}

/// <summary>One line of a bill: what was charged, how much of it, at what unit price.</summary>
public sealed class BillLine
{
    private BillLine() { }

    public BillLine(string code, string description, decimal quantity, string unit, decimal unitPrice, decimal amount)
    {
        Code = code;
        Description = description;
        Quantity = quantity;
        Unit = unit;
        UnitPrice = unitPrice;
        Amount = amount;
    }

    public long Id { get; private set; }
    public string Code { get; private set; } = "";
    /// <summary>A localization key with its arguments, e.g. "Energy.Tier1".</summary>
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public string Unit { get; private set; } = "";
    public decimal UnitPrice { get; private set; }
    public decimal Amount { get; private set; }
}

public sealed class Payment
{
    private Payment() { }

    internal Payment(Guid id, Guid billId, Guid accountId, DateOnly paidOn, decimal amount, string channel)
    {
        Id = id;
        BillId = billId;
        AccountId = accountId;
        PaidOn = paidOn;
        Amount = amount;
        Channel = channel;
    }

    public Guid Id { get; private set; }
    public Guid BillId { get; private set; }
    public Guid AccountId { get; private set; }
    public DateOnly PaidOn { get; private set; }
    public decimal Amount { get; private set; }
    public string Channel { get; private set; } = "";
}

public sealed class BillInstalment
{
    private BillInstalment() { }

    internal BillInstalment(Guid billId, int number, DateOnly dueOn, decimal amount)
    {
        BillId = billId;
        Number = number;
        DueOn = dueOn;
        Amount = amount;
    }

    public long Id { get; private set; }
    public Guid BillId { get; private set; }
    public int Number { get; private set; }
    public DateOnly DueOn { get; private set; }
    public decimal Amount { get; private set; }
}
