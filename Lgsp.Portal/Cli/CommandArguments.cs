namespace Lgsp.Portal.Cli;

/// <summary>Thrown for a malformed command line; the message says what to type instead.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// A parsed command line: the words before the first option (<c>users add</c>) and the <c>--name value</c>
/// options. Options may repeat (<c>--role A --role B</c>).
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private CommandArguments(IReadOnlyList<string> words) => Words = words;

    public IReadOnlyList<string> Words { get; }

    public static CommandArguments Parse(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        var options = new List<(string Name, string Value)>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(args[i]);
                continue;
            }

            var name = args[i][2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                options.Add((name[..equals], name[(equals + 1)..]));
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options.Add((name, args[++i]));
            }
            else
            {
                throw new UsageException($"--{name} cần một giá trị.");
            }
        }

        var parsed = new CommandArguments(words);
        foreach (var (name, value) in options)
        {
            if (!parsed._options.TryGetValue(name, out var values))
            {
                parsed._options[name] = values = [];
            }

            values.Add(value);
        }

        return parsed;
    }

    public string? Option(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Options(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public string Required(string name) =>
        Option(name) is { Length: > 0 } value ? value : throw new UsageException($"Thiếu --{name}.");

    /// <summary>Refuses options the command does not know, so a typo is not silently ignored.</summary>
    public void AllowOnly(params string[] names)
    {
        var unknown = _options.Keys.Where(key => key != "data" && !names.Contains(key)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Tùy chọn không hợp lệ: {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
