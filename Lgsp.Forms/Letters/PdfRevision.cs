using System.Globalization;
using System.Text;

namespace Lgsp.Forms.Letters;

/// <summary>
/// Reads the objects of a PDF with classic cross-reference tables (what PDFsharp and this class write), following
/// /Prev to earlier revisions; the newest definition of an object wins.
/// </summary>
internal sealed class PdfFile
{
    private readonly byte[] _pdf;
    private readonly Dictionary<int, long> _offsets = [];

    public PdfFile(byte[] pdf)
    {
        _pdf = pdf;
        var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, pdf.Length - 1024), Math.Min(1024, pdf.Length));
        var keyword = tail.LastIndexOf("startxref", StringComparison.Ordinal);
        if (keyword < 0)
        {
            throw new FormatException("Not a PDF file: no startxref.");
        }

        var position = pdf.Length - tail.Length + keyword + "startxref".Length;
        PdfObjects.SkipSpace(pdf, ref position);
        LastCrossReference = long.Parse(PdfObjects.Token(pdf, ref position), CultureInfo.InvariantCulture);
        Trailer = null!;
        var seen = new HashSet<int>();
        for (long? at = LastCrossReference; at is { } section;)
        {
            var trailer = ReadSection((int)section, seen);
            Trailer ??= trailer;
            at = trailer.TryGetValue("Prev", out var prev)
                ? long.Parse(((PdfAtom)prev).Raw, CultureInfo.InvariantCulture)
                : null;
        }
    }

    /// <summary>The newest trailer dictionary.</summary>
    public Dictionary<string, object> Trailer { get; }

    /// <summary>Where the newest cross-reference section starts.</summary>
    public long LastCrossReference { get; }

    /// <summary>One more than the highest object number in use.</summary>
    public int Size => int.Parse(((PdfAtom)Trailer["Size"]).Raw, CultureInfo.InvariantCulture);

    /// <summary>An object's value and, for a stream, its bytes as stored (still encoded).</summary>
    public (object Value, byte[]? Stream) Object(int number)
    {
        if (!_offsets.TryGetValue(number, out var offset))
        {
            throw new FormatException($"Object {number} is not in the file.");
        }

        var position = (int)offset;
        PdfObjects.SkipSpace(_pdf, ref position);
        PdfObjects.Token(_pdf, ref position);
        PdfObjects.SkipSpace(_pdf, ref position);
        PdfObjects.Token(_pdf, ref position);
        PdfObjects.SkipSpace(_pdf, ref position);
        if (PdfObjects.Token(_pdf, ref position) != "obj")
        {
            throw new FormatException($"Object {number} is not where the cross-reference table says.");
        }

        var value = PdfObjects.Read(_pdf, ref position);
        PdfObjects.SkipSpace(_pdf, ref position);
        if (value is not Dictionary<string, object> dictionary || PdfObjects.Token(_pdf, ref position) != "stream")
        {
            return (value, null);
        }

        position += _pdf[position] == '\r' ? 2 : 1;
        var length = int.Parse(((PdfAtom)Resolve(dictionary["Length"])).Raw, CultureInfo.InvariantCulture);
        return (value, _pdf.AsSpan(position, length).ToArray());
    }

    /// <summary>The value itself, or the object a reference points to.</summary>
    public object Resolve(object value) => value is PdfReference reference ? Object(reference.Number).Value : value;

    /// <summary>A dictionary entry, resolved.</summary>
    public Dictionary<string, object> Dictionary(object value) => (Dictionary<string, object>)Resolve(value);

    /// <summary>The reference of the page at a zero-based index, walking the page tree.</summary>
    public PdfReference Page(int index)
    {
        var root = Dictionary(Trailer["Root"]);
        var found = new List<PdfReference>();
        Collect((PdfReference)root["Pages"], found);
        return index < found.Count ? found[index]
            : throw new ArgumentOutOfRangeException(nameof(index), $"The document has {found.Count} pages.");
    }

    private void Collect(PdfReference node, List<PdfReference> pages)
    {
        var dictionary = Dictionary(node);
        if (dictionary.TryGetValue("Kids", out var kids))
        {
            foreach (var kid in (List<object>)Resolve(kids))
            {
                Collect((PdfReference)kid, pages);
            }
        }
        else
        {
            pages.Add(node);
        }
    }

    private Dictionary<string, object> ReadSection(int position, HashSet<int> seen)
    {
        PdfObjects.SkipSpace(_pdf, ref position);
        if (PdfObjects.Token(_pdf, ref position) != "xref")
        {
            throw new NotSupportedException(
                "Only classic cross-reference tables are read, not cross-reference streams.");
        }

        while (true)
        {
            PdfObjects.SkipSpace(_pdf, ref position);
            var token = PdfObjects.Token(_pdf, ref position);
            if (token == "trailer")
            {
                return (Dictionary<string, object>)PdfObjects.Read(_pdf, ref position);
            }

            var first = int.Parse(token, CultureInfo.InvariantCulture);
            PdfObjects.SkipSpace(_pdf, ref position);
            var count = int.Parse(PdfObjects.Token(_pdf, ref position), CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++)
            {
                var entry = new string[3];
                for (var part = 0; part < 3; part++)
                {
                    PdfObjects.SkipSpace(_pdf, ref position);
                    entry[part] = PdfObjects.Token(_pdf, ref position);
                }

                if (seen.Add(first + i) && entry[2] == "n")
                {
                    _offsets[first + i] = long.Parse(entry[0], CultureInfo.InvariantCulture);
                }
            }
        }
    }
}

/// <summary>
/// The next revision of a PDF: the original bytes unchanged, followed by new and replaced objects, their
/// cross-reference section and a trailer pointing back to the previous one (PDF 32000-1, 7.5.6). Signatures made
/// over the original stay valid.
/// </summary>
internal sealed class PdfRevision(byte[] original)
{
    private readonly SortedDictionary<int, (object Value, byte[]? Stream)> _objects = [];
    private int _next = -1;

    /// <summary>The file as it stands before this revision.</summary>
    public PdfFile File { get; } = new(original);

    /// <summary>A new object number, to be defined with <see cref="Set"/>.</summary>
    public PdfReference Reserve()
    {
        if (_next < 0)
        {
            _next = File.Size;
        }

        return new PdfReference(_next++, 0);
    }

    /// <summary>Adds a new object.</summary>
    public PdfReference Add(object value, byte[]? stream = null)
    {
        var reference = Reserve();
        Set(reference, value, stream);
        return reference;
    }

    /// <summary>Defines a reserved object, or replaces an existing one in this revision.</summary>
    public void Set(PdfReference reference, object value, byte[]? stream = null)
    {
        if (stream is not null)
        {
            var dictionary = new Dictionary<string, object>((Dictionary<string, object>)value)
            {
                ["Length"] = new PdfAtom(stream.Length.ToString(CultureInfo.InvariantCulture)),
            };
            value = dictionary;
        }

        _objects[reference.Number] = (value, stream);
    }

    /// <summary>The original bytes followed by this revision.</summary>
    public byte[] Build()
    {
        using var output = new MemoryStream();
        output.Write(original);
        if (original[^1] is not (byte)'\n' and not (byte)'\r')
        {
            output.WriteByte((byte)'\n');
        }

        var offsets = new SortedDictionary<int, long>();
        foreach (var (number, (value, stream)) in _objects)
        {
            offsets[number] = output.Position;
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n");
            PdfObjects.Write(text, value);
            output.Write(Encoding.Latin1.GetBytes(text.Append('\n').ToString()));
            if (stream is not null)
            {
                output.Write("stream\n"u8);
                output.Write(stream);
                output.Write("\nendstream\n"u8);
            }

            output.Write("endobj\n"u8);
        }

        var crossReference = output.Position;
        var table = new StringBuilder("xref\n");
        foreach (var run in Runs(offsets.Keys))
        {
            table.Append(CultureInfo.InvariantCulture, $"{run.First} {run.Count}\n");
            for (var i = 0; i < run.Count; i++)
            {
                table.Append(CultureInfo.InvariantCulture, $"{offsets[run.First + i]:D10} 00000 n\r\n");
            }
        }

        var trailer = new Dictionary<string, object>(File.Trailer)
        {
            ["Size"] = new PdfAtom(Math.Max(File.Size, offsets.Keys.Max() + 1).ToString(CultureInfo.InvariantCulture)),
            ["Prev"] = new PdfAtom(File.LastCrossReference.ToString(CultureInfo.InvariantCulture)),
        };
        table.Append("trailer\n");
        PdfObjects.Write(table, trailer);
        table.Append(CultureInfo.InvariantCulture, $"\nstartxref\n{crossReference}\n%%EOF\n");
        output.Write(Encoding.Latin1.GetBytes(table.ToString()));
        return output.ToArray();
    }

    private static IEnumerable<(int First, int Count)> Runs(IEnumerable<int> numbers)
    {
        int? first = null;
        var count = 0;
        foreach (var number in numbers)
        {
            if (first is { } start && start + count == number)
            {
                count++;
                continue;
            }

            if (first is { } done)
            {
                yield return (done, count);
            }

            (first, count) = (number, 1);
        }

        if (first is { } last)
        {
            yield return (last, count);
        }
    }
}
