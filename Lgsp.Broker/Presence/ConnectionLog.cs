using Lgsp.Broker.Storage;
using LiteDB;

namespace Lgsp.Broker.Presence;

/// <summary>One period during which an application was online (Điều 5.11, 5.12).</summary>
public sealed class ConnectionSession
{
    public ObjectId Id { get; set; } = ObjectId.NewObjectId();

    public string AccessKeyId { get; set; } = "";

    public string AgencyId { get; set; } = "";

    public DateTime ConnectedUtc { get; set; }

    public DateTime? DisconnectedUtc { get; set; }

    /// <summary>True when the session was closed by a restart rather than observed to end.</summary>
    public bool Interrupted { get; set; }
}

/// <summary>The connection history in the broker's LiteDB file: every connect and disconnect with its time.</summary>
public sealed class ConnectionLog
{
    private readonly BrokerStore _store;
    private readonly ILiteCollection<ConnectionSession> _sessions;

    public ConnectionLog(BrokerStore store)
    {
        _store = store;
        _sessions = store.Database.GetCollection<ConnectionSession>("connections");
        store.Run(() =>
            _sessions.EnsureIndex(s => s.AccessKeyId)
            & _sessions.EnsureIndex(s => s.AgencyId)
            & _sessions.EnsureIndex(s => s.DisconnectedUtc)
            & _sessions.EnsureIndex(s => s.ConnectedUtc));
    }

    /// <summary>Removes sessions that ended before <paramref name="beforeUtc"/>; returns how many went.</summary>
    public int DeleteClosedBefore(DateTime beforeUtc) =>
        _store.Run(() => _sessions.DeleteMany(s => s.DisconnectedUtc != null && s.DisconnectedUtc < beforeUtc));

    /// <summary>When the oldest kept session started, if any did.</summary>
    public DateTime? OldestConnection() =>
        _store.Run(() => _sessions.Query().OrderBy(s => s.ConnectedUtc).Limit(1).FirstOrDefault()?.ConnectedUtc);

    /// <summary>
    /// Sessions that were open at some moment between two instants. Read from the index of ends: it costs the
    /// sessions that ended after <paramref name="fromUtc"/> (few for today; a year's for a year's report) plus the
    /// open ones, never the whole history.
    /// </summary>
    public IReadOnlyList<ConnectionSession> OpenBetween(DateTime fromUtc, DateTime toUtc) =>
        _store.Run<IReadOnlyList<ConnectionSession>>(() =>
            [.. _sessions.Find(Query.GTE("DisconnectedUtc", fromUtc))
                .Concat(_sessions.Find(Query.EQ("DisconnectedUtc", BsonValue.Null)))
                .Where(s => s.ConnectedUtc < toUtc)]);

    /// <summary>Adds past sessions in bulk, a few thousand per transaction: imports and benchmarks' seeds.</summary>
    public int InsertMany(IEnumerable<ConnectionSession> sessions) => _store.Run(() => _sessions.InsertBulk(sessions));

    public ConnectionSession Open(string accessKeyId, string agencyId, DateTime nowUtc)
    {
        var session = new ConnectionSession { AccessKeyId = accessKeyId, AgencyId = agencyId, ConnectedUtc = nowUtc };
        _store.Run(() => _sessions.Insert(session));
        return session;
    }

    public void Close(ConnectionSession session, DateTime disconnectedUtc, bool interrupted = false)
    {
        session.DisconnectedUtc = disconnectedUtc;
        session.Interrupted = interrupted;
        _store.Run(() => _sessions.Update(session));
    }

    /// <summary>Closes sessions left open by a process that stopped without closing them.</summary>
    public int CloseDangling(DateTime nowUtc)
    {
        var open = _store.Run(() => _sessions.Find(s => s.DisconnectedUtc == null).ToList());
        open.ForEach(s => Close(s, nowUtc, interrupted: true));
        return open.Count;
    }

    /// <summary>When an application of <paramref name="agencyId"/> was last online, or null if never.</summary>
    public DateTime? LastOnline(string agencyId) =>
        _store.Run(() => _sessions.Find(s => s.AgencyId == agencyId)
            .Select(s => s.DisconnectedUtc ?? DateTime.MaxValue)
            .DefaultIfEmpty()
            .Max()) is var last && last == default ? null : last;

    /// <summary>Sessions of an application or agency, newest first.</summary>
    public IReadOnlyList<ConnectionSession> History(string? accessKeyId, string? agencyId, int limit)
    {
        // One indexed equality (an OR of optional filters would scan every session), the other filter after.
        return _store.Run<IReadOnlyList<ConnectionSession>>(() =>
        {
            var found = accessKeyId is not null
                ? _sessions.Find(Query.EQ("AccessKeyId", accessKeyId))
                    .Where(s => agencyId == null || s.AgencyId == agencyId)
                : agencyId is not null
                    ? _sessions.Find(Query.EQ("AgencyId", agencyId))
                    : _sessions.FindAll();
            return [.. found.OrderByDescending(s => s.ConnectedUtc).Take(limit)];
        });
    }
}
