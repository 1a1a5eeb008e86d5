using System.Diagnostics;
using System.Text;
using UglyToad.PdfPig;

namespace Lgsp.Tests.Support;

/// <summary>Reading letters back in tests: their text through PdfPig, their signatures through pdfsig.</summary>
internal static class Pdf
{
    /// <summary>
    /// The letters of every page in drawing order, without white space (the layout draws word by word and leaves
    /// the spaces out), in NFC; compare with <see cref="Compact"/> of the expected text.
    /// </summary>
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return Compact(string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)));
    }

    /// <summary>Text without white space, in NFC.</summary>
    public static string Compact(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Normalize(NormalizationForm.FormC);

    /// <summary>What Debian's pdfsig (poppler-utils) reports about a PDF's signatures.</summary>
    public static async Task<string> SignaturesAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lgsp-pdfsig-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            return await ReportAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> ReportAsync(string path)
    {
        var start = new ProcessStartInfo("pdfsig", [path]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
