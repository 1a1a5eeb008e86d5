using System.Globalization;

namespace Lgsp.Portal;

/// <summary>Vietnam's civil time (UTC+7, no daylight saving) and the portal's display formats.</summary>
public static class VietnamTime
{
    /// <summary>The fixed offset of Indochina Time.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The culture the portal's pages format with: dates dd/MM/yyyy, numbers 1.234,5.</summary>
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>A UTC instant in Vietnam's time.</summary>
    public static DateTimeOffset ToLocal(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset);

    /// <summary>The Vietnamese calendar day an instant falls on.</summary>
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc).DateTime);

    /// <summary>Today's date in Vietnam.</summary>
    public static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(ToLocal(time.GetUtcNow().UtcDateTime).DateTime);

    /// <summary>A UTC instant as "dd/MM/yyyy HH:mm:ss" in Vietnam's time.</summary>
    public static string FormatDateTime(DateTime utc) =>
        ToLocal(utc).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A date as "dd/MM/yyyy".</summary>
    public static string FormatDate(DateOnly? date) =>
        date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";
}
