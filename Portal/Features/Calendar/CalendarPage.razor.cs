using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;
using Portal.Domain.Calendar;
using Portal.Domain.Common;

namespace Portal.Features.Calendar;

public partial class CalendarPage
{
    [Inject] private CalendarAdminService Calendar { get; set; } = default!;
    [Inject] private IOptions<CalendarOptions> Options { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private int year;
    private CalendarYearView? view;
    private string? error;
    private bool busy;
    private int revision;

    private string holidayName = "";
    private DateTime? holidayFirst;
    private int holidayDays = 1;
    private string makeUpName = "";
    private DateTime? makeUpDate;

    private CalendarDayView? editing;
    private DateTime? editDate;
    private CalendarDayKind editKind;
    private string editName = "";

    private int RefreshMinutes => Math.Max(1, (Options.Value.RefreshSeconds + 59) / 60);

    /// <summary>A few past years to look back at, through the last year an admin may enter.</summary>
    private IEnumerable<int> Years
    {
        get
        {
            var today = Calendar.Today;
            var first = Math.Max(CalendarRules.FirstYear, Math.Min(year, today.Year - 2));
            return Enumerable.Range(first, CalendarRules.LastYear(today) - first + 1);
        }
    }

    protected override async Task OnInitializedAsync()
    {
        var today = Calendar.Today;
        // From November the coming year is what the admin came for.
        year = today.Month >= CalendarRules.NoticeMonth ? today.Year + 1 : today.Year;
        await LoadAsync();
    }

    private async Task LoadAsync() => view = await Calendar.YearAsync(year);

    private async Task YearChangedAsync(int value)
    {
        year = value;
        editing = null;
        error = null;
        await LoadAsync();
    }

    private Task AddHolidayAsync() => RunAsync(async user =>
    {
        if (holidayFirst is null) throw new DomainException("Calendar.DateRequired", "Choose a date.");
        var first = DateOnly.FromDateTime(holidayFirst.Value);
        await Calendar.AddHolidayPeriodAsync(user, holidayName, first, holidayDays);
        (holidayName, holidayFirst, holidayDays) = ("", null, 1);
        return first;
    }, "Calendar.Added");

    private Task AddMakeUpAsync() => RunAsync(async user =>
    {
        if (makeUpDate is null) throw new DomainException("Calendar.DateRequired", "Choose a date.");
        var date = DateOnly.FromDateTime(makeUpDate.Value);
        await Calendar.AddMakeUpDayAsync(user, makeUpName, date);
        (makeUpName, makeUpDate) = ("", null);
        return date;
    }, "Calendar.Added");

    private void StartEdit(CalendarDayView day)
    {
        editing = day;
        (editDate, editKind, editName) = (day.Date.ToDateTime(TimeOnly.MinValue), day.Kind, day.Name);
        error = null;
    }

    private void CancelEdit() => editing = null;

    private Task SaveEditAsync() => RunAsync(async user =>
    {
        if (editDate is null) throw new DomainException("Calendar.DateRequired", "Choose a date.");
        var date = DateOnly.FromDateTime(editDate.Value);
        await Calendar.UpdateDayAsync(user, editing!.Id, date, editKind, editName);
        editing = null;
        return date;
    }, "Calendar.Saved");

    private Task RemoveAsync(CalendarDayView day) => RunAsync(async user =>
    {
        await Calendar.RemoveDayAsync(user, day.Id);
        if (editing?.Id == day.Id) editing = null;
        return day.Date;
    }, "Calendar.Removed");

    private Task OfficialChangedAsync(bool official) => RunAsync(async user =>
    {
        await Calendar.SetOfficialAsync(user, year, official);
        return new DateOnly(year, 1, 1);
    }, "Calendar.Saved");

    /// <summary>Runs one save; on success shows the year of the changed date, on a broken rule its localized reason.</summary>
    private async Task RunAsync(Func<System.Security.Claims.ClaimsPrincipal, Task<DateOnly>> save, string doneKey)
    {
        busy = true;
        error = null;
        try
        {
            var user = (await Auth).User;
            var date = await save(user);
            year = date.Year;
            revision++;
            await LoadAsync();
            Snackbar.Add(doneKey switch
            {
                "Calendar.Added" => L["Calendar.Added"],
                "Calendar.Removed" => L["Calendar.Removed"],
                _ => L["Calendar.Saved"],
            }, Severity.Success);
        }
        catch (DomainException e)
        {
            error = L[e.Code];
        }
        finally
        {
            busy = false;
        }
    }

    private string KindText(CalendarDayKind kind) => kind == CalendarDayKind.Holiday ? L["Calendar.Kind.Holiday"] : L["Calendar.Kind.MakeUpWorkingDay"];

    private static string DayName(DateOnly date) => CultureInfo.CurrentCulture.DateTimeFormat.GetAbbreviatedDayName(date.DayOfWeek);

    private string ChangedBy(CalendarDayView d) => d.ChangedBy == CalendarAdminService.SeedUser ? L["Calendar.SeedUser"] : d.ChangedBy;
}
