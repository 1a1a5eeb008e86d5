namespace Lgsp.Directory;

/// <summary>The data types an agency's systems can accept through the broker.</summary>
public static class DataTypes
{
    /// <summary>Every data type the broker knows, in the order of the wire contract.</summary>
    public static IReadOnlyList<string> All { get; } = ["edxml", "json", "xml", "pdf", "binary"];

    /// <summary>Whether <paramref name="dataType"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string dataType) => All.Contains(dataType, StringComparer.Ordinal);
}
