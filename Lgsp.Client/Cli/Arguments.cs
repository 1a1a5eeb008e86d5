namespace Lgsp.Client.Cli;

/// <summary>Words and <c>--name value</c> options; flags (<c>--once</c>) take no value.</summary>
internal sealed class Arguments
{
    private static readonly string[] Flags = ["once", "help"];

    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    public List<string> Words { get; } = [];

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Words.Add(args[i]);
                continue;
            }

            var name = args[i][2..];
            var value = Flags.Contains(name) ? "true"
                : i + 1 < args.Count ? args[++i]
                : throw new ArgumentException($"--{name} needs a value.");
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

    public bool Flag(string name) => _options.ContainsKey(name);
}
