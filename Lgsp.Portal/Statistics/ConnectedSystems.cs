using Lgsp.Broker.Presence;
using Lgsp.Broker.Statistics;
using Lgsp.Portal.Data;
using Lgsp.Portal.Requests;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Statistics;

/// <summary>One registered application as the connected-systems page shows it.</summary>
/// <param name="SinceUtc">Online since (the open session's start), or offline since (the last session's end).</param>
public sealed record ApplicationPresence(
    string AccessKeyId,
    string Name,
    string AgencyId,
    string AgencyName,
    bool Online,
    DateTime? SinceUtc,
    DateTime? LastSeenUtc,
    int ConnectsToday,
    int DisconnectsToday);

/// <summary>
/// Every registered application (keys not revoked) with its presence now and today's connections (Điều 5.11):
/// the Department's staff see all of them, an agency only its own.
/// </summary>
public sealed class ConnectedSystems(
    PortalDbContext db,
    RequestActors actors,
    PresenceTracker presence,
    ConnectionLog connections,
    TimeProvider time)
{
    public async Task<IReadOnlyList<ApplicationPresence>> ListAsync(CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        var applications = db.Applications.AsNoTracking().Where(a => a.RevokedUtc == null);
        if (!me.IsStaff)
        {
            var own = me.User.AgencyId ?? "";
            applications = applications.Where(a => a.AgencyId == own);
        }

        var list = await applications.OrderBy(a => a.AgencyId).ThenBy(a => a.Name).ToListAsync(cancellationToken);
        var names = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var (todayStart, todayEnd) = TrafficAggregation.Bounds(VietnamTime.Today(time));
        var today = connections.OpenBetween(todayStart, todayEnd).ToLookup(s => s.AccessKeyId);
        return [.. list.Select(application =>
        {
            var online = presence.IsApplicationOnline(application.AccessKeyId);
            var latest = connections.History(application.AccessKeyId, null, 1).FirstOrDefault();
            var sessions = today[application.AccessKeyId].ToList();
            return new ApplicationPresence(
                application.AccessKeyId,
                application.Name,
                application.AgencyId,
                names.GetValueOrDefault(application.AgencyId, application.AgencyId),
                online,
                online ? latest?.ConnectedUtc : latest?.DisconnectedUtc,
                presence.LastSeen(application.AccessKeyId) ?? latest?.DisconnectedUtc,
                sessions.Count(s => s.ConnectedUtc >= todayStart),
                sessions.Count(s => s.DisconnectedUtc >= todayStart));
        })];
    }
}
