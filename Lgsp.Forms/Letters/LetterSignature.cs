using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using PdfSharp.Pdf.Signatures;

namespace Lgsp.Forms.Letters;

/// <summary>
/// Who signs a letter and with what: an X.509 certificate with its private key, the signer as the letter names
/// them, and the moment of signing (shown in ISO 8601 with Vietnam's offset). A time-stamp server, when given, adds
/// an RFC 3161 time-stamp.
/// </summary>
public sealed record LetterSignature(
    X509Certificate2 Certificate,
    string Signer,
    string Title,
    DateTimeOffset SignedAt,
    Uri? TimeStampServer = null);

/// <summary>
/// Signs a rendered letter in the same save (SHA-256, PKCS#7 detached), with a visible block in the signature
/// column's space between the title and the name.
/// </summary>
internal static class LetterSigning
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static void Prepare(PdfDocument document, ColumnPlace column, bool withAuthority, LetterSignature signature)
    {
        var page = document.Pages[column.Page];
        var titleLines = withAuthority ? 2 : 1;
        var top = column.Top + titleLines * LetterRenderer.SignatureTitleLine + 2;
        const double height = 58;
        var rectangle = new XRect(column.X + 8, page.Height.Point - top - height, column.Width - 16, height);
        var options = new DigitalSignatureOptions
        {
            PageIndex = column.Page,
            Rectangle = rectangle,
            AppName = "Lgsp",
            Reason = $"{signature.Title} ký ban hành",
            Location = "Việt Nam",
            ContactInfo = signature.Signer,
            AppearanceHandler = new Appearance(signature),
        };
        DigitalSignatureHandler.ForDocument(
            document,
            new PdfSharpDefaultSigner(signature.Certificate, PdfMessageDigestType.SHA256, signature.TimeStampServer),
            options);
    }

    private sealed class Appearance(LetterSignature signature) : IAnnotationAppearanceHandler
    {
        public void DrawAppearance(XGraphics gfx, XRect rect)
        {
            var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
            var bold = new XFont(LetterFonts.Family, 9, XFontStyleEx.Bold, options);
            var regular = new XFont(LetterFonts.Family, 8.5, XFontStyleEx.Regular, options);
            var time = signature.SignedAt.ToOffset(Vietnam)
                .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            // The appearance is its own small canvas: draw from its origin, whatever the rectangle's place on the page.
            var box = new XRect(0, 0, rect.Width, rect.Height);
            gfx.DrawRectangle(new XPen(XColor.FromArgb(200, 30, 30), 0.8), box);
            var lines = new (string Text, XFont Font)[]
            {
                ("Đã ký số", bold),
                (signature.Signer, regular),
                (signature.Title, regular),
                ($"Thời gian ký: {time}", regular),
            };
            var y = box.Top + 4;
            foreach (var (text, font) in lines)
            {
                gfx.DrawString(text, font, XBrushes.DarkRed, new XRect(box.Left + 4, y, box.Width - 8, 12),
                    XStringFormats.TopLeft);
                y += 12.5;
            }
        }
    }
}
