namespace Lgsp.Forms.Calendar;

/// <summary>
/// The schedules the product knows without an administrator: the published 2026 schedule, and for any other
/// year the public holidays of the Labour Code 2019 (Điều 112) with days in lieu (Điều 111.3), computed.
/// </summary>
public static class HolidayDefaults
{
    private const string NewYearsDay = "Tết Dương lịch";
    private const string LunarNewYear = "Tết Nguyên Đán";
    private const string HungKings = "Giỗ Tổ Hùng Vương";
    private const string ReunificationDay = "Ngày Chiến thắng 30/4";
    private const string LabourDay = "Ngày Quốc tế Lao động 1/5";
    private const string NationalDay = "Quốc khánh 2/9";
    private const string InLieu = "Nghỉ bù";

    /// <summary>The schedule for a year: the published one where the product ships it, else the computed one.</summary>
    public static YearSchedule For(int year) => year == 2026 ? Published2026 : Computed(year);

    /// <summary>
    /// 2026 as the government announced it for public servants: Tết from Saturday 14/02 to Sunday 22/02, and
    /// Monday 27/04 in lieu of Hùng Kings' day, which fell on Sunday 26/04.
    /// </summary>
    public static YearSchedule Published2026 { get; } = new(2026,
    [
        new(new DateOnly(2026, 1, 1), CalendarDayKind.DayOff, NewYearsDay),
        .. Enumerable.Range(14, 9).Select(day =>
            new CalendarEntry(new DateOnly(2026, 2, day), CalendarDayKind.DayOff, LunarNewYear)),
        new(new DateOnly(2026, 4, 26), CalendarDayKind.DayOff, HungKings),
        new(new DateOnly(2026, 4, 27), CalendarDayKind.DayOff, $"{InLieu} {HungKings}"),
        new(new DateOnly(2026, 4, 30), CalendarDayKind.DayOff, ReunificationDay),
        new(new DateOnly(2026, 5, 1), CalendarDayKind.DayOff, LabourDay),
        new(new DateOnly(2026, 9, 1), CalendarDayKind.DayOff, NationalDay),
        new(new DateOnly(2026, 9, 2), CalendarDayKind.DayOff, NationalDay),
    ], Confirmed: true);

    /// <summary>
    /// The Labour Code's holidays for a year: 1/1; five days of Tết, taken as the last day of the lunar year and
    /// the first four of the new one; Hùng Kings' day (10/3 lunar); 30/4; 1/5; 2/9 with one day next to it (the
    /// Monday before when 2/9 is a Tuesday, the day after when it is a Monday or Thursday, else the day before);
    /// and a day in lieu, on the next working day, for every holiday that falls on a Saturday or Sunday.
    /// </summary>
    public static YearSchedule Computed(int year)
    {
        var newYear = VietnameseLunarCalendar.NewYear(year);
        var nationalDay = new DateOnly(year, 9, 2);
        var nextToNationalDay = nationalDay.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Thursday
            ? nationalDay.AddDays(1)
            : nationalDay.AddDays(-1);
        List<CalendarEntry> holidays =
        [
            new(new DateOnly(year, 1, 1), CalendarDayKind.DayOff, NewYearsDay),
            .. Enumerable.Range(-1, 5).Select(offset =>
                new CalendarEntry(newYear.AddDays(offset), CalendarDayKind.DayOff, LunarNewYear)),
            new(VietnameseLunarCalendar.HungKingsDay(year), CalendarDayKind.DayOff, HungKings),
            new(new DateOnly(year, 4, 30), CalendarDayKind.DayOff, ReunificationDay),
            new(new DateOnly(year, 5, 1), CalendarDayKind.DayOff, LabourDay),
            new(nationalDay, CalendarDayKind.DayOff, NationalDay),
            new(nextToNationalDay, CalendarDayKind.DayOff, NationalDay),
        ];
        holidays.Sort((a, b) => a.Date.CompareTo(b.Date));

        var taken = holidays.Select(h => h.Date).ToHashSet();
        var inLieu = new List<CalendarEntry>();
        foreach (var holiday in holidays.Where(h => IsWeekend(h.Date)))
        {
            var day = holiday.Date.AddDays(1);
            while (IsWeekend(day) || taken.Contains(day))
            {
                day = day.AddDays(1);
            }

            taken.Add(day);
            inLieu.Add(new CalendarEntry(day, CalendarDayKind.DayOff, $"{InLieu} {holiday.Name}"));
        }

        return new YearSchedule(year, [.. holidays.Concat(inLieu).OrderBy(e => e.Date)], Confirmed: false);
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
