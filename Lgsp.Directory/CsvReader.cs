using System.Text;

namespace Lgsp.Directory;

/// <summary>
/// A small RFC 4180 reader: comma-separated fields, double-quoted fields with doubled quotes and line breaks
/// inside. Yields each record with the line number it starts on, so import errors can point at it.
/// </summary>
internal static class CsvReader
{
    /// <summary>Records with their first line; <c>Unterminated</c> marks a record whose quote never closed.</summary>
    public static IEnumerable<(int Line, IReadOnlyList<string> Fields, bool Unterminated)> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var any = false;

        for (var next = reader.Read(); next != -1; next = reader.Read())
        {
            var c = (char)next;
            any = true;
            if (quoted)
            {
                if (c == '"' && reader.Peek() == '"')
                {
                    field.Append('"');
                    reader.Read();
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    yield return (recordLine, fields.ToArray(), false);
                    fields.Clear();
                    field.Clear();
                    line++;
                    recordLine = line;
                    any = false;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (any || quoted)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields.ToArray(), quoted);
        }
    }

    /// <summary>
    /// A field as written: a value a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, tab or carriage return) gets a leading apostrophe, which <see cref="Unprotect"/>
    /// removes on import; then quotes where the value needs them.
    /// </summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && FormulaStarts.Contains(value[0]))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value.StartsWith(' ') || value.EndsWith(' ')
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;
    }

    /// <summary>Removes the apostrophe <see cref="Quote"/> put before a formula-like value.</summary>
    public static string Unprotect(string value) =>
        value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1]) ? value[1..] : value;

    private const string FormulaStarts = "=+-@\t\r";
}
