using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Lgsp.Forms.Letters;

/// <summary>
/// The layout layer the letters and the reports share: flows paragraphs of mixed runs down A4 pages between the
/// administrative margins (Nghị định 30/2020, Phụ lục I: top and bottom 20 mm, left 30 mm, right 15 mm), wraps and
/// justifies them, sets columns side by side, breaks pages, and numbers pages from the second on, centred in the
/// top margin. Nothing is drawn outside the margins: a word longer than a line is broken between characters.
/// </summary>
public sealed partial class PageLayout : IDisposable
{
    /// <summary>Margins in points.</summary>
    public static readonly double Top = XUnit.FromMillimeter(20).Point;
    public static readonly double Bottom = XUnit.FromMillimeter(20).Point;
    public static readonly double Left = XUnit.FromMillimeter(30).Point;
    public static readonly double Right = XUnit.FromMillimeter(15).Point;

    /// <summary>Space between a table cell's border and its text, in points.</summary>
    private const double CellPadding = 3;

    private readonly PdfDocument _document;
    private readonly Dictionary<RunStyle, XFont> _fonts = [];
    private PdfPage _page = null!;
    private XGraphics _graphics = null!;
    private double _y;

    public PageLayout(PdfDocument document)
    {
        LetterFonts.Install();
        _document = document;
        NewPage();
    }

    /// <summary>The width between the margins.</summary>
    public double ContentWidth => _page.Width.Point - Left - Right;

    /// <summary>How many pages so far.</summary>
    public int PageCount => _document.PageCount;

    /// <summary>Where the columns of the last side-by-side block were set (signature blocks are found here).</summary>
    public IReadOnlyList<ColumnPlace> LastColumns { get; private set; } = [];

    /// <summary>Adds vertical space; a page break when it does not fit.</summary>
    public void Space(double points)
    {
        if (_y + points > Limit)
        {
            NewPage();
            return;
        }

        _y += points;
    }

    /// <summary>Flows a paragraph across the full width, onto further pages as needed.</summary>
    public void Add(Paragraph paragraph) => Flow(paragraph, Left, ContentWidth, draw: true, breakPages: true);

    /// <summary>
    /// Flows a paragraph that should share a page with what follows it (the last body paragraph before the
    /// signatures, so that a signature block never stands alone on a page): when the paragraph and
    /// <paramref name="following"/> points after it do not fit here but fit on a fresh page, the page breaks first.
    /// </summary>
    public void AddKeptWithFollowing(Paragraph paragraph, double following)
    {
        var start = _y;
        _y = 0;
        Flow(paragraph, Left, ContentWidth, draw: false, breakPages: false);
        var height = _y;
        _y = start;
        if (_y + height + following > Limit && Top + height + following <= Limit && height < (Limit - Top) / 2)
        {
            NewPage();
        }

        Add(paragraph);
    }

    /// <summary>The height columns will take: their tallest.</summary>
    public double Height(IReadOnlyList<Column> columns) => columns.Max(c => Measure(c));

    /// <summary>
    /// Sets columns side by side from the current line (a letter's heading, the signature blocks); each column's
    /// paragraphs flow within its width. Columns are kept on one page: a block that does not fit starts a new one.
    /// </summary>
    public void AddColumns(IReadOnlyList<Column> columns)
    {
        var heights = columns.Select(c => Measure(c)).ToList();
        if (_y + heights.Max() > Limit)
        {
            NewPage();
        }

        var top = _y;
        var x = Left;
        LastColumns = [.. columns.Select((c, i) =>
            new ColumnPlace(_document.PageCount - 1, Left + columns.Take(i).Sum(p => p.Width), top, c.Width))];
        foreach (var column in columns)
        {
            _y = top;
            foreach (var paragraph in column.Paragraphs)
            {
                Flow(paragraph, x, column.Width, draw: true, breakPages: false);
            }

            x += column.Width;
        }

        _y = top + heights.Max();
    }

    /// <summary>A QR code (dark modules drawn as squares) at the left, paragraphs beside it, on one page.</summary>
    public void AddQrCode(IReadOnlyList<bool[]> modules, double size, IReadOnlyList<Paragraph> beside)
    {
        var text = new Column(ContentWidth - size - 8, beside);
        var height = Math.Max(size, Measure(text));
        if (_y + height > Limit)
        {
            NewPage();
        }

        var top = _y;
        var cell = size / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules[row].Length; column++)
            {
                if (modules[row][column])
                {
                    _graphics.DrawRectangle(XBrushes.Black, Left + column * cell, top + row * cell, cell, cell);
                }
            }
        }

        foreach (var paragraph in beside)
        {
            Flow(paragraph, Left + size + 8, text.Width, draw: true, breakPages: false);
        }

        _y = top + height;
    }

    /// <summary>
    /// Sets a table across the full width: columns share the width by their weights, cells wrap within their
    /// column, rows never split, and the header row is repeated at the top of every page the table reaches.
    /// </summary>
    public void AddTable(Table table)
    {
        var weights = table.Columns.Sum(c => c.Weight);
        var widths = table.Columns.Select(c => c.Weight / weights * ContentWidth).ToList();
        var header = Cells(table.Columns.Select(c => c.Header).ToList(), table, bold: true, header: true);
        var headerHeight = RowHeight(header, widths);
        var first = table.Rows.Count > 0 ? RowHeight(Cells(table.Rows[0], table, false, false), widths) : 0;
        if (_y + headerHeight + first > Limit)
        {
            NewPage();
        }

        DrawRow(header, widths, headerHeight, shaded: true);
        foreach (var (row, index) in table.Rows.Select((r, i) => (r, i)))
        {
            var cells = Cells(row, table, bold: table.LastRowIsTotal && index == table.Rows.Count - 1, false);
            var height = RowHeight(cells, widths);
            if (_y + height > Limit)
            {
                NewPage();
                DrawRow(header, widths, headerHeight, shaded: true);
            }

            DrawRow(cells, widths, height, shaded: false);
        }
    }

    public void Dispose() => _graphics.Dispose();

    private static List<Paragraph> Cells(IReadOnlyList<string> texts, Table table, bool bold, bool header) =>
        [.. texts.Select((text, i) => Paragraph.Of(text, table.Style with { Bold = bold },
            header ? Alignment.Center : table.Columns[i].Alignment) with
        {
            SpaceAfter = 0,
            LineSpacing = 1.1,
        })];

    private double RowHeight(List<Paragraph> cells, List<double> widths) =>
        cells.Select((cell, i) => Measure(new Column(widths[i] - 2 * CellPadding, [cell]))).Max()
        + 2 * CellPadding;

    private void DrawRow(List<Paragraph> cells, List<double> widths, double height, bool shaded)
    {
        var top = _y;
        var x = Left;
        var pen = new XPen(XColors.Black, 0.5);
        for (var i = 0; i < cells.Count; i++)
        {
            if (shaded)
            {
                _graphics.DrawRectangle(pen, XBrushes.Gainsboro, x, top, widths[i], height);
            }
            else
            {
                _graphics.DrawRectangle(pen, x, top, widths[i], height);
            }

            _y = top + CellPadding;
            Flow(cells[i], x + CellPadding, widths[i] - 2 * CellPadding, draw: true, breakPages: false);
            x += widths[i];
        }

        _y = top + height;
    }

    private double Limit => _page.Height.Point - Bottom;

    private double Measure(Column column)
    {
        var start = _y;
        var height = 0.0;
        foreach (var paragraph in column.Paragraphs)
        {
            _y = 0;
            Flow(paragraph, 0, column.Width, draw: false, breakPages: false);
            height += _y;
        }

        _y = start;
        return height;
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Top;
        if (_document.PageCount >= 2)
        {
            var font = Font(new RunStyle(13));
            var number = _document.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var width = _graphics.MeasureString(number, font).Width;
            _graphics.DrawString(number, font, XBrushes.Black, (_page.Width.Point - width) / 2, Top / 2 + 4);
        }
    }

    private void Flow(Paragraph paragraph, double x, double width, bool draw, bool breakPages)
    {
        _y += paragraph.SpaceBefore;
        var lines = Lines(paragraph, width - paragraph.LeftIndent);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var height = line.Max(w => w.Style.Size) * paragraph.LineSpacing;
            if (breakPages && _y + height > Limit)
            {
                NewPage();
            }

            if (draw)
            {
                var indent = paragraph.LeftIndent + (i == 0 ? paragraph.FirstLineIndent : 0);
                DrawLine(line, x + indent, width - indent, paragraph.Alignment, last: i == lines.Count - 1,
                    baseline: _y + line.Max(w => w.Style.Size));
                if (paragraph.Rule is { } rule && i == lines.Count - 1)
                {
                    DrawRule(line, x + indent, width - indent, paragraph.Alignment, rule, _y + height + 1);
                }
            }

            _y += height;
        }

        _y += paragraph.SpaceAfter;
    }

    private void DrawLine(List<Word> line, double x, double width, Alignment alignment, bool last, double baseline)
    {
        var natural = Natural(line);
        var gaps = line.Count(w => w.SpaceBefore) - (line[0].SpaceBefore ? 1 : 0);
        var stretch = alignment == Alignment.Justify && !last && gaps > 0 ? (width - natural) / gaps : 0;
        var cursor = alignment switch
        {
            Alignment.Center => x + (width - natural) / 2,
            Alignment.Right => x + width - natural,
            _ => x,
        };
        for (var i = 0; i < line.Count; i++)
        {
            var word = line[i];
            if (i > 0 && word.SpaceBefore)
            {
                cursor += Space(word.Style) + stretch;
            }

            _graphics.DrawString(word.Text, Font(word.Style), XBrushes.Black, cursor, baseline);
            cursor += word.Width;
        }
    }

    private void DrawRule(List<Word> line, double x, double width, Alignment alignment, Rule rule, double y)
    {
        var length = rule == Rule.UnderText ? Natural(line) : width / 3;
        var start = alignment == Alignment.Center ? x + (width - length) / 2 : x;
        _graphics.DrawLine(new XPen(XColors.Black, 0.75), start, y, start + length, y);
    }

    private double Natural(List<Word> line) =>
        line.Sum(w => w.Width) + line.Skip(1).Where(w => w.SpaceBefore).Sum(w => Space(w.Style));

    /// <summary>
    /// The paragraph's lines. Centred paragraphs (the issuer's name, titles) are balanced: set at the narrowest
    /// width that keeps their number of lines, so a name breaks as "SỞ THÔNG TIN VÀ / TRUYỀN THÔNG" rather than
    /// leaving its last word alone.
    /// </summary>
    private List<List<Word>> Lines(Paragraph paragraph, double width)
    {
        var lines = Greedy(paragraph, width);
        if (paragraph.Alignment != Alignment.Center || lines.Count < 2)
        {
            return lines;
        }

        var low = Math.Max(width / 2, lines.SelectMany(l => l).Max(w => w.Width));
        var high = width;
        for (var step = 0; step < 12 && high - low > 0.5; step++)
        {
            var middle = (low + high) / 2;
            if (Greedy(paragraph, middle).Count == lines.Count)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return Greedy(paragraph, high);
    }

    private List<List<Word>> Greedy(Paragraph paragraph, double width)
    {
        var lines = new List<List<Word>>();
        var current = new List<Word>();
        var used = 0.0;
        var available = width - paragraph.FirstLineIndent;
        foreach (var word in Words(paragraph, width))
        {
            var gap = current.Count > 0 && word.SpaceBefore ? Space(word.Style) : 0;
            if (current.Count > 0 && used + gap + word.Width > available)
            {
                lines.Add(current);
                current = [];
                used = 0;
                gap = 0;
                available = width;
            }

            current.Add(word);
            used += gap + word.Width;
        }

        if (current.Count > 0 || lines.Count == 0)
        {
            lines.Add(current.Count > 0 ? current : [new Word("", paragraph.Runs.FirstOrDefault()?.Style
                ?? RunStyle.Body, false, 0)]);
        }

        return lines;
    }

    private IEnumerable<Word> Words(Paragraph paragraph, double width)
    {
        var spaceBefore = false;
        foreach (var run in paragraph.Runs)
        {
            foreach (Match token in Tokens().Matches(run.Text))
            {
                if (string.IsNullOrWhiteSpace(token.Value))
                {
                    spaceBefore = true;
                    continue;
                }

                foreach (var piece in Fit(token.Value, run.Style, width - paragraph.FirstLineIndent))
                {
                    yield return new Word(piece, run.Style, spaceBefore, Width(piece, run.Style));
                    spaceBefore = false;
                }
            }
        }
    }

    /// <summary>A word wider than the line (an address, a key) is cut between characters so it stays inside.</summary>
    private IEnumerable<string> Fit(string word, RunStyle style, double width)
    {
        if (Width(word, style) <= width)
        {
            yield return word;
            yield break;
        }

        var start = 0;
        for (var end = 1; end <= word.Length; end++)
        {
            if (Width(word[start..end], style) > width && end - 1 > start)
            {
                yield return word[start..(end - 1)];
                start = end - 1;
            }
        }

        yield return word[start..];
    }

    private double Width(string text, RunStyle style) => _graphics.MeasureString(text, Font(style)).Width;

    private double Space(RunStyle style) => Width(" ", style);

    private XFont Font(RunStyle style)
    {
        if (!_fonts.TryGetValue(style, out var font))
        {
            var weight = (style.Bold, style.Italic) switch
            {
                (true, true) => XFontStyleEx.BoldItalic,
                (true, false) => XFontStyleEx.Bold,
                (false, true) => XFontStyleEx.Italic,
                _ => XFontStyleEx.Regular,
            };
            font = new XFont(LetterFonts.Family, style.Size, weight, new XPdfFontOptions(PdfFontEncoding.Unicode));
            _fonts[style] = font;
        }

        return font;
    }

    [GeneratedRegex(@"\s+|\S+")]
    private static partial Regex Tokens();

    private sealed record Word(string Text, RunStyle Style, bool SpaceBefore, double Width);
}

/// <summary>Where a column was set: its page (from 0), left edge and top (from the page's top), and width.</summary>
public sealed record ColumnPlace(int Page, double X, double Top, double Width);

/// <summary>A column of a side-by-side block: its width in points and its paragraphs.</summary>
public sealed record Column(double Width, IReadOnlyList<Paragraph> Paragraphs);

/// <summary>A table column: its header, its share of the width (relative to the others) and how cells align.</summary>
public sealed record TableColumn(string Header, double Weight, Alignment Alignment = Alignment.Left);

/// <summary>A table's columns and rows of text; the last row may be a total, set in bold.</summary>
public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The cells' style; 10 pt by default so that many columns fit between the margins.</summary>
    public RunStyle Style { get; init; } = new(10);

    public bool LastRowIsTotal { get; init; }
}

/// <summary>A rule under a paragraph's last line.</summary>
public enum Rule
{
    /// <summary>A third of the column, centred: under the issuing body.</summary>
    Short,

    /// <summary>As long as the text: under the national motto.</summary>
    UnderText,
}
