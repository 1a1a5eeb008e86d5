using System.Globalization;
using Lgsp.Forms.Calendar;

namespace Lgsp.Tests.Forms;

public sealed class VietnameseLunarCalendarTests
{
    // Tết Nguyên Đán and Giỗ Tổ Hùng Vương (10/3 âm lịch) as Vietnamese calendars print them (lịch vạn niên, the
    // Hồ Ngọc Đức tables for UTC+7), 2024–2035.
    public static TheoryData<int, string, string> PublishedDates => new()
    {
        { 2024, "10/02/2024", "18/04/2024" },
        { 2025, "29/01/2025", "07/04/2025" },
        { 2026, "17/02/2026", "26/04/2026" },
        { 2027, "06/02/2027", "16/04/2027" },
        { 2028, "26/01/2028", "04/04/2028" },
        { 2029, "13/02/2029", "23/04/2029" },
        { 2030, "02/02/2030", "12/04/2030" },
        { 2031, "23/01/2031", "01/04/2031" },
        { 2032, "11/02/2032", "19/04/2032" },
        { 2033, "31/01/2033", "09/04/2033" },
        { 2034, "19/02/2034", "28/04/2034" },
        { 2035, "08/02/2035", "17/04/2035" },
    };

    [Theory]
    [MemberData(nameof(PublishedDates))]
    public void NewYearAndHungKingsDay_MatchThePublishedVietnameseTable(int year, string tet, string hungKings)
    {
        Assert.Equal(Parse(tet), VietnameseLunarCalendar.NewYear(year));
        Assert.Equal(Parse(hungKings), VietnameseLunarCalendar.HungKingsDay(year));
    }

    [Fact]
    public void NewYear2030_IsADayBeforeTheChineseCalendars()
    {
        var chinese = new ChineseLunisolarCalendar();

        var vietnamese = VietnameseLunarCalendar.NewYear(2030);

        Assert.Equal(new DateOnly(2030, 2, 2), vietnamese);
        Assert.Equal(new DateOnly(2030, 2, 3), DateOnly.FromDateTime(chinese.ToDateTime(2030, 1, 1, 0, 0, 0, 0)));
    }

    [Fact]
    public void ToGregorian_LeapMonth_ExistsOnlyInItsYear()
    {
        // 2025 repeats the 6th month (tháng 6 nhuận, from 25/07/2025); 2026 has no leap month.
        Assert.Equal(new DateOnly(2025, 7, 25), VietnameseLunarCalendar.ToGregorian(1, 6, 2025, leapMonth: true));
        Assert.Equal(new DateOnly(2025, 6, 25), VietnameseLunarCalendar.ToGregorian(1, 6, 2025));
        Assert.Null(VietnameseLunarCalendar.ToGregorian(1, 6, 2026, leapMonth: true));
        Assert.Null(VietnameseLunarCalendar.ToGregorian(1, 5, 2025, leapMonth: true));
    }

    private static DateOnly Parse(string text) => DateOnly.ParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture);
}
