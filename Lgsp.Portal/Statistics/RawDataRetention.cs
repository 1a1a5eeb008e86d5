using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Presence;
using Lgsp.Broker.Statistics;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lgsp.Portal.Statistics;

/// <summary>
/// How long raw broker records are kept (<c>Statistics:RawRetentionDays</c>, two years) and how long written
/// reports wait for their download (<c>Statistics:ReportDays</c>, a week).
/// </summary>
public sealed class StatisticsOptions
{
    public int RawRetentionDays { get; set; } = 730;

    public int ReportDays { get; set; } = 7;
}

/// <summary>
/// The daily job that removes exchange metadata and connection sessions older than the retention period. It never
/// removes a day the statistics have not finished counting, so the aggregates always cover what was removed.
/// Those days' settled listing files go with them, and written reports older than
/// <see cref="StatisticsOptions.ReportDays"/> too (they can be made again).
/// </summary>
public sealed class RawDataRetention(
    PortalDbContext db,
    ExchangeStore exchanges,
    ConnectionLog connections,
    AuditLog audit,
    ReportRuns reports,
    SettledListings settled,
    IOptions<StatisticsOptions> options,
    TimeProvider time)
{
    /// <summary>The job's id in Hangfire.</summary>
    public const string JobId = "raw-data-retention";

    /// <summary>Removes what is past retention; returns the exchanges and sessions removed.</summary>
    public async Task<(int Exchanges, int Sessions)> RunAsync(CancellationToken cancellationToken)
    {
        await reports.DeleteOlderThanAsync(
            time.GetUtcNow().UtcDateTime.AddDays(-Math.Max(1, options.Value.ReportDays)), cancellationToken);
        var days = Math.Max(1, options.Value.RawRetentionDays);
        var cutoffDay = VietnamTime.Today(time).AddDays(-days);
        var counted = (await db.StatisticsProgress.AsNoTracking().SingleOrDefaultAsync(cancellationToken))
            ?.LastCompleteDay;
        if (counted is not { } last)
        {
            return (0, 0);
        }

        // Only whole days that are both past retention and already counted.
        var (before, _) = TrafficAggregation.Bounds(cutoffDay < last.AddDays(1) ? cutoffDay : last.AddDays(1));
        var removed = (exchanges.DeleteFinishedBefore(before), connections.DeleteClosedBefore(before));
        settled.DeleteBefore(VietnamTime.DayOf(before));
        if (removed.Item1 + removed.Item2 > 0)
        {
            await audit.AddAsync(AuditActions.RawDataRemoved, "broker",
                $"{removed.Item1} gói tin, {removed.Item2} phiên kết nối trước {VietnamTime.FormatDateTime(before)}",
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return removed;
    }
}
