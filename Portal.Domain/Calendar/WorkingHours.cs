using Portal.Domain.Common;

namespace Portal.Domain.Calendar;

/// <summary>The daily service window, local time, e.g. 08:30–17:30. Closing is exclusive.</summary>
public sealed record WorkingHours
{
    public WorkingHours(TimeOnly opens, TimeOnly closes)
    {
        if (closes <= opens)
            throw new DomainException("Calendar.InvalidWorkingHours",
                $"Working hours must close after they open ({opens:HH\\:mm}–{closes:HH\\:mm}).");
        Opens = opens;
        Closes = closes;
    }

    public TimeOnly Opens { get; }
    public TimeOnly Closes { get; }
    public TimeSpan Length => Closes - Opens;

    public static WorkingHours Default { get; } = new(new TimeOnly(8, 30), new TimeOnly(17, 30));
}
