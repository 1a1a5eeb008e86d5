using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Lgsp.Forms.Letters;

/// <summary>A rendered letter and where each of its signature blocks is to be signed.</summary>
public sealed record RenderedLetter(byte[] Pdf, IReadOnlyList<SignaturePlace> Places);

/// <summary>
/// Renders an <see cref="OfficialLetter"/> to PDF with the sizes and styles of Nghị định 30/2020/NĐ-CP, Phụ lục I:
/// national name 12 pt bold capitals, motto 14 pt bold with a rule as long as itself, issuer 13 pt bold capitals
/// with a short rule, number 13 pt, place and date 14 pt italic, subject 13 pt, body 14 pt justified with a
/// 1.27 cm first-line indent and 6 pt between paragraphs, recipients 12 pt bold italic then 11 pt, signatures 14 pt
/// bold.
/// </summary>
public static class LetterRenderer
{
    private const string NationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    private const string Motto = "Độc lập - Tự do - Hạnh phúc";
    internal static readonly double Indent = XUnit.FromCentimeter(1.27).Point;
    private const double ClosingSpace = 6;

    /// <summary>The style of a signature block's authority and title lines.</summary>
    internal static readonly RunStyle SignatureTitle = new(14, Bold: true);

    /// <summary>The height of one authority or title line; the visible signature goes right below them.</summary>
    internal static double SignatureTitleLine => SignatureTitle.Size * new Paragraph([]).LineSpacing;

    /// <summary>The letter as PDF bytes, unsigned.</summary>
    public static byte[] Render(OfficialLetter letter) => RenderForSigning(letter).Pdf;

    /// <summary>
    /// The letter as PDF bytes with the place of each signature block's visible signature, in the order of
    /// <see cref="OfficialLetter.Signatures"/> (for minutes: party A on the left, then party B).
    /// </summary>
    public static RenderedLetter RenderForSigning(OfficialLetter letter)
    {
        using var document = new PdfDocument();
        document.Info.Title = letter.Subject ?? letter.Title?.Title ?? "Văn bản";
        document.Info.Creator = "Lgsp";
        IReadOnlyList<SignaturePlace> places;
        using (var layout = new PageLayout(document))
        {
            Heading(layout, letter);
            Opening(layout, letter);
            var closing = Closing(layout, letter);
            for (var i = 0; i < letter.Body.Count; i++)
            {
                var paragraph = letter.Body[i];
                paragraph = paragraph with
                {
                    FirstLineIndent = paragraph.FirstLineIndent == 0 ? Indent : paragraph.FirstLineIndent,
                };
                if (i == letter.Body.Count - 1)
                {
                    layout.AddKeptWithFollowing(paragraph, ClosingSpace + layout.Height(closing));
                }
                else
                {
                    layout.Add(paragraph);
                }
            }

            layout.Space(ClosingSpace);
            layout.AddColumns(closing);
            // A letter's signature block is the last column (after the recipients); minutes have one per party.
            var columns = layout.LastColumns;
            var blocks = letter.Recipients.Count > 0 ? columns.Skip(columns.Count - 1) : columns;
            places = [.. blocks.Zip(letter.Signatures, (column, block) =>
                Place(document, column, block.Authority is not null))];
            if (letter.Mark is { } mark)
            {
                layout.Space(10);
                layout.AddQrCode(mark.QrModules, 56,
                [
                    Paragraph.Of($"Mã kiểm tra: {mark.Code}", new RunStyle(10, Bold: true), Alignment.Left) with
                    {
                        SpaceAfter = 0,
                    },
                    Paragraph.Of($"Kiểm tra văn bản tại {mark.Address}", new RunStyle(9), Alignment.Left),
                ]);
            }
        }

        if (letter.Draft)
        {
            MarkDraft(document);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return new RenderedLetter(output.ToArray(), places);
    }

    /// <summary>Renders the letter and signs its (first) signature block.</summary>
    public static Task<byte[]> RenderSignedAsync(
        OfficialLetter letter,
        LetterSignature signature,
        Uri? timeStampServer = null,
        CancellationToken cancellationToken = default)
    {
        var rendered = RenderForSigning(letter);
        return LetterSigning.SignAsync(rendered.Pdf, rendered.Places[0], signature, timeStampServer,
            cancellationToken);
    }

    /// <summary>The visible signature's rectangle: below the title lines, above the signer's name.</summary>
    private static SignaturePlace Place(PdfDocument document, ColumnPlace column, bool withAuthority)
    {
        var page = document.Pages[column.Page];
        var titleLines = withAuthority ? 2 : 1;
        var top = column.Top + titleLines * SignatureTitleLine + 2;
        const double height = 58;
        return new SignaturePlace(column.Page, column.X + 8, page.Height.Point - top - height, column.Width - 16,
            height);
    }

    /// <summary>A body paragraph in 14 pt.</summary>
    public static Paragraph Body(string text) => Paragraph.Of(text, RunStyle.Body);

    internal static void Heading(PageLayout layout, OfficialLetter letter)
    {
        var left = layout.ContentWidth * 0.4;
        var right = layout.ContentWidth - left;
        var issuer = new List<Paragraph>();
        if (letter.IssuerParent is { } parent)
        {
            issuer.Add(Centered(parent.ToUpperInvariant(), new RunStyle(13)) with { SpaceAfter = 0 });
        }

        issuer.Add(Centered(letter.Issuer.ToUpperInvariant(), new RunStyle(13, Bold: true)) with
        {
            SpaceAfter = 4,
            Rule = Rule.Short,
        });
        issuer.Add(Centered(letter.Number, new RunStyle(13)) with { SpaceBefore = 6 });
        if (letter.Subject is { } subject)
        {
            issuer.Add(Centered(subject, new RunStyle(12)));
        }

        layout.AddColumns(
        [
            new Column(left, issuer),
            new Column(right,
            [
                Centered(NationalName, new RunStyle(12, Bold: true)) with { SpaceAfter = 0 },
                Centered(Motto, new RunStyle(14, Bold: true)) with { SpaceAfter = 4, Rule = Rule.UnderText },
                Centered(letter.PlaceAndDate, new RunStyle(14, Italic: true)) with { SpaceBefore = 6 },
            ]),
        ]);
        layout.Space(10);
    }

    internal static void Opening(PageLayout layout, OfficialLetter letter)
    {
        if (letter.Title is var (title, about))
        {
            layout.Add(Centered(title, new RunStyle(14, Bold: true)) with { SpaceAfter = 0 });
            layout.Add(Centered(about, new RunStyle(14, Bold: true)) with { SpaceAfter = 12 });
        }

        if (letter.Addressees.Count == 1)
        {
            layout.Add(new Paragraph(
                [new TextRun("Kính gửi: ", RunStyle.Body), new TextRun(letter.Addressees[0], RunStyle.Body)],
                Alignment.Center)
            { SpaceAfter = 12 });
        }
        else if (letter.Addressees.Count > 1)
        {
            layout.Add(Paragraph.Of("Kính "
                + "gửi:", RunStyle.Body, Alignment.Left) with
            { LeftIndent = 80, SpaceAfter = 0 });
            foreach (var addressee in letter.Addressees)
            {
                layout.Add(Paragraph.Of($"- {addressee};", RunStyle.Body, Alignment.Left) with
                {
                    LeftIndent = 150,
                    SpaceAfter = 0,
                });
            }

            layout.Space(12);
        }
    }

    /// <summary>The closing block's columns: recipients and the signature, or one signature per party.</summary>
    private static IReadOnlyList<Column> Closing(PageLayout layout, OfficialLetter letter)
    {
        var signatures = letter.Signatures.Select(Signature).ToList();
        if (letter.Recipients.Count > 0)
        {
            var recipients = new List<Paragraph>
            {
                Paragraph.Of("Nơi nhận:", new RunStyle(12, Bold: true, Italic: true), Alignment.Left) with
                {
                    SpaceAfter = 0,
                },
            };
            recipients.AddRange(letter.Recipients.Select(r =>
                Paragraph.Of($"- {r}", new RunStyle(11), Alignment.Left) with { SpaceAfter = 0, LineSpacing = 1.1 }));
            var half = layout.ContentWidth / 2;
            return [new Column(half, recipients), new Column(half, signatures[0])];
        }

        var width = layout.ContentWidth / signatures.Count;
        return [.. signatures.Select(s => new Column(width, s))];
    }

    private static IReadOnlyList<Paragraph> Signature(SignatureBlock block)
    {
        var lines = new List<Paragraph>();
        if (block.Authority is { } authority)
        {
            lines.Add(Centered(authority.ToUpperInvariant(), SignatureTitle) with { SpaceAfter = 0 });
        }

        lines.Add(Centered(block.Title.ToUpperInvariant(), SignatureTitle) with { SpaceAfter = 64 });
        lines.Add(Centered(block.Signer, new RunStyle(14, Bold: true)));
        return lines;
    }

    private static Paragraph Centered(string text, RunStyle style) => Paragraph.Of(text, style, Alignment.Center);

    private static void MarkDraft(PdfDocument document)
    {
        foreach (var page in document.Pages)
        {
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var font = new XFont(
                LetterFonts.Family, 11, XFontStyleEx.Bold, new XPdfFontOptions(PdfFontEncoding.Unicode));
            graphics.DrawString("DỰ THẢO – chưa ban hành", font, XBrushes.Red,
                new XRect(PageLayout.Left, 8, page.Width.Point - PageLayout.Left - PageLayout.Right, 12),
                XStringFormats.TopRight);
        }
    }
}
