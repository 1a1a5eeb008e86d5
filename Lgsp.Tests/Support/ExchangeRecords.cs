using Lgsp.Broker.Exchanges;

namespace Lgsp.Tests.Support;

/// <summary>Exchange records made directly, as the traffic that statistics, monitoring and retention read.</summary>
internal static class ExchangeRecords
{
    /// <summary>An exchange created and submitted at <paramref name="submittedUtc"/>, expiring in a week.</summary>
    public static Exchange Submitted(string source, DateTime submittedUtc, long size, params Recipient[] recipients) =>
        new()
        {
            Id = Guid.NewGuid().ToString("N"),
            SourceAgencyId = source,
            SourceKeyId = "LGSPTEST",
            CreatedUtc = submittedUtc,
            SubmittedUtc = submittedUtc,
            ExpiresUtc = submittedUtc.AddDays(7),
            Size = size,
            Recipients = [.. recipients],
        };

    /// <summary>A recipient that reached a final status at <paramref name="atUtc"/>.</summary>
    public static Recipient Finished(string agency, RecipientStatus status, DateTime atUtc) =>
        new() { AgencyId = agency, Status = status, FinishedUtc = atUtc };
}
