using Portal.Domain.Common;

namespace Portal.Domain.Tariffs;

/// <summary>A billing period [Start, End) of whole local days.</summary>
public readonly record struct BillingPeriod
{
    public BillingPeriod(DateOnly start, DateOnly end)
    {
        if (end <= start) throw new DomainException("Tariff.PeriodEmpty", $"Billing period {start}–{end} is empty.");
        Start = start;
        End = end;
    }

    public DateOnly Start { get; }
    public DateOnly End { get; }
    public int Days => End.DayNumber - Start.DayNumber;

    public static BillingPeriod Month(int year, int month) => new(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1));

    public bool Contains(DateOnly d) => d >= Start && d < End;

    /// <summary>
    /// Months of monthly charges (basic charge, fixed fee) the period carries: each calendar month contributes
    /// days-in-period / days-in-month, so a calendar month is exactly 1 and a 15-day half of June is 0.5.
    /// </summary>
    public decimal Months
    {
        get
        {
            var total = 0m;
            var d = Start;
            while (d < End)
            {
                var monthStart = new DateOnly(d.Year, d.Month, 1);
                var nextMonth = monthStart.AddMonths(1);
                var until = nextMonth < End ? nextMonth : End;
                var daysInMonth = DateTime.DaysInMonth(d.Year, d.Month);
                total += until.DayNumber - d.DayNumber == daysInMonth ? 1m : (decimal)(until.DayNumber - d.DayNumber) / daysInMonth;
                d = until;
            }
            return total;
        }
    }
}
