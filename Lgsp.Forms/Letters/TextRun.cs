namespace Lgsp.Forms.Letters;

/// <summary>How a run of text is set: size in points, weight and slant.</summary>
public readonly record struct RunStyle(double Size, bool Bold = false, bool Italic = false)
{
    /// <summary>Body text: 14 pt.</summary>
    public static RunStyle Body => new(14);
}

/// <summary>A stretch of text in one style; paragraphs mix them.</summary>
public sealed record TextRun(string Text, RunStyle Style);

/// <summary>How a paragraph's lines sit between the margins.</summary>
public enum Alignment
{
    Left,
    Center,
    Right,
    Justify,
}

/// <summary>
/// A paragraph of mixed runs. <see cref="FirstLineIndent"/> and <see cref="LeftIndent"/> are in points, like the
/// space before and after.
/// </summary>
public sealed record Paragraph(IReadOnlyList<TextRun> Runs, Alignment Alignment = Alignment.Justify)
{
    public double FirstLineIndent { get; init; }

    public double LeftIndent { get; init; }

    public double SpaceBefore { get; init; }

    public double SpaceAfter { get; init; } = 6;

    /// <summary>A rule drawn under the last line, if any.</summary>
    public Rule? Rule { get; init; }

    /// <summary>Line height as a multiple of the largest run's size.</summary>
    public double LineSpacing { get; init; } = 1.15;

    /// <summary>A paragraph of one run.</summary>
    public static Paragraph Of(string text, RunStyle style, Alignment alignment = Alignment.Justify) =>
        new([new TextRun(text, style)], alignment);
}
