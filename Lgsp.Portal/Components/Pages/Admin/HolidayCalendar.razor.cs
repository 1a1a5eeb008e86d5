using Lgsp.Forms.Calendar;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Requests;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lgsp.Portal.Components.Pages.Admin;

/// <summary>
/// Administrators keep each year's schedule: the computed defaults (or the shipped 2026 schedule) are shown until
/// someone enters the government's announcement and confirms it.
/// </summary>
public sealed partial class HolidayCalendar
{
    private List<CalendarEntry> _entries = [];
    private int _year;
    private bool _confirmed;
    private string? _error;
    private DateTime? _newDate;
    private CalendarDayKind _newKind = CalendarDayKind.DayOff;
    private string _newName = "";

    [Inject]
    private CalendarService Calendars { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IEnumerable<int> Years => Enumerable.Range(VietnamTime.Today(Time).Year - 1, 5);

    protected override async Task OnInitializedAsync() => await SelectYearAsync(VietnamTime.Today(Time).Year);

    private async Task SelectYearAsync(int year)
    {
        _year = year;
        var schedule = await Calendars.GetYearAsync(year, CancellationToken.None);
        _entries = [.. schedule.Entries];
        _confirmed = schedule.Confirmed;
        _error = null;
    }

    private void Remove(CalendarEntry entry) => _entries.Remove(entry);

    private void Add()
    {
        _error = null;
        if (_newDate is not { } date || _newName.Trim().Length == 0)
        {
            _error = "Chọn ngày và nhập tên.";
            return;
        }

        _entries.RemoveAll(e => e.Date == DateOnly.FromDateTime(date));
        _entries.Add(new CalendarEntry(DateOnly.FromDateTime(date), _newKind, _newName.Trim()));
        _entries.Sort((a, b) => a.Date.CompareTo(b.Date));
        _newDate = null;
        _newName = "";
    }

    private async Task ConfirmAsync()
    {
        _error = null;
        try
        {
            await Calendars.ConfirmYearAsync(_year, _entries, CancellationToken.None);
            Snackbar.Add($"Đã xác nhận lịch năm {_year}.", Severity.Success);
            await SelectYearAsync(_year);
        }
        catch (PortalRuleException exception)
        {
            _error = exception.Message;
        }
    }
}
