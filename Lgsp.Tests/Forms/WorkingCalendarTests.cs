using Lgsp.Forms.Calendar;

namespace Lgsp.Tests.Forms;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    [Theory]
    [InlineData("2026-02-13", true)]
    [InlineData("2026-02-16", false)]
    [InlineData("2026-02-20", false)]
    [InlineData("2026-02-23", true)]
    [InlineData("2026-04-24", true)]
    [InlineData("2026-04-27", false)]
    [InlineData("2026-04-28", true)]
    [InlineData("2026-04-30", false)]
    [InlineData("2026-05-01", false)]
    [InlineData("2026-01-01", false)]
    [InlineData("2026-01-02", true)]
    [InlineData("2026-12-05", false)]
    public void IsWorkingDay_Follows2026PublishedSchedule(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date)));
    }

    [Fact]
    public void Published2026_IsConfirmed_AndLaterYearsAreDefaults()
    {
        Assert.True(HolidayDefaults.For(2026).Confirmed);
        Assert.False(HolidayDefaults.For(2027).Confirmed);
    }

    [Fact]
    public void Computed_HolidayOnAWeekend_GetsADayInLieuOnTheNextWorkingDay()
    {
        // 2028: Tết 26/01 (Wednesday), so its eve is Tuesday 25/01 and the five days end Sunday 30/01; 30/04 and
        // 01/05/2028 are Sunday and Monday.
        var schedule = HolidayDefaults.Computed(2028);
        var calendar = new WorkingCalendar(_ => schedule);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2028, 5, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2028, 5, 2)));
        Assert.StartsWith("Nghỉ bù", calendar.Describe(new DateOnly(2028, 5, 2)), StringComparison.Ordinal);
        Assert.True(calendar.IsWorkingDay(new DateOnly(2028, 5, 3)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2028, 1, 31)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2028, 2, 1)));
    }

    [Fact]
    public void WorkingSaturday_CountsAsAWorkingDay()
    {
        var saturday = new DateOnly(2027, 1, 9);
        var schedule = HolidayDefaults.Computed(2027) with
        {
            Entries = [.. HolidayDefaults.Computed(2027).Entries,
                new CalendarEntry(saturday, CalendarDayKind.WorkingDay, "Làm bù")],
        };
        var calendar = new WorkingCalendar(_ => schedule);

        var due = Deadline.From(calendar, new DateOnly(2027, 1, 5)).Due;

        Assert.True(calendar.IsWorkingDay(saturday));
        Assert.Equal(new DateOnly(2027, 1, 11), due);
    }

    [Fact]
    public void Deadline_OrdinaryWeek_IsTheFifthWorkingDayAfterArrival()
    {
        var deadline = Deadline.From(Calendar, new DateOnly(2026, 3, 2));

        Assert.Equal(new DateOnly(2026, 3, 9), deadline.Due);
    }

    [Fact]
    public void Deadline_CompletedJustBeforeTet_SkipsTheWholeHoliday()
    {
        // Arrives Thursday 12/02/2026: Friday 13/02 counts, Tết runs Saturday 14/02–Sunday 22/02, then four more.
        var deadline = Deadline.From(Calendar, new DateOnly(2026, 2, 12));

        Assert.Equal(new DateOnly(2026, 2, 26), deadline.Due);
        Assert.Equal(5, deadline.DaysLeft(Calendar, new DateOnly(2026, 2, 12)));
        Assert.Equal(4, deadline.DaysLeft(Calendar, new DateOnly(2026, 2, 13)));
        Assert.Equal(4, deadline.DaysLeft(Calendar, new DateOnly(2026, 2, 18)));
    }

    [Fact]
    public void Deadline_AcrossHungKingsDayInLieu_SkipsTheMonday()
    {
        var deadline = Deadline.From(Calendar, new DateOnly(2026, 4, 22));

        // 23, 24, (25–26 weekend, 27 in lieu) 28, 29, (30/4 and 1/5 holidays, weekend) 04/05.
        Assert.Equal(new DateOnly(2026, 5, 4), deadline.Due);
    }

    [Fact]
    public void Deadline_AfterTheDueDay_IsOverdueByWorkingDays()
    {
        var deadline = Deadline.From(Calendar, new DateOnly(2026, 3, 2));

        Assert.False(deadline.IsOverdue(new DateOnly(2026, 3, 9)));
        Assert.Equal("Đến hạn hôm nay", deadline.Describe(Calendar, new DateOnly(2026, 3, 9)));
        Assert.True(deadline.IsOverdue(new DateOnly(2026, 3, 10)));
        Assert.Equal(3, deadline.DaysOverdue(Calendar, new DateOnly(2026, 3, 12)));
        Assert.Equal("Quá hạn 3 ngày làm việc", deadline.Describe(Calendar, new DateOnly(2026, 3, 12)));
    }
}
