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

    /// <summary>What a report lists of <paramref name="exchange"/>.</summary>
    public static ExchangeListing Listing(Exchange exchange) => new(exchange.Id, exchange.SubmittedUtc!.Value,
        exchange.Title, exchange.SourceAgencyId, exchange.Priority, exchange.DataType, exchange.Size ?? 0,
        [.. exchange.Recipients.Select(r => new RecipientListing(r.AgencyId, r.Status, r.FinishedUtc))]);

    /// <summary>A listing in one line, for comparing two whole listings.</summary>
    public static string Describe(ExchangeListing e) => string.Join(" | ", e.Id, e.SubmittedUtc.ToString("O"),
        e.SubmittedUtc.Kind, e.Title, e.SourceAgencyId, e.Priority, e.DataType, e.Size,
        string.Join("; ", e.Recipients.Select(r => $"{r.AgencyId} {r.Status} {r.FinishedUtc:O} {r.IsFinal}")));

    /// <summary>A recipient that reached a final status at <paramref name="atUtc"/>.</summary>
    public static Recipient Finished(string agency, RecipientStatus status, DateTime atUtc) =>
        new() { AgencyId = agency, Status = status, FinishedUtc = atUtc };
}
