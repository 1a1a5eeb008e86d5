using LiteDB;

namespace Lgsp.Broker.Events;

/// <summary>Event types of the stream (spec, "Real-time notifications and presence").</summary>
public static class EventTypes
{
    public const string Offered = "exchange.offered";
    public const string Delivered = "exchange.delivered";
    public const string Rejected = "exchange.rejected";
    public const string Undeliverable = "exchange.undeliverable";
    public const string Expired = "exchange.expired";
}

/// <summary>
/// A notification for one application, stored until its event stream has written it, so that a source that
/// is offline when its exchange is delivered, rejected or found undeliverable learns it at its next connect.
/// </summary>
public sealed class BrokerEvent
{
    public ObjectId Id { get; set; } = ObjectId.NewObjectId();

    public string AccessKeyId { get; set; } = "";

    public string Type { get; set; } = "";

    public string ExchangeId { get; set; } = "";

    /// <summary>For a per-recipient event, the recipient agency it concerns.</summary>
    public string? AgencyId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? SentUtc { get; set; }
}
