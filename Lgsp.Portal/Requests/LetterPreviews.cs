using System.Collections.Concurrent;

namespace Lgsp.Portal.Requests;

/// <summary>
/// The latest live preview of a letter being drafted, per person, request and document, for the preview frame to
/// load; never shared between people, and forgotten after half an hour.
/// </summary>
public sealed class LetterPreviews(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<(string User, Guid Request, string Document), Entry> _entries = new();

    /// <summary>Keeps a preview; returns its version, for the frame's address to change with it.</summary>
    public int Store(string user, Guid request, string document, byte[] pdf)
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.Stored > Lifetime)
            {
                _entries.TryRemove(key, out _);
            }
        }

        var stored = _entries.AddOrUpdate((user, request, document),
            _ => new Entry(pdf, 1, now),
            (_, previous) => new Entry(pdf, previous.Version + 1, now));
        return stored.Version;
    }

    /// <summary>The person's latest preview of that document, if they have one.</summary>
    public byte[]? Find(string user, Guid request, string document) =>
        _entries.TryGetValue((user, request, document), out var entry) && time.GetUtcNow() - entry.Stored <= Lifetime
            ? entry.Pdf
            : null;

    private sealed record Entry(byte[] Pdf, int Version, DateTimeOffset Stored);
}
