namespace Lgsp.Portal.Data;

/// <summary>
/// One agency's traffic on one Vietnamese calendar day, as the statistics job aggregated it from the broker's
/// records; what dashboards and reports read, so they stay fast however many exchanges there are.
/// </summary>
public sealed class AgencyDayStatistics
{
    public string AgencyId { get; set; } = "";

    public DateOnly Day { get; set; }

    public int Sent { get; set; }

    public long BytesSent { get; set; }

    public int Received { get; set; }

    public long BytesReceived { get; set; }

    public int Delivered { get; set; }

    public int Rejected { get; set; }

    public int Undeliverable { get; set; }

    public int Expired { get; set; }

    public double? DeliveryP50Seconds { get; set; }

    public double? DeliveryP95Seconds { get; set; }

    public int Connects { get; set; }

    public int Disconnects { get; set; }

    public int OnlineMinutes { get; set; }

    /// <summary>When the row was computed; today's row is recomputed until the day is over.</summary>
    public DateTime ComputedUtc { get; set; }
}

/// <summary>How far the statistics job has come: the last day whose aggregates are final.</summary>
public sealed class StatisticsProgress
{
    public int Id { get; set; } = 1;

    public DateOnly? LastCompleteDay { get; set; }
}
