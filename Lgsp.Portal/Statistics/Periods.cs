namespace Lgsp.Portal.Statistics;

/// <summary>
/// The one rule for the periods that statistics pages and reports take: Vietnamese calendar days, both included,
/// the first not after the last, at most three years (the raw records are kept two; the aggregates longer), and
/// for reports and the dashboard nothing after today (a period that has not happened would be titled as if it had).
/// </summary>
public static class Periods
{
    public const int MaxDays = 3 * 366;

    /// <summary>
    /// Why a period cannot be shown, in words for the person who chose it; null when it can. Given
    /// <paramref name="today"/>, a period reaching past it is refused too.
    /// </summary>
    public static string? Problem(DateOnly? from, DateOnly? to, DateOnly? today = null) =>
        from is not { } first || to is not { } last ? "Chọn cả “Từ ngày” và “Đến ngày”."
        : last < first ? "“Từ ngày” không được sau “Đến ngày”."
        : last.DayNumber - first.DayNumber >= MaxDays
            ? $"Khoảng thời gian không được quá 3 năm ({MaxDays} ngày)."
        : today is { } now && last > now
            ? $"“Đến ngày” không được sau hôm nay ({now.ToString("dd/MM/yyyy", VietnamTime.Culture)})."
        : null;

    /// <summary>A date picker's value as a day.</summary>
    public static DateOnly? Day(DateTime? picked) => picked is { } value ? DateOnly.FromDateTime(value) : null;
}
