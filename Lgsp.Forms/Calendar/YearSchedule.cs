namespace Lgsp.Forms.Calendar;

/// <summary>What a dated entry of the yearly schedule does to a day.</summary>
public enum CalendarDayKind
{
    /// <summary>A public holiday, a day of Tết, a day in lieu or another day off for state agencies.</summary>
    DayOff,

    /// <summary>A Saturday or Sunday the government makes a working day (làm bù).</summary>
    WorkingDay,
}

/// <summary>One dated exception to the Monday-to-Friday week, with its name as the schedule announces it.</summary>
public sealed record CalendarEntry(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>
/// A year's schedule of days off and working weekend days for public servants (lịch nghỉ lễ, Tết). A schedule
/// is <see cref="Confirmed"/> when it is the one the government published, entered or checked by an administrator;
/// otherwise it is computed from the Labour Code and shown as a default.
/// </summary>
public sealed record YearSchedule(int Year, IReadOnlyList<CalendarEntry> Entries, bool Confirmed)
{
    /// <summary>The entry for a date, if the schedule has one.</summary>
    public CalendarEntry? Find(DateOnly date) => Entries.FirstOrDefault(e => e.Date == date);
}
