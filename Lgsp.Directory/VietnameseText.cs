using System.Globalization;
using System.Text;

namespace Lgsp.Directory;

/// <summary>Text rules for Vietnamese input: normalisation at the boundary and folding for search.</summary>
public static class VietnameseText
{
    /// <summary>Trims and normalises to Unicode NFC, the form every stored and printed text takes.</summary>
    public static string Normalize(string? text) => (text ?? "").Trim().Normalize(NormalizationForm.FormC);

    /// <summary>
    /// Folds text for comparison: lower case, tone and vowel marks removed, "đ" read as "d", runs of
    /// non-alphanumeric characters collapsed to one space. "Sở Thông tin" and "so  thong-tin" fold alike.
    /// </summary>
    public static string Fold(string? text)
    {
        var decomposed = (text ?? "").Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c);
            if (!char.IsLetterOrDigit(lower) && lower != '.')
            {
                pendingSpace = folded.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                folded.Append(' ');
                pendingSpace = false;
            }

            folded.Append(lower);
        }

        return folded.ToString();
    }
}
