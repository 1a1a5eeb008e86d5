using System.Runtime.CompilerServices;
using Lgsp.Broker.Statistics;
using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Statistics;

/// <summary>One agency's traffic summed over a period, with its name from the directory.</summary>
public sealed record AgencyTotals(
    string AgencyId,
    string Name,
    int Sent,
    long BytesSent,
    int Received,
    long BytesReceived,
    int Delivered,
    int Rejected,
    int Undeliverable,
    int Expired,
    int Connects,
    int Disconnects,
    int OnlineMinutes)
{
    /// <summary>Several agencies' totals added up, under <paramref name="name"/>: a report's total row.</summary>
    public static AgencyTotals Sum(IReadOnlyCollection<AgencyTotals> rows, string name) => new(
        "", name, rows.Sum(t => t.Sent), rows.Sum(t => t.BytesSent), rows.Sum(t => t.Received),
        rows.Sum(t => t.BytesReceived), rows.Sum(t => t.Delivered), rows.Sum(t => t.Rejected),
        rows.Sum(t => t.Undeliverable), rows.Sum(t => t.Expired), rows.Sum(t => t.Connects),
        rows.Sum(t => t.Disconnects), rows.Sum(t => t.OnlineMinutes));
}

/// <summary>
/// Reads the daily statistics for pages and reports; never the raw exchanges, so a report over a year costs the
/// same however busy the year was.
/// </summary>
public sealed class TrafficReports(PortalDbContext db)
{
    /// <summary>
    /// Each agency's totals between two days (both included), busiest sender first; only the agencies named in
    /// <paramref name="agencies"/> when it is given.
    /// </summary>
    public async Task<IReadOnlyList<AgencyTotals>> TotalsAsync(
        DateOnly from, DateOnly to, IReadOnlyCollection<string>? agencies, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(cancellationToken);
        var sums = await Days(from, to, agencies)
            .GroupBy(d => d.AgencyId)
            .Select(g => new
            {
                AgencyId = g.Key,
                Sent = g.Sum(d => d.Sent),
                BytesSent = g.Sum(d => d.BytesSent),
                Received = g.Sum(d => d.Received),
                BytesReceived = g.Sum(d => d.BytesReceived),
                Delivered = g.Sum(d => d.Delivered),
                Rejected = g.Sum(d => d.Rejected),
                Undeliverable = g.Sum(d => d.Undeliverable),
                Expired = g.Sum(d => d.Expired),
                Connects = g.Sum(d => d.Connects),
                Disconnects = g.Sum(d => d.Disconnects),
                OnlineMinutes = g.Sum(d => d.OnlineMinutes),
            })
            .ToListAsync(cancellationToken);
        return [.. sums
            .Select(s => new AgencyTotals(s.AgencyId, names.GetValueOrDefault(s.AgencyId, s.AgencyId), s.Sent,
                s.BytesSent, s.Received, s.BytesReceived, s.Delivered, s.Rejected, s.Undeliverable, s.Expired,
                s.Connects, s.Disconnects, s.OnlineMinutes))
            .OrderByDescending(t => t.Sent)
            .ThenBy(t => t.AgencyId, StringComparer.Ordinal)];
    }

    /// <summary>The daily rows between two days, by day then agency, streamed rather than loaded.</summary>
    public async IAsyncEnumerable<AgencyDayStatistics> DaysAsync(
        DateOnly from,
        DateOnly to,
        IReadOnlyCollection<string>? agencies,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = Days(from, to, agencies)
            .OrderBy(d => d.Day)
            .ThenBy(d => d.AgencyId)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken);
        await foreach (var row in rows)
        {
            yield return row;
        }
    }

    /// <summary>The province-wide row of each day between two days, every day present (zeros when quiet).</summary>
    public async Task<IReadOnlyList<AgencyDayStatistics>> ProvinceDaysAsync(
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var stored = await db.AgencyDays.AsNoTracking()
            .Where(d => d.Day >= from && d.Day <= to && d.AgencyId == TrafficAggregation.Province)
            .ToDictionaryAsync(d => d.Day, cancellationToken);
        return [.. Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i))
            .Select(day => stored.GetValueOrDefault(day)
                ?? new AgencyDayStatistics { AgencyId = TrafficAggregation.Province, Day = day })];
    }

    /// <summary>How many daily rows <see cref="DaysAsync"/> will give.</summary>
    public Task<int> CountDaysAsync(
        DateOnly from, DateOnly to, IReadOnlyCollection<string>? agencies, CancellationToken cancellationToken) =>
        Days(from, to, agencies).CountAsync(cancellationToken);

    /// <summary>
    /// The agencies' request counts for every month that has a day in the period (months are counted whole), by
    /// month then agency.
    /// </summary>
    public async Task<IReadOnlyList<AgencyMonthRequests>> MonthsAsync(
        DateOnly from, DateOnly to, IReadOnlyCollection<string>? agencies, CancellationToken cancellationToken)
    {
        var first = new DateOnly(from.Year, from.Month, 1);
        var months = db.AgencyMonths.AsNoTracking().Where(m => m.Month >= first && m.Month <= to);
        if (agencies is not null)
        {
            months = months.Where(m => agencies.Contains(m.AgencyId));
        }

        return await months.OrderBy(m => m.Month).ThenBy(m => m.AgencyId).ToListAsync(cancellationToken);
    }

    /// <summary>Agency names by identifier.</summary>
    public async Task<Dictionary<string, string>> NamesAsync(CancellationToken cancellationToken) =>
        await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);

    private IQueryable<AgencyDayStatistics> Days(DateOnly from, DateOnly to, IReadOnlyCollection<string>? agencies)
    {
        var days = db.AgencyDays.AsNoTracking()
            .Where(d => d.Day >= from && d.Day <= to && d.AgencyId != TrafficAggregation.Province);
        return agencies is null ? days : days.Where(d => agencies.Contains(d.AgencyId));
    }
}
