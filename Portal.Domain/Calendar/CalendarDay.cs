namespace Portal.Domain.Calendar;

public enum CalendarDayKind
{
    /// <summary>A day off although it may fall Monday–Friday (放假).</summary>
    Holiday = 0,

    /// <summary>A Saturday or Sunday that is a working day to make up for a bridged holiday (调休上班).</summary>
    MakeUpWorkingDay = 1,
}

/// <summary>
/// One exception to the Monday–Friday rule. Stored as data (one row per date) so an admin can enter the
/// State Council notice each November without a release.
/// </summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);
