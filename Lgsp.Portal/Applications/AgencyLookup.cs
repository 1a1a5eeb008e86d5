using Lgsp.Broker.Directory;
using Lgsp.Directory;
using Lgsp.Portal.Agencies;

namespace Lgsp.Portal.Applications;

/// <summary>The portal's directory, read by the broker.</summary>
internal sealed class AgencyLookup(AgencyDirectoryService directory) : IAgencyLookup
{
    public Task<IReadOnlyList<Agency>> SearchAsync(string query, int limit, CancellationToken cancellationToken) =>
        directory.SearchAsync(query, limit, cancellationToken);

    public Task<Agency?> FindAsync(string id, CancellationToken cancellationToken) =>
        directory.FindAsync(id, cancellationToken);
}
