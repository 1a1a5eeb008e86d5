using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Statistics;
using Lgsp.Portal.Requests;

namespace Lgsp.Portal.Statistics;

/// <summary>Which way a package went, seen from the agency a filter names.</summary>
public enum TrafficDirection
{
    Both,
    Sent,
    Received,
}

/// <summary>What the traffic list is filtered by; days are Vietnamese calendar days, both included.</summary>
public sealed record TrafficFilter(
    DateOnly From,
    DateOnly To,
    string? AgencyId = null,
    TrafficDirection Direction = TrafficDirection.Both,
    RecipientStatus? Status = null,
    Priority? Priority = null,
    string? DataType = null);

/// <summary>
/// The monitoring of what is sent and received (Điều 5.11): exchanges' metadata, never their content. The
/// Department's staff see every agency's traffic; an agency sees only what it sent or received, and any other
/// exchange is as absent as an unknown one.
/// </summary>
public sealed class TrafficLog(ExchangeStore exchanges, RequestActors actors)
{
    /// <summary>The most rows one search returns.</summary>
    public const int Limit = 500;

    public async Task<IReadOnlyList<Exchange>> SearchAsync(TrafficFilter filter, CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        // An agency's filter is its own agency, whatever the page sent.
        var agency = me.IsStaff ? filter.AgencyId is { Length: > 0 } a ? a.Trim().ToUpperInvariant() : null
            : me.User.AgencyId is { } own && me.SeesAgency(own) ? own : "-";
        bool Sent(Exchange e) => e.SourceAgencyId == agency;
        bool Received(Exchange e) => e.Recipients.Any(r => r.AgencyId == agency);
        bool Keep(Exchange e) =>
            (agency is null || filter.Direction switch
            {
                TrafficDirection.Sent => Sent(e),
                TrafficDirection.Received => Received(e),
                _ => Sent(e) || Received(e),
            })
            && (filter.Status is not { } status || e.Recipients.Any(r => r.Status == status))
            && (filter.Priority is not { } priority || e.Priority == priority)
            && (filter.DataType is not { Length: > 0 } type || e.DataType == type);

        // Newest day first, stopping at the limit: a search over a busy year reads only the days it shows.
        var found = new List<Exchange>();
        for (var day = filter.To; day >= filter.From && found.Count < Limit; day = day.AddDays(-1))
        {
            var (from, to) = TrafficAggregation.Bounds(day);
            found.AddRange(exchanges.Submitted(from, to, Keep, Limit - found.Count));
        }

        return found;
    }

    /// <summary>One exchange's metadata, or null when it does not exist for this person.</summary>
    public async Task<Exchange?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        var exchange = exchanges.Find(id);
        return exchange is not null
            && (me.SeesAgency(exchange.SourceAgencyId) || exchange.Recipients.Any(r => me.SeesAgency(r.AgencyId)))
            ? exchange
            : null;
    }
}
