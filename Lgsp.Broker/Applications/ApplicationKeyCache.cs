using System.Collections.Concurrent;

namespace Lgsp.Broker.Applications;

/// <summary>
/// Remembers key lookups for one second. The contract lets a new or revoked key take effect within a second, and
/// without this every signed request would read and decrypt its key from the database.
/// </summary>
public sealed class ApplicationKeyCache(TimeProvider time)
{
    /// <summary>How long a lookup, found or not, is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (RegisteredApplication? Application, DateTimeOffset Expires)>
        _entries = new(StringComparer.Ordinal);

    public async Task<RegisteredApplication?> FindActiveAsync(
        string accessKeyId,
        IApplicationRegistry registry,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(accessKeyId, out var entry) && entry.Expires > now)
        {
            return entry.Application;
        }

        var application = await registry.FindActiveAsync(accessKeyId, cancellationToken);
        if (_entries.Count > 100_000)
        {
            // Unknown keys sent by a flood must not grow this without bound.
            _entries.Clear();
        }

        _entries[accessKeyId] = (application, now + Lifetime);
        return application;
    }

    /// <summary>Forgets a key at once, for revocations made inside this process.</summary>
    public void Forget(string accessKeyId) => _entries.TryRemove(accessKeyId, out _);
}
