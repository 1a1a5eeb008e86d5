using PdfSharp.Pdf;

namespace Lgsp.Forms.Letters;

/// <summary>A section of a report: a heading, paragraphs of text, then a table if it has one.</summary>
public sealed record ReportSection(string Heading, IReadOnlyList<string> Text, Table? Table = null);

/// <summary>
/// A report laid out as an administrative document: the letters' heading (issuer, national name and motto,
/// number, place and date), a centred title, then sections of text and tables, in the letters' fonts.
/// </summary>
public sealed record OfficialReport
{
    public string? IssuerParent { get; init; }

    public required string Issuer { get; init; }

    public required string Number { get; init; }

    public required string PlaceAndDate { get; init; }

    /// <summary>The kind of document, in capitals ("BÁO CÁO").</summary>
    public required string Title { get; init; }

    /// <summary>What it reports on, under the title.</summary>
    public required string About { get; init; }

    public required IReadOnlyList<ReportSection> Sections { get; init; }

    /// <summary>A closing line in italics: how and when the report was made.</summary>
    public string? Footnote { get; init; }
}

/// <summary>Renders an <see cref="OfficialReport"/> to PDF with the layout layer the letters use.</summary>
public static class ReportRenderer
{
    private static readonly RunStyle SectionHeading = new(14, Bold: true);

    /// <summary>Writes the report's PDF to <paramref name="output"/>, which stays open.</summary>
    public static void Render(OfficialReport report, Stream output)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{report.Title} {report.About}";
        document.Info.Creator = "Lgsp";
        using (var layout = new PageLayout(document))
        {
            var heading = new OfficialLetter
            {
                IssuerParent = report.IssuerParent,
                Issuer = report.Issuer,
                Number = report.Number,
                PlaceAndDate = report.PlaceAndDate,
                Title = (report.Title, report.About),
                Body = [],
                Signatures = [],
            };
            LetterRenderer.Heading(layout, heading);
            LetterRenderer.Opening(layout, heading);
            foreach (var section in report.Sections)
            {
                // A heading never ends a page: it goes over with the first lines of what it introduces.
                layout.AddKeptWithFollowing(
                    Paragraph.Of(section.Heading, SectionHeading, Alignment.Left) with { SpaceBefore = 6 }, 60);
                foreach (var text in section.Text)
                {
                    layout.Add(LetterRenderer.Body(text) with { FirstLineIndent = LetterRenderer.Indent });
                }

                if (section.Table is { } table)
                {
                    layout.AddTable(table);
                    layout.Space(8);
                }
            }

            if (report.Footnote is { } footnote)
            {
                layout.Space(6);
                layout.Add(Paragraph.Of(footnote, new RunStyle(12, Italic: true), Alignment.Left));
            }
        }

        document.Save(output, closeStream: false);
    }
}
