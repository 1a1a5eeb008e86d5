namespace Lgsp.Forms.Calendar;

/// <summary>
/// The Vietnamese lunisolar calendar (âm lịch), computed for the meridian 105°E (UTC+7) as Vietnam has used since
/// 1968. It is not .NET's <c>ChineseLunisolarCalendar</c>, which is computed for 120°E: when a new moon falls
/// between 16:00 and 17:00 UTC the two calendars start the month on different days (Tết 2030 is 02/02 in Vietnam,
/// 03/02 in China), and leap months can differ too.
/// </summary>
/// <remarks>
/// A month starts on the day (local time) of a new moon; the month holding the winter solstice is month 11; a
/// lunar year with thirteen months repeats the first month after month 11 that holds no major solar term. New
/// moons and the sun's longitude follow the series in Meeus, <i>Astronomical Algorithms</i>, which are accurate
/// to minutes for 1900–2100, well inside what the day boundary needs.
/// </remarks>
public static class VietnameseLunarCalendar
{
    private const double TimeZoneHours = 7.0;
    private const double SynodicMonth = 29.530588853;
    private const double NewMoonEpoch = 2415021.076998695;
    private const double Degrees = Math.PI / 180;

    /// <summary>The Gregorian date of a lunar date, or null when the lunar date does not exist.</summary>
    /// <param name="day">Day of the lunar month, 1–30.</param>
    /// <param name="month">Lunar month, 1–12.</param>
    /// <param name="year">The lunar year, named by the Gregorian year in which it mostly falls.</param>
    /// <param name="leapMonth">True for the repeated (leap) month of that number.</param>
    public static DateOnly? ToGregorian(int day, int month, int year, bool leapMonth = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, 30);

        var (a11, b11) = month < 11
            ? (MonthElevenStart(year - 1), MonthElevenStart(year))
            : (MonthElevenStart(year), MonthElevenStart(year + 1));
        var k = (int)Math.Floor(0.5 + (a11 - NewMoonEpoch) / SynodicMonth);
        var offset = (month - 11 + 12) % 12;
        if (b11 - a11 > 365)
        {
            var leapOffset = LeapMonthOffset(a11);
            var leapNumber = (leapOffset - 2 + 12) % 12;
            if (leapMonth && month != leapNumber)
            {
                return null;
            }

            if (leapMonth || offset >= leapOffset)
            {
                offset++;
            }
        }
        else if (leapMonth)
        {
            return null;
        }

        var monthStart = NewMoonDay(k + offset);
        var monthLength = NewMoonDay(k + offset + 1) - monthStart;
        return day > monthLength ? null : FromJulianDay(monthStart + day - 1);
    }

    /// <summary>The first day of the lunar new year (Tết Nguyên Đán) in the given Gregorian year.</summary>
    public static DateOnly NewYear(int year) => ToGregorian(1, 1, year)!.Value;

    /// <summary>Hùng Kings' Commemoration Day, the 10th day of the 3rd lunar month, in the given year.</summary>
    public static DateOnly HungKingsDay(int year) => ToGregorian(10, 3, year)!.Value;

    /// <summary>The Julian day number at which the lunar month holding the winter solstice of a year starts.</summary>
    private static int MonthElevenStart(int year)
    {
        var offset = JulianDay(new DateOnly(year, 12, 31)) - 2415021;
        var k = (int)Math.Floor(offset / SynodicMonth);
        var newMoon = NewMoonDay(k);

        // A new moon after the sun has passed 270° (the solstice) starts month 12; month 11 began one earlier.
        return SunSector(newMoon) >= 9 ? NewMoonDay(k - 1) : newMoon;
    }

    /// <summary>How many months after month 11 the leap month comes: the first with no major solar term.</summary>
    private static int LeapMonthOffset(int monthElevenStart)
    {
        var k = (int)Math.Floor((monthElevenStart - NewMoonEpoch) / SynodicMonth + 0.5);
        var i = 1;
        var sector = SunSector(NewMoonDay(k + i));
        int previous;
        do
        {
            previous = sector;
            i++;
            sector = SunSector(NewMoonDay(k + i));
        }
        while (sector != previous && i < 14);

        return i - 1;
    }

    /// <summary>The local day (Julian day number) of the k-th new moon after 1 January 1900.</summary>
    private static int NewMoonDay(int k) => (int)Math.Floor(NewMoon(k) + 0.5 + TimeZoneHours / 24);

    /// <summary>The 30° sector (0–11) the sun is in at the start of a local day.</summary>
    private static int SunSector(int julianDay) =>
        (int)Math.Floor(SunLongitude(julianDay - 0.5 - TimeZoneHours / 24) / Math.PI * 6);

    /// <summary>The Julian date of the k-th new moon after 1 January 1900 (Meeus, chapter 49, abridged).</summary>
    private static double NewMoon(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        var mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
            + 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * Degrees);
        var sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * Degrees;
        var moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * Degrees;
        var latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * Degrees;
        var correction = (0.1734 - 0.000393 * t) * Math.Sin(sunAnomaly)
            + 0.0021 * Math.Sin(2 * sunAnomaly)
            - 0.4068 * Math.Sin(moonAnomaly)
            + 0.0161 * Math.Sin(2 * moonAnomaly)
            - 0.0004 * Math.Sin(3 * moonAnomaly)
            + 0.0104 * Math.Sin(2 * latitude)
            - 0.0051 * Math.Sin(sunAnomaly + moonAnomaly)
            - 0.0074 * Math.Sin(sunAnomaly - moonAnomaly)
            + 0.0004 * Math.Sin(2 * latitude + sunAnomaly)
            - 0.0004 * Math.Sin(2 * latitude - sunAnomaly)
            - 0.0006 * Math.Sin(2 * latitude + moonAnomaly)
            + 0.0010 * Math.Sin(2 * latitude - moonAnomaly)
            + 0.0005 * Math.Sin(2 * moonAnomaly + sunAnomaly);

        // Terrestrial to universal time: the polynomial for ΔT that fits the twentieth and twenty-first centuries.
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return mean + correction - deltaT;
    }

    /// <summary>The sun's apparent ecliptic longitude in radians, 0–2π, at a Julian date.</summary>
    private static double SunLongitude(double julianDate)
    {
        var t = (julianDate - 2451545.0) / 36525;
        var t2 = t * t;
        var anomaly = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * Degrees;
        var meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var centre = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(anomaly)
            + (0.019993 - 0.000101 * t) * Math.Sin(2 * anomaly)
            + 0.000290 * Math.Sin(3 * anomaly);
        var longitude = (meanLongitude + centre) * Degrees;
        return longitude - 2 * Math.PI * Math.Floor(longitude / (2 * Math.PI));
    }

    private static int JulianDay(DateOnly date) => date.DayNumber + 1721426;

    private static DateOnly FromJulianDay(int julianDay) => DateOnly.FromDayNumber(julianDay - 1721426);
}
