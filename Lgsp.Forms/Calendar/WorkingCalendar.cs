namespace Lgsp.Forms.Calendar;

/// <summary>
/// Working days of state agencies: Monday to Friday, less the days off of each year's schedule, plus the weekend
/// days the schedule makes working days.
/// </summary>
/// <param name="schedules">The schedule of a year: stored by an administrator, or the defaults.</param>
public sealed class WorkingCalendar(Func<int, YearSchedule> schedules)
{
    private readonly Dictionary<int, Dictionary<DateOnly, CalendarEntry>> _years = [];

    /// <summary>A calendar on the schedules the product ships, for tests and for years nobody has entered.</summary>
    public static WorkingCalendar Default { get; } = new(HolidayDefaults.For);

    /// <summary>True when state agencies work on that day.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (EntriesOf(date.Year).TryGetValue(date, out var entry))
        {
            return entry.Kind == CalendarDayKind.WorkingDay;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The why of a date that is not an ordinary working day, e.g. "Tết Nguyên Đán", else null.</summary>
    public string? Describe(DateOnly date) => EntriesOf(date.Year).TryGetValue(date, out var e) ? e.Name : null;

    /// <summary>
    /// The <paramref name="count"/>-th working day after <paramref name="start"/>, which itself is not counted.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = start;
        for (var counted = 0; counted < count;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>The working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    private Dictionary<DateOnly, CalendarEntry> EntriesOf(int year)
    {
        lock (_years)
        {
            if (!_years.TryGetValue(year, out var entries))
            {
                entries = schedules(year).Entries.ToDictionary(e => e.Date);
                _years[year] = entries;
            }

            return entries;
        }
    }
}
