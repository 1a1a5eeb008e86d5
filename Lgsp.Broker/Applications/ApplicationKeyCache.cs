using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Broker.Applications;

/// <summary>
/// Remembers key lookups for one second. The contract lets a new or revoked key take effect within a second, and
/// without this every signed request would read and decrypt its key from the database. The registry is resolved
/// only on a miss: it is a scoped service over the portal's database, costly to build for every request.
/// </summary>
public sealed class ApplicationKeyCache(TimeProvider time)
{
    /// <summary>How long a lookup, found or not, is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (RegisteredApplication? Application, DateTimeOffset Expires)>
        _entries = new(StringComparer.Ordinal);

    public async Task<RegisteredApplication?> FindActiveAsync(
        string accessKeyId,
        IServiceProvider services,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(accessKeyId, out var entry) && entry.Expires > now)
        {
            return entry.Application;
        }

        var application = await services.GetRequiredService<IApplicationRegistry>()
            .FindActiveAsync(accessKeyId, cancellationToken);
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
