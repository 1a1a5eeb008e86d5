namespace Lgsp.Directory;

/// <summary>Where an agency stands in the directory's history (Điều 6.2).</summary>
public enum AgencyStatus
{
    /// <summary>In operation under this identifier.</summary>
    Active,

    /// <summary>Renamed: the identifier is retired and one successor carries on.</summary>
    Renamed,

    /// <summary>Merged into another body, its successor.</summary>
    Merged,

    /// <summary>Split into several successors.</summary>
    Split,

    /// <summary>Dissolved, possibly with bodies that took over its work.</summary>
    Dissolved,
}

/// <summary>Text forms of <see cref="AgencyStatus"/> for CSV files and the command line.</summary>
public static class AgencyStatusText
{
    /// <summary>The lower-case word used in files, e.g. <c>merged</c>.</summary>
    public static string ToWord(this AgencyStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The Vietnamese label shown in the portal.</summary>
    public static string ToLabel(this AgencyStatus status) => status switch
    {
        AgencyStatus.Active => "Đang hoạt động",
        AgencyStatus.Renamed => "Đã đổi tên",
        AgencyStatus.Merged => "Đã sáp nhập",
        AgencyStatus.Split => "Đã chia tách",
        AgencyStatus.Dissolved => "Đã giải thể",
        _ => status.ToString(),
    };

    /// <summary>Reads a status word, ignoring case; an empty word means <see cref="AgencyStatus.Active"/>.</summary>
    public static bool TryParse(string? word, out AgencyStatus status)
    {
        status = AgencyStatus.Active;
        if (string.IsNullOrWhiteSpace(word))
        {
            return true;
        }

        return Enum.TryParse(word.Trim(), ignoreCase: true, out status)
            && Enum.IsDefined(status)
            && !int.TryParse(word, out _);
    }

    /// <summary>Whether an agency in this status must name at least one successor.</summary>
    public static bool RequiresSuccessor(this AgencyStatus status) =>
        status is AgencyStatus.Renamed or AgencyStatus.Merged or AgencyStatus.Split;
}
