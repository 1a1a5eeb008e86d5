using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Lgsp.Directory;

/// <summary>
/// An agency's state identifier (mã định danh), <c>VVV.ZZ.YY.HHH</c>: four dot-separated groups read right to
/// left, <c>HHH</c> level 1 (a letter and two digits), <c>YY</c> level 2, <c>ZZ</c> level 3, <c>VVV</c> level 4.
/// Unused levels are zeros, and a level can only be used when every level above it is.
/// </summary>
/// <remarks>Structure from Thông tư 10/2016/TT-BTTTT and Điều 4 of QĐ 20/2020/QĐ-TTg.</remarks>
public readonly record struct AgencyIdentifier
{
    private AgencyIdentifier(string level4, string level3, string level2, string level1)
    {
        Value = $"{level4}.{level3}.{level2}.{level1}";
        Level = level2 == "00" ? 1 : level3 == "00" ? 2 : level4 == "000" ? 3 : 4;
    }

    /// <summary>The identifier in its canonical form (upper-case level-1 letter).</summary>
    public string Value { get; }

    /// <summary>1 for a province or central body, down to 4 for the lowest units.</summary>
    public int Level { get; }

    /// <summary>The identifier of the body one level up, or null for a level-1 body.</summary>
    public AgencyIdentifier? Parent
    {
        get
        {
            var groups = Value.Split('.');
            return Level switch
            {
                1 => null,
                2 => new AgencyIdentifier("000", "00", "00", groups[3]),
                3 => new AgencyIdentifier("000", "00", groups[2], groups[3]),
                _ => new AgencyIdentifier("000", groups[1], groups[2], groups[3]),
            };
        }
    }

    /// <summary>Parses an identifier or throws <see cref="FormatException"/> with the reason in Vietnamese.</summary>
    public static AgencyIdentifier Parse(string text) =>
        TryParse(text, out var identifier, out var error) ? identifier : throw new FormatException(error);

    /// <summary>Parses an identifier; on failure <paramref name="error"/> says why, in Vietnamese.</summary>
    public static bool TryParse(
        string? text,
        out AgencyIdentifier identifier,
        [NotNullWhen(false)] out string? error)
    {
        identifier = default;
        var groups = (text ?? "").Trim().Split('.');
        if (groups.Length != 4)
        {
            error = "Mã định danh phải gồm 4 nhóm cách nhau bởi dấu chấm (VVV.ZZ.YY.HHH).";
            return false;
        }

        var (level4, level3, level2, level1) = (groups[0], groups[1], groups[2], groups[3].ToUpperInvariant());
        if (!IsDigits(level4, 3) || !IsDigits(level3, 2) || !IsDigits(level2, 2))
        {
            error = "Các nhóm VVV, ZZ, YY phải lần lượt gồm 3, 2, 2 chữ số.";
            return false;
        }

        if (level1.Length != 3 || level1[0] is < 'A' or > 'Z' || !IsDigits(level1[1..], 2))
        {
            error = "Nhóm cấp 1 (HHH) phải gồm một chữ cái và hai chữ số, ví dụ H06.";
            return false;
        }

        if ((level2 == "00" && level3 != "00") || (level3 == "00" && level4 != "000"))
        {
            error = "Các cấp dưới phải để 0 khi cấp trên của chúng còn là 0.";
            return false;
        }

        identifier = new AgencyIdentifier(level4, level3, level2, level1);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static bool IsDigits(string text, int length) =>
        text.Length == length && text.All(char.IsAsciiDigit)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
