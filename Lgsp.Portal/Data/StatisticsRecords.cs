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

/// <summary>
/// One agency's requests in one calendar month, as the request statistics job counted them: sent to the
/// Department that month, and answered that month (by the answer's date), on time or late.
/// </summary>
public sealed class AgencyMonthRequests
{
    public string AgencyId { get; set; } = "";

    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; set; }

    public int Submitted { get; set; }

    public int Answered { get; set; }

    /// <summary>Answered with a refusal (the others were granted).</summary>
    public int Refused { get; set; }

    public int OnTime { get; set; }

    public int Late { get; set; }

    /// <summary>Working days from each deadline clock's start to its answer, summed over the answered.</summary>
    public int WorkingDays { get; set; }

    public DateTime ComputedUtc { get; set; }
}

/// <summary>What a report is written as.</summary>
public enum ReportFormat
{
    Excel,
    Pdf,
}

/// <summary>Where a report stands in the background.</summary>
public enum ReportState
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>A report someone asked for: its period and agencies, its progress, and its file once written.</summary>
public sealed class ReportRun
{
    public Guid Id { get; set; }

    /// <summary>The user who asked; only they download it.</summary>
    public string RequestedBy { get; set; } = "";

    public DateTime RequestedUtc { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    /// <summary>The agencies' identifiers separated by commas; empty for every agency.</summary>
    public string Agencies { get; set; } = "";

    public ReportFormat Format { get; set; }

    /// <summary>Whether an Excel report lists every exchange of the period, one row each.</summary>
    public bool IncludeExchanges { get; set; }

    public ReportState State { get; set; }

    /// <summary>Per cent done, 0 to 100.</summary>
    public int Progress { get; set; }

    public DateTime? FinishedUtc { get; set; }

    /// <summary>The file's size in bytes once written.</summary>
    public long? Size { get; set; }

    /// <summary>Why it failed, in words for the person who asked.</summary>
    public string? Problem { get; set; }
}
