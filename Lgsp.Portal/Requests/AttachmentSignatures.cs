using System.Text;

namespace Lgsp.Portal.Requests;

/// <summary>
/// Checks that an attached file's first bytes are those of its extension's format, so a renamed program is not
/// stored as a "PDF" for an official to open.
/// </summary>
internal static class AttachmentSignatures
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Compound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    public static bool Matches(string extension, ReadOnlySpan<byte> content) => extension switch
    {
        ".pdf" => content.StartsWith(Pdf),
        ".docx" or ".xlsx" or ".odt" or ".zip" => content.StartsWith(Zip),
        ".doc" or ".xls" => content.StartsWith(Compound),
        ".png" => content.StartsWith(Png),
        ".jpg" or ".jpeg" => content.StartsWith(Jpeg),
        ".txt" or ".xml" or ".json" => IsText(content),
        _ => false,
    };

    private static bool IsText(ReadOnlySpan<byte> content)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            return !text.Contains('\0', StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
