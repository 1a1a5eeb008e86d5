using PdfSharp.Fonts;

namespace Lgsp.Forms.Letters;

/// <summary>
/// Gives PDFsharp the Times New Roman-compatible serif that Vietnamese administrative documents use: Liberation
/// Serif (Debian's fonts-liberation2) or Tinos (fonts-croscore), for every family asked for, so that no text can
/// fall back to a font without Vietnamese glyphs. Installed once per process, before the first document.
/// </summary>
public sealed class LetterFonts : IFontResolver
{
    /// <summary>The family every letter is set in.</summary>
    public const string Family = "Times New Roman";

    private static readonly string[][] Candidates =
    [
        ["/usr/share/fonts/truetype/liberation2/LiberationSerif-", "Regular", "Bold", "Italic", "BoldItalic"],
        ["/usr/share/fonts/truetype/liberation/LiberationSerif-", "Regular", "Bold", "Italic", "BoldItalic"],
        ["/usr/share/fonts/truetype/croscore/Tinos-", "Regular", "Bold", "Italic", "BoldItalic"],
    ];

    private static readonly Lock Gate = new();
    private static bool _installed;

    private readonly Dictionary<string, byte[]> _faces = [];

    private LetterFonts(string prefix)
    {
        foreach (var face in new[] { "Regular", "Bold", "Italic", "BoldItalic" })
        {
            _faces[face] = File.ReadAllBytes($"{prefix}{face}.ttf");
        }
    }

    /// <summary>
    /// Installs the resolver unless one is installed; throws with the Debian package to install when no serif font
    /// is on the machine (scripts/setup.sh installs it).
    /// </summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed || GlobalFontSettings.FontResolver is LetterFonts)
            {
                _installed = true;
                return;
            }

            var prefix = Candidates.Select(c => c[0]).FirstOrDefault(p => File.Exists($"{p}Regular.ttf"))
                ?? throw new InvalidOperationException(
                    "No serif font for letters: install fonts-liberation2 or fonts-croscore (scripts/setup.sh does).");
            GlobalFontSettings.FontResolver = new LetterFonts(prefix);
            _installed = true;
        }
    }

    /// <inheritdoc />
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (true, true) => "BoldItalic",
            (true, false) => "Bold",
            (false, true) => "Italic",
            _ => "Regular",
        });

    /// <inheritdoc />
    public byte[] GetFont(string faceName) => _faces[faceName];
}
