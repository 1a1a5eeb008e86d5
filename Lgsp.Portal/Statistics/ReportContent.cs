using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Presence;
using Lgsp.Broker.Statistics;
using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Statistics;

/// <summary>One connection session as a report lists it, with its application's and agency's names.</summary>
public sealed record SessionRow(
    string Application,
    string AccessKeyId,
    string AgencyId,
    string AgencyName,
    DateTime StartUtc,
    DateTime? EndUtc,
    bool Interrupted);

/// <summary>
/// Everything one report shows, read once so that its Excel and PDF forms agree: the agencies' totals and daily
/// rows (from the daily statistics), their connection sessions (from the broker's log), their requests per month
/// (from the monthly statistics) and, when asked for, every exchange of the period window by window.
/// </summary>
public sealed class ReportContent
{
    public required ReportRun Run { get; init; }

    /// <summary>
    /// The report's one moment: the daily statistics were brought up to it just before, and the lists (sessions,
    /// exchanges) stop at it, so every sheet of one report counts the same traffic.
    /// </summary>
    public required DateTime CutoffUtc { get; init; }

    /// <summary>The agencies the report covers; null for every agency.</summary>
    public required IReadOnlySet<string>? Agencies { get; init; }

    public required IReadOnlyDictionary<string, string> Names { get; init; }

    public required IReadOnlyList<AgencyTotals> Totals { get; init; }

    /// <summary>How many daily rows <see cref="Days"/> gives.</summary>
    public required int DayCount { get; init; }

    /// <summary>The daily rows, streamed.</summary>
    public required Func<CancellationToken, IAsyncEnumerable<AgencyDayStatistics>> Days { get; init; }

    public required IReadOnlyList<SessionRow> Sessions { get; init; }

    public required IReadOnlyList<AgencyMonthRequests> Months { get; init; }

    /// <summary>
    /// About how many exchanges <see cref="Exchanges"/> gives, from the daily statistics (counting the store itself
    /// would read every record at once), for progress; 0 when the report does not list them.
    /// </summary>
    public required int ExchangeCount { get; init; }

    /// <summary>
    /// The period's exchanges of the covered agencies, oldest first: one reader per day, each reading that day's
    /// listing when called, from the day's settled file when there is one, else from the broker (readers may run
    /// on other threads, a few at a time, never the same one twice).
    /// </summary>
    public required IReadOnlyList<Func<IReadOnlyList<ExchangeListing>>> Exchanges { get; init; }

    /// <summary>The report's title, with its period.</summary>
    public string Title => $"Báo cáo trao đổi dữ liệu qua LGSP từ {Run.From:dd/MM/yyyy} đến {Run.To:dd/MM/yyyy}";

    /// <summary>The moment the figures stop, in words.</summary>
    public string Cutoff => CutoffUtc >= TrafficAggregation.Bounds(Run.To).ToUtc
        ? $"Số liệu đến hết ngày {VietnamTime.FormatDate(Run.To)}"
        : $"Số liệu đến {VietnamTime.FormatDateTime(CutoffUtc)}";

    /// <summary>The covered agencies in words.</summary>
    public string Coverage => Agencies is null
        ? "Tất cả cơ quan, đơn vị"
        : string.Join("; ", Agencies.Order(StringComparer.Ordinal).Select(a => Names.GetValueOrDefault(a, a)));

    public string Name(string agencyId) => Names.GetValueOrDefault(agencyId, agencyId);
}

/// <summary>Reads a <see cref="ReportContent"/> for a report run.</summary>
public sealed class ReportSources(
    PortalDbContext db,
    TrafficReports traffic,
    ConnectionLog connections,
    ExchangeStore exchanges,
    SettledListings settled)
{
    /// <summary>Reads what the report shows up to <paramref name="cutoffUtc"/> (its period's end at most).</summary>
    public async Task<ReportContent> ReadAsync(ReportRun run, DateTime cutoffUtc, CancellationToken cancellationToken)
    {
        IReadOnlySet<string>? agencies = run.Agencies.Length == 0
            ? null
            : run.Agencies.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        bool Covers(string agencyId) => agencies is null || agencies.Contains(agencyId);
        var names = await traffic.NamesAsync(cancellationToken);
        var (from, _) = TrafficAggregation.Bounds(run.From);
        var (_, periodEnd) = TrafficAggregation.Bounds(run.To);
        var to = periodEnd < cutoffUtc ? periodEnd : cutoffUtc;

        var applications = await db.Applications.AsNoTracking()
            .ToDictionaryAsync(a => a.AccessKeyId, a => a.Name, cancellationToken);
        var sessions = connections.OpenBetween(from, to)
            .Where(s => Covers(s.AgencyId))
            .OrderBy(s => s.ConnectedUtc)
            .Select(s => new SessionRow(applications.GetValueOrDefault(s.AccessKeyId, s.AccessKeyId), s.AccessKeyId,
                s.AgencyId, names.GetValueOrDefault(s.AgencyId, s.AgencyId), s.ConnectedUtc,
                s.DisconnectedUtc < to ? s.DisconnectedUtc : null, s.Interrupted))
            .ToList();

        IReadOnlyList<ExchangeListing> ReadDay(DateOnly day)
        {
            var (dayFrom, dayTo) = TrafficAggregation.Bounds(day);
            var window = dayFrom >= to ? []
                : dayTo <= to && settled.Read(day) is { } file ? file
                : exchanges.ListSubmittedBetween(dayFrom, dayTo < to ? dayTo : to);
            return agencies is null
                ? window
                : [.. window.Where(e => Covers(e.SourceAgencyId) || e.Recipients.Any(r => Covers(r.AgencyId)))];
        }

        var listed = run.IncludeExchanges && run.Format == ReportFormat.Excel;

        var agencyList = agencies?.ToList();
        var totals = await traffic.TotalsAsync(run.From, run.To, agencyList, cancellationToken);
        return new ReportContent
        {
            Run = run,
            CutoffUtc = to,
            Agencies = agencies,
            Names = names,
            Totals = totals,
            DayCount = await traffic.CountDaysAsync(run.From, run.To, agencyList, cancellationToken),
            Days = token => traffic.DaysAsync(run.From, run.To, agencyList, token),
            Sessions = sessions,
            Months = await traffic.MonthsAsync(run.From, run.To, agencyList, cancellationToken),
            // Every exchange has one source, so the agencies' sent packages count them all; with a few agencies
            // chosen, what they received may come from others.
            ExchangeCount = !listed ? 0 : totals.Sum(t => agencies is null ? t.Sent : t.Sent + t.Received),
            Exchanges = listed
                ? [.. Enumerable.Range(0, run.To.DayNumber - run.From.DayNumber + 1)
                    .Select(i => (Func<IReadOnlyList<ExchangeListing>>)(() => ReadDay(run.From.AddDays(i))))]
                : [],
        };
    }
}
