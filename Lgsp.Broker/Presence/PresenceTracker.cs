using System.Collections.Concurrent;

namespace Lgsp.Broker.Presence;

/// <summary>
/// Who is online: an application is online while it holds an event stream open or has made a signed request
/// in the last 60 seconds (spec, "Real-time notifications and presence"); an agency is online while one of
/// its applications is. Each online period is recorded in the <see cref="ConnectionLog"/>.
/// </summary>
public sealed class PresenceTracker(ConnectionLog log, TimeProvider time)
{
    /// <summary>How long a signed request keeps its application online.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, State> _applications = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Raised after an application came online or went offline (a session opened or closed), outside any lock;
    /// pages showing presence refresh on it. Handlers must return quickly and not throw.
    /// </summary>
    public event Action? Changed;

    /// <summary>Notes a verified request from an application.</summary>
    public void Seen(string accessKeyId, string agencyId) => Touch(accessKeyId, agencyId, streamDelta: 0);

    /// <summary>An event stream opened; the application stays online until it closes.</summary>
    public void StreamOpened(string accessKeyId, string agencyId) => Touch(accessKeyId, agencyId, streamDelta: 1);

    /// <summary>An event stream closed; the application stays online for the usual window after.</summary>
    public void StreamClosed(string accessKeyId, string agencyId) => Touch(accessKeyId, agencyId, streamDelta: -1);

    /// <summary>Whether the application is online now.</summary>
    public bool IsApplicationOnline(string accessKeyId) =>
        _applications.TryGetValue(accessKeyId, out var state) && IsOnline(state, time.GetUtcNow().UtcDateTime);

    /// <summary>When the application last made a request or held its event stream, in this process's life.</summary>
    public DateTime? LastSeen(string accessKeyId) =>
        _applications.TryGetValue(accessKeyId, out var state)
            ? state.Streams > 0 ? time.GetUtcNow().UtcDateTime : state.LastSeenUtc
            : null;

    /// <summary>Whether any application of <paramref name="agencyId"/> is online now.</summary>
    public bool IsOnline(string agencyId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _applications.Values.Any(s => s.AgencyId == agencyId && IsOnline(s, now));
    }

    /// <summary>When <paramref name="agencyId"/> was last online: now if it is, else from the history.</summary>
    public DateTime? LastOnline(string agencyId) =>
        IsOnline(agencyId) ? time.GetUtcNow().UtcDateTime : log.LastOnline(agencyId);

    /// <summary>Closes the recorded sessions of applications that went offline; run periodically.</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var closed = 0;
        lock (_lock)
        {
            foreach (var state in _applications.Values.Where(s => s.Session is not null && !IsOnline(s, now)))
            {
                log.Close(state.Session!, state.LastSeenUtc + Window);
                state.Session = null;
                closed++;
            }
        }

        if (closed > 0)
        {
            Changed?.Invoke();
        }
    }

    private void Touch(string accessKeyId, string agencyId, int streamDelta)
    {
        var now = time.GetUtcNow().UtcDateTime;
        bool opened;
        lock (_lock)
        {
            var state = _applications.GetOrAdd(accessKeyId, _ => new State(agencyId));
            if (state.Session is not null && !IsOnline(state, now))
            {
                log.Close(state.Session, state.LastSeenUtc + Window);
                state.Session = null;
            }

            state.Streams = Math.Max(0, state.Streams + streamDelta);
            state.LastSeenUtc = now;
            opened = state.Session is null;
            state.Session ??= log.Open(accessKeyId, agencyId, now);
        }

        if (opened)
        {
            Changed?.Invoke();
        }
    }

    private static bool IsOnline(State state, DateTime now) => state.Streams > 0 || now - state.LastSeenUtc <= Window;

    private sealed class State(string agencyId)
    {
        public string AgencyId { get; } = agencyId;

        public int Streams { get; set; }

        public DateTime LastSeenUtc { get; set; }

        public ConnectionSession? Session { get; set; }
    }
}
