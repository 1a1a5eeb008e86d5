namespace Lgsp.Portal.Statistics;

/// <summary>
/// The one rule for the periods that statistics pages and reports take: Vietnamese calendar days, both included,
/// the first not after the last, at most three years (the raw records are kept two; the aggregates longer).
/// </summary>
public static class Periods
{
    public const int MaxDays = 3 * 366;

    /// <summary>Why a period cannot be shown, in words for the person who chose it; null when it can.</summary>
    public static string? Problem(DateOnly? from, DateOnly? to) =>
        from is not { } first || to is not { } last ? "Chọn cả từ ngày và đến ngày."
        : last < first ? "Từ ngày không được sau đến ngày."
        : last.DayNumber - first.DayNumber >= MaxDays ? $"Khoảng thời gian không quá 3 năm ({MaxDays} ngày)."
        : null;

    /// <summary>A date picker's value as a day.</summary>
    public static DateOnly? Day(DateTime? picked) => picked is { } value ? DateOnly.FromDateTime(value) : null;
}
