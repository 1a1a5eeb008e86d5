using System.Collections.Concurrent;

namespace Lgsp.Broker.Hosting;

/// <summary>
/// Lookups remembered for a short while, by key, whether they found something or not; once the lifetime has
/// passed the next request for a key reads it anew. Past <c>capacity</c> entries (unknown keys sent by a flood)
/// everything is forgotten, so it never grows without bound.
/// </summary>
public sealed class RecentLookups<T>(
    TimeProvider time,
    TimeSpan lifetime,
    int capacity,
    IEqualityComparer<string> comparer)
    where T : class
{
    private readonly ConcurrentDictionary<string, (T? Value, DateTimeOffset Expires)> _entries = new(comparer);

    /// <summary>The remembered value of <paramref name="key"/>, or what <paramref name="read"/> finds now.</summary>
    public async Task<T?> GetAsync(string key, Func<Task<T?>> read)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            return entry.Value;
        }

        var value = await read();
        if (_entries.Count > capacity)
        {
            _entries.Clear();
        }

        _entries[key] = (value, now + lifetime);
        return value;
    }

    /// <summary>Forgets one key at once.</summary>
    public void Forget(string key) => _entries.TryRemove(key, out _);

    /// <summary>Forgets every key at once.</summary>
    public void Clear() => _entries.Clear();
}
