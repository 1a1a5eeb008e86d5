using Lgsp.Broker.Directory;
using Lgsp.Directory;
using Lgsp.Portal.Agencies;

namespace Lgsp.Portal.Applications;

/// <summary>
/// The portal's directory, read by the broker. The directory service (and its database context) is built only
/// when a lookup misses <see cref="AgencyEntryCache"/>: every exchange request builds this lookup.
/// </summary>
internal sealed class AgencyLookup(IServiceProvider services, AgencyEntryCache cache) : IAgencyLookup
{
    public Task<IReadOnlyList<Agency>> SearchAsync(string query, int limit, CancellationToken cancellationToken) =>
        Directory.SearchAsync(query, limit, cancellationToken);

    public Task<Agency?> FindAsync(string id, CancellationToken cancellationToken) =>
        cache.FindAsync(id.Trim(), () => Directory.FindAsync(id, cancellationToken));

    private AgencyDirectoryService Directory => services.GetRequiredService<AgencyDirectoryService>();
}
