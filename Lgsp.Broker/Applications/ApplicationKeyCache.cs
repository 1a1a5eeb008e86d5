using Lgsp.Broker.Hosting;
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

    private readonly RecentLookups<RegisteredApplication> _lookups =
        new(time, Lifetime, 100_000, StringComparer.Ordinal);

    public Task<RegisteredApplication?> FindActiveAsync(
        string accessKeyId,
        IServiceProvider services,
        CancellationToken cancellationToken) =>
        _lookups.GetAsync(
            accessKeyId,
            () => services.GetRequiredService<IApplicationRegistry>().FindActiveAsync(accessKeyId, cancellationToken));

    /// <summary>Forgets a key at once, for revocations made inside this process.</summary>
    public void Forget(string accessKeyId) => _lookups.Forget(accessKeyId);
}
