using System.Collections.Concurrent;
using System.Threading.Channels;
using Lgsp.Broker.Storage;
using LiteDB;

namespace Lgsp.Broker.Events;

/// <summary>
/// Routes events to open event streams. Notifications for a source application are stored first and marked
/// sent once written to a stream; offers are not stored, because the inbox itself is their durable record and
/// a stream replays what is offered when it opens.
/// </summary>
public sealed class EventHub
{
    private readonly BrokerStore _store;
    private readonly ILiteCollection<BrokerEvent> _pending;
    private readonly ConcurrentDictionary<Guid, Subscriber> _subscribers = new();
    private readonly TimeProvider _time;

    public EventHub(BrokerStore store, TimeProvider time)
    {
        _time = time;
        _store = store;
        _pending = store.Database.GetCollection<BrokerEvent>("events");
        store.Run(() => _pending.EnsureIndex(e => e.AccessKeyId));
    }

    /// <summary>Opens a subscription for one application's stream.</summary>
    public Subscription Subscribe(string accessKeyId, string agencyId)
    {
        var subscriber = new Subscriber(accessKeyId, agencyId, Channel.CreateUnbounded<BrokerEvent>());
        var id = Guid.NewGuid();
        _subscribers[id] = subscriber;
        return new Subscription(subscriber.Channel.Reader, () => _subscribers.TryRemove(id, out _));
    }

    /// <summary>Tells every open stream of the recipient agency that an exchange is offered.</summary>
    public void Offered(string agencyId, string exchangeId)
    {
        foreach (var subscriber in _subscribers.Values.Where(s => s.AgencyId == agencyId))
        {
            subscriber.Channel.Writer.TryWrite(new BrokerEvent
            {
                AccessKeyId = subscriber.AccessKeyId,
                Type = EventTypes.Offered,
                ExchangeId = exchangeId,
                AgencyId = agencyId,
                CreatedUtc = _time.GetUtcNow().UtcDateTime,
            });
        }
    }

    /// <summary>Stores a notification for the source application and pushes it to its open streams.</summary>
    public async Task NotifyAsync(
        string accessKeyId,
        string type,
        string exchangeId,
        string? agencyId,
        CancellationToken cancellationToken)
    {
        var notification = new BrokerEvent
        {
            AccessKeyId = accessKeyId,
            Type = type,
            ExchangeId = exchangeId,
            AgencyId = agencyId,
            CreatedUtc = _time.GetUtcNow().UtcDateTime,
        };
        await _store.RunAsync(() => _pending.Insert(notification), cancellationToken);
        foreach (var subscriber in _subscribers.Values.Where(s => s.AccessKeyId == accessKeyId))
        {
            subscriber.Channel.Writer.TryWrite(notification);
        }
    }

    /// <summary>Stored notifications not yet written to any stream of the application, oldest first.</summary>
    public IReadOnlyList<BrokerEvent> Unsent(string accessKeyId) =>
        _store.Run(() => _pending.Find(e => e.AccessKeyId == accessKeyId && e.SentUtc == null)
            .OrderBy(e => e.Id)
            .ToList());

    /// <summary>Marks a stored notification as written to a stream.</summary>
    public async Task MarkSentAsync(BrokerEvent notification, CancellationToken cancellationToken)
    {
        if (notification.Type == EventTypes.Offered)
        {
            return;
        }

        notification.SentUtc = _time.GetUtcNow().UtcDateTime;
        await _store.RunAsync(() => _pending.Update(notification), cancellationToken);
    }

    private sealed record Subscriber(string AccessKeyId, string AgencyId, Channel<BrokerEvent> Channel);
}

/// <summary>An open subscription; disposing it removes the stream from the hub.</summary>
public sealed class Subscription(ChannelReader<BrokerEvent> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<BrokerEvent> Reader { get; } = reader;

    public void Dispose() => unsubscribe();
}
