using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Presence;
using Lgsp.Broker.Statistics;
using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Statistics;

/// <summary>
/// The recurring job that turns the broker's records into per-agency daily statistics. Each run recomputes every
/// day after the last complete one up to today, replacing that day's rows in one transaction: re-running a day
/// gives the same numbers, never doubles them, and days missed while the portal was down are caught up.
/// </summary>
public sealed class TrafficStatisticsJob(
    PortalDbContext db,
    ExchangeStore exchanges,
    ConnectionLog connections,
    TimeProvider time)
{
    /// <summary>The job's id in Hangfire.</summary>
    public const string JobId = "traffic-statistics";

    /// <summary>Aggregates the pending days; returns the days it computed.</summary>
    public async Task<IReadOnlyList<DateOnly>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = VietnamTime.Today(time);
        var progress = await db.StatisticsProgress.SingleOrDefaultAsync(cancellationToken);
        if (progress is null)
        {
            progress = new StatisticsProgress();
            db.StatisticsProgress.Add(progress);
        }

        var first = progress.LastCompleteDay?.AddDays(1) ?? FirstDay(today);
        // The sessions of every pending day in one read: after downtime that is many days, not many reads.
        var sessions = connections.OpenBetween(TrafficAggregation.Bounds(first).FromUtc,
            TrafficAggregation.Bounds(today).ToUtc);
        var computed = new List<DateOnly>();
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            await ComputeAsync(day, now, sessions, cancellationToken);
            computed.Add(day);
            if (day < today)
            {
                progress.LastCompleteDay = day;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return computed;
    }

    /// <summary>Recomputes one day's rows from the raw records, replacing whatever was there.</summary>
    public Task ComputeAsync(DateOnly day, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var (from, to) = TrafficAggregation.Bounds(day);
        return ComputeAsync(day, nowUtc, connections.OpenBetween(from, to), cancellationToken);
    }

    /// <summary>Recomputes one day's rows, with sessions read beforehand (those of other days are left out).</summary>
    private async Task ComputeAsync(
        DateOnly day, DateTime nowUtc, IReadOnlyList<ConnectionSession> sessions, CancellationToken cancellationToken)
    {
        var (from, to) = TrafficAggregation.Bounds(day);
        var active = exchanges.ActiveBetween(from, to);
        var open = sessions.Where(s => s.ConnectedUtc < to && (s.DisconnectedUtc is null || s.DisconnectedUtc >= from));
        var rows = TrafficAggregation.Aggregate(day, active, open, nowUtc)
            .Append(TrafficAggregation.AggregateProvince(day, active));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AgencyDays.Where(d => d.Day == day).ExecuteDeleteAsync(cancellationToken);
        var records = rows.Select(r => new AgencyDayStatistics
        {
            AgencyId = r.AgencyId,
            Day = r.Day,
            Sent = r.Sent,
            BytesSent = r.BytesSent,
            Received = r.Received,
            BytesReceived = r.BytesReceived,
            Delivered = r.Delivered,
            Rejected = r.Rejected,
            Undeliverable = r.Undeliverable,
            Expired = r.Expired,
            DeliveryP50Seconds = r.DeliveryP50Seconds,
            DeliveryP95Seconds = r.DeliveryP95Seconds,
            Connects = r.Connects,
            Disconnects = r.Disconnects,
            OnlineMinutes = r.OnlineMinutes,
            ComputedUtc = nowUtc,
        }).ToList();
        db.AgencyDays.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The day's rows are deleted behind the tracker's back on the next run: none may stay tracked.
        foreach (var record in records)
        {
            db.Entry(record).State = EntityState.Detached;
        }
    }

    /// <summary>The first run starts with the oldest record the broker holds (or today when it holds none).</summary>
    private DateOnly FirstDay(DateOnly today)
    {
        var oldest = new[] { exchanges.OldestSubmission(), connections.OldestConnection() }
            .OfType<DateTime>()
            .DefaultIfEmpty(DateTime.MaxValue)
            .Min();
        if (oldest == DateTime.MaxValue)
        {
            return today;
        }

        var local = DateOnly.FromDateTime(oldest + TrafficAggregation.Vietnam);
        return local < today ? local : today;
    }
}
