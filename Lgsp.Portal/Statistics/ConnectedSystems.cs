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
    int DisconnectsToday,
    DateTime IssuedUtc);

/// <summary>One connection session of an application as the history shows it.</summary>
/// <param name="EndUtc">When it ended; null while it is still open.</param>
/// <param name="Interrupted">Closed by a restart of the portal rather than by the application going quiet.</param>
public sealed record SessionView(DateTime StartUtc, DateTime? EndUtc, TimeSpan Duration, bool Interrupted);

/// <summary>An application's connection history, newest first.</summary>
public sealed record ApplicationHistory(
    string AccessKeyId, string Name, string AgencyName, IReadOnlyList<SessionView> Sessions);

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
    /// <summary>
    /// The latest sessions of one application (revoked ones included, for the record), or null when it does not
    /// exist for this person: another agency's application is as absent as an unknown one.
    /// </summary>
    public async Task<ApplicationHistory?> HistoryAsync(
        string accessKeyId, int limit, CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking()
            .SingleOrDefaultAsync(a => a.AccessKeyId == accessKeyId, cancellationToken);
        if (application is null || !me.SeesAgency(application.AgencyId))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == application.AgencyId)
            .Select(a => a.Name).FirstOrDefaultAsync(cancellationToken) ?? application.AgencyId;
        var sessions = connections.History(accessKeyId, null, limit)
            .Select(s => new SessionView(s.ConnectedUtc, s.DisconnectedUtc,
                (s.DisconnectedUtc ?? now) - s.ConnectedUtc, s.Interrupted))
            .ToList();
        return new ApplicationHistory(application.AccessKeyId, application.Name, agency, sessions);
    }

    /// <summary>
    /// The applications this person sees that have been offline for more than a day: their agencies may be
    /// missing packages. One issued less than a day ago and never connected has not had the time to be missed.
    /// </summary>
    public async Task<IReadOnlyList<ApplicationPresence>> QuietAsync(CancellationToken cancellationToken)
    {
        var dayAgo = time.GetUtcNow().UtcDateTime.AddDays(-1);
        return [.. (await ListAsync(cancellationToken))
            .Where(a => !a.Online && (a.LastSeenUtc ?? a.IssuedUtc) < dayAgo)];
    }

    public async Task<IReadOnlyList<ApplicationPresence>> ListAsync(CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        var applications = db.Applications.AsNoTracking().Where(a => a.RevokedUtc == null);
        if (!me.IsStaff)
        {
            var own = me.User.AgencyId ?? "";
            applications = applications.Where(a => a.AgencyId == own);
        }

        var list = (await applications.OrderBy(a => a.AgencyId).ThenBy(a => a.Name).ToListAsync(cancellationToken))
            .Where(a => me.SeesAgency(a.AgencyId));
        var names = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var (todayStart, todayEnd) = TrafficAggregation.Bounds(VietnamTime.Today(time));
        // The sessions of the last two days in one read: today's connections come from them, and each
        // application's latest session; only applications quiet for longer are looked up one by one.
        var now = time.GetUtcNow().UtcDateTime;
        var sessionsOfTwoDays = connections.OpenBetween(now.AddDays(-2), todayEnd);
        var today = sessionsOfTwoDays.Where(s => s.DisconnectedUtc is null || s.DisconnectedUtc >= todayStart)
            .ToLookup(s => s.AccessKeyId);
        var recent = sessionsOfTwoDays.GroupBy(s => s.AccessKeyId)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.ConnectedUtc)!);
        return [.. list.Select(application =>
        {
            var online = presence.IsApplicationOnline(application.AccessKeyId);
            var latest = recent.GetValueOrDefault(application.AccessKeyId)
                ?? connections.History(application.AccessKeyId, null, 1).FirstOrDefault();
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
                sessions.Count(s => s.DisconnectedUtc >= todayStart),
                application.IssuedUtc);
        })];
    }
}
