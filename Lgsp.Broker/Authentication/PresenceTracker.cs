using System.Collections.Concurrent;

namespace Lgsp.Broker.Authentication;

/// <summary>
/// Who is online: an application is online while it has made a signed request in the last 60 seconds
/// (spec, "Real-time notifications and presence"); an agency is online while one of its applications is.
/// </summary>
public sealed class PresenceTracker(TimeProvider time)
{
    /// <summary>How long a signed request keeps its application online.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeenByAgency = new(StringComparer.Ordinal);

    /// <summary>Notes a verified request from an application of <paramref name="agencyId"/>.</summary>
    public void Seen(string agencyId) => _lastSeenByAgency[agencyId] = time.GetUtcNow();

    /// <summary>Whether any application of <paramref name="agencyId"/> is online now.</summary>
    public bool IsOnline(string agencyId) =>
        _lastSeenByAgency.TryGetValue(agencyId, out var seen) && time.GetUtcNow() - seen <= Window;
}
