using Lgsp.Directory;

namespace Lgsp.Broker.Directory;

/// <summary>The agency directory as the broker reads it; the portal keeps it.</summary>
public interface IAgencyLookup
{
    /// <summary>Agencies matching <paramref name="query"/>, best first (see <see cref="AgencySearch"/>).</summary>
    Task<IReadOnlyList<Agency>> SearchAsync(string query, int limit, CancellationToken cancellationToken);

    /// <summary>One agency by identifier, retired or not; null when the directory has no such entry.</summary>
    Task<Agency?> FindAsync(string id, CancellationToken cancellationToken);
}
