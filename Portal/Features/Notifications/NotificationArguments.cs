using System.Globalization;

namespace Portal.Features.Notifications;

/// <summary>
/// A notification's stored arguments: one invariant text (an account or tracking number), or several joined by
/// <see cref="Separator"/>. In a joined list a month is stored as yyyy-MM and read back as a date, so the bell's text formats
/// it in the reader's language (<c>{1:MMMM yyyy}</c>, <c>{1:yyyy年M月}</c>) — the row is written once for either language.
/// </summary>
public static class NotificationArguments
{
    public const char Separator = '\u001F';

    public static string Join(params string[] values) => string.Join(Separator, values);

    public static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static object[] Split(string arguments)
    {
        if (!arguments.Contains(Separator)) return [arguments];
        return arguments.Split(Separator).Select(v =>
            DateTime.TryParseExact(v, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? (object)month : v).ToArray();
    }
}
