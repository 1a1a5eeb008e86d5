using System.Collections.Concurrent;
using Lgsp.Directory;

namespace Lgsp.Portal.Agencies;

/// <summary>
/// Directory entries the broker looked up in the last second. Every exchange names its destinations and the
/// broker follows their successors; reading each from the portal's database took a database context and a query
/// per creation. Changes made by this process clear it at once; changes from the operator command line in another
/// process count within a second, as new and revoked keys do.
/// </summary>
public sealed class AgencyEntryCache(TimeProvider time)
{
    /// <summary>How long a lookup, found or not, is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (Agency? Agency, DateTimeOffset Expires)> _entries =
        new(StringComparer.OrdinalIgnoreCase);

    public async Task<Agency?> FindAsync(string id, Func<Task<Agency?>> read)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(id, out var entry) && entry.Expires > now)
        {
            return entry.Agency;
        }

        var agency = await read();
        if (_entries.Count > 10_000)
        {
            // Unknown identifiers sent by a flood must not grow this without bound.
            _entries.Clear();
        }

        _entries[id] = (agency, now + Lifetime);
        return agency;
    }

    /// <summary>Forgets every entry; called after this process changes the directory.</summary>
    public void Clear() => _entries.Clear();
}
