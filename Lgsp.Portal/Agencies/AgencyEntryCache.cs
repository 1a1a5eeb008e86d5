using Lgsp.Broker.Hosting;
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

    private readonly RecentLookups<Agency> _lookups = new(time, Lifetime, 10_000, StringComparer.OrdinalIgnoreCase);

    public Task<Agency?> FindAsync(string id, Func<Task<Agency?>> read) => _lookups.GetAsync(id, read);

    /// <summary>Forgets every entry; called after this process changes the directory.</summary>
    public void Clear() => _lookups.Clear();
}
