using System.Globalization;
using System.Text;

namespace Lgsp.Forms.Letters;

/// <summary>A PDF name, kept as written (without the slash), so that it is written back byte for byte.</summary>
internal sealed record PdfName(string Raw);

/// <summary>An indirect reference "N G R".</summary>
internal sealed record PdfReference(int Number, int Generation);

/// <summary>A string's bytes; written back in hexadecimal, which PDF reads the same as the literal form.</summary>
internal sealed record PdfText(byte[] Bytes)
{
    /// <summary>A text string as PDF wants non-Latin text: UTF-16 big-endian with its byte-order mark.</summary>
    public static PdfText Of(string text) => new([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)]);
}

/// <summary>A number, boolean or null, kept as its token.</summary>
internal sealed record PdfAtom(string Raw);

/// <summary>
/// The small subset of PDF's object syntax that extending a signed file needs: values are <see cref="PdfName"/>,
/// <see cref="PdfReference"/>, <see cref="PdfText"/>, <see cref="PdfAtom"/>, <see cref="List{T}"/> of values (arrays)
/// and <see cref="Dictionary{TKey,TValue}"/> from raw name to value. Streams keep their bytes untouched.
/// </summary>
internal static class PdfObjects
{
    /// <summary>Reads the value that starts at <paramref name="position"/>, leaving it after the value.</summary>
    public static object Read(byte[] pdf, ref int position)
    {
        SkipSpace(pdf, ref position);
        var b = pdf[position];
        switch (b)
        {
            case (byte)'/':
                position++;
                return new PdfName(Token(pdf, ref position));
            case (byte)'[':
                position++;
                var array = new List<object>();
                while (SkipSpace(pdf, ref position) != ']')
                {
                    array.Add(Read(pdf, ref position));
                }

                position++;
                return array;
            case (byte)'<' when pdf[position + 1] == '<':
                position += 2;
                var dictionary = new Dictionary<string, object>();
                while (SkipSpace(pdf, ref position) != '>')
                {
                    var key = (PdfName)Read(pdf, ref position);
                    dictionary[key.Raw] = Read(pdf, ref position);
                }

                position += 2;
                return dictionary;
            case (byte)'<':
                var end = Array.IndexOf(pdf, (byte)'>', position);
                var hex = Encoding.Latin1.GetString(pdf, position + 1, end - position - 1)
                    .Where(Uri.IsHexDigit).ToArray();
                position = end + 1;
                return new PdfText(Convert.FromHexString(hex.Length % 2 == 0 ? hex : [.. hex, '0']));
            case (byte)'(':
                return new PdfText(Literal(pdf, ref position));
        }

        var token = Token(pdf, ref position);
        // "N G R": look ahead for the generation and the R without consuming anything else.
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var ahead = position;
            SkipSpace(pdf, ref ahead);
            var generation = Token(pdf, ref ahead);
            SkipSpace(pdf, ref ahead);
            if (int.TryParse(generation, NumberStyles.None, CultureInfo.InvariantCulture, out var g)
                && ahead < pdf.Length && pdf[ahead] == 'R' && IsEnd(pdf, ahead + 1))
            {
                position = ahead + 1;
                return new PdfReference(number, g);
            }
        }

        return token.Length > 0 ? new PdfAtom(token) : throw new FormatException($"Unexpected byte at {position}.");
    }

    /// <summary>Writes a value as PDF syntax.</summary>
    public static void Write(StringBuilder output, object value)
    {
        switch (value)
        {
            case PdfName name:
                output.Append('/').Append(name.Raw);
                break;
            case PdfReference reference:
                output.Append(CultureInfo.InvariantCulture, $"{reference.Number} {reference.Generation} R");
                break;
            case PdfText text:
                output.Append('<').Append(Convert.ToHexString(text.Bytes)).Append('>');
                break;
            case PdfAtom atom:
                output.Append(atom.Raw);
                break;
            case List<object> array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    output.Append(i == 0 ? "" : " ");
                    Write(output, array[i]);
                }

                output.Append(']');
                break;
            case Dictionary<string, object> dictionary:
                output.Append("<<");
                foreach (var (key, entry) in dictionary)
                {
                    output.Append('/').Append(key).Append(' ');
                    Write(output, entry);
                }

                output.Append(">>");
                break;
            default:
                throw new ArgumentException($"Not a PDF value: {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>Every reference inside a value, depth first.</summary>
    public static IEnumerable<PdfReference> References(object value) => value switch
    {
        PdfReference reference => [reference],
        List<object> array => array.SelectMany(References),
        Dictionary<string, object> dictionary => dictionary.Values.SelectMany(References),
        _ => [],
    };

    /// <summary>A copy of a value with each reference replaced.</summary>
    public static object Renumber(object value, Func<PdfReference, PdfReference> map) => value switch
    {
        PdfReference reference => map(reference),
        List<object> array => array.Select(v => Renumber(v, map)).ToList(),
        Dictionary<string, object> dictionary => dictionary.ToDictionary(p => p.Key, p => Renumber(p.Value, map)),
        _ => value,
    };

    /// <summary>Skips white space and comments; returns the byte it stopped at.</summary>
    public static byte SkipSpace(byte[] pdf, ref int position)
    {
        while (position < pdf.Length)
        {
            var b = pdf[position];
            if (b == '%')
            {
                while (position < pdf.Length && pdf[position] is not (byte)'\n' and not (byte)'\r')
                {
                    position++;
                }
            }
            else if (IsSpace(b))
            {
                position++;
            }
            else
            {
                return b;
            }
        }

        throw new FormatException("The file ends inside an object.");
    }

    /// <summary>A regular token (number, keyword, name body) up to the next delimiter or space.</summary>
    public static string Token(byte[] pdf, ref int position)
    {
        var start = position;
        while (position < pdf.Length && !IsEnd(pdf, position))
        {
            position++;
        }

        return Encoding.Latin1.GetString(pdf, start, position - start);
    }

    private static bool IsEnd(byte[] pdf, int position) =>
        position >= pdf.Length || IsSpace(pdf[position]) || "()<>[]{}/%".Contains((char)pdf[position]);

    private static bool IsSpace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static byte[] Literal(byte[] pdf, ref int position)
    {
        var bytes = new List<byte>();
        var depth = 0;
        position++;
        while (true)
        {
            var b = pdf[position++];
            if (b == '\\')
            {
                var next = pdf[position++];
                if (next is >= (byte)'0' and <= (byte)'7')
                {
                    var octal = next - '0';
                    for (var i = 0; i < 2 && pdf[position] is >= (byte)'0' and <= (byte)'7'; i++)
                    {
                        octal = octal * 8 + pdf[position++] - '0';
                    }

                    bytes.Add((byte)octal);
                    continue;
                }

                switch (next)
                {
                    case (byte)'n': bytes.Add(10); break;
                    case (byte)'r': bytes.Add(13); break;
                    case (byte)'t': bytes.Add(9); break;
                    case (byte)'b': bytes.Add(8); break;
                    case (byte)'f': bytes.Add(12); break;
                    case (byte)'\r':
                        if (pdf[position] == '\n')
                        {
                            position++;
                        }

                        break;
                    case (byte)'\n': break;
                    default: bytes.Add(next); break;
                }

                continue;
            }

            if (b == '(')
            {
                depth++;
            }
            else if (b == ')' && depth-- == 0)
            {
                return [.. bytes];
            }

            bytes.Add(b);
        }
    }
}
