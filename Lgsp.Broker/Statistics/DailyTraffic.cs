using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Presence;

namespace Lgsp.Broker.Statistics;

/// <summary>
/// One agency's traffic on one calendar day in Vietnam (00:00 to 24:00, UTC+7), as the statistics keep it.
/// What an agency sends counts on the day it was submitted; what happened to it (delivered, rejected,
/// undeliverable, expired) and how long delivery took count for the sender on the day each recipient finished;
/// what it receives counts for the recipient on the day it acknowledged. An exchange that spans midnight therefore
/// counts as sent on one day and delivered on the next.
/// </summary>
public sealed record DailyTraffic(string AgencyId, DateOnly Day)
{
    public int Sent { get; init; }

    public long BytesSent { get; init; }

    public int Received { get; init; }

    public long BytesReceived { get; init; }

    public int Delivered { get; init; }

    public int Rejected { get; init; }

    public int Undeliverable { get; init; }

    public int Expired { get; init; }

    /// <summary>Median seconds from submission to acknowledgement of the deliveries finished that day.</summary>
    public double? DeliveryP50Seconds { get; init; }

    /// <summary>95th percentile of the same.</summary>
    public double? DeliveryP95Seconds { get; init; }

    public int Connects { get; init; }

    public int Disconnects { get; init; }

    /// <summary>Minutes with at least one of the agency's applications connected (overlaps counted once).</summary>
    public int OnlineMinutes { get; init; }
}

/// <summary>Computes <see cref="DailyTraffic"/> from the broker's raw records; pure: a re-run gives the same.</summary>
public static class TrafficAggregation
{
    /// <summary>Vietnam's offset; the statistics' days are Vietnamese calendar days.</summary>
    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>The instants, in UTC, where a Vietnamese calendar day starts and ends.</summary>
    public static (DateTime FromUtc, DateTime ToUtc) Bounds(DateOnly day)
    {
        var from = day.ToDateTime(TimeOnly.MinValue) - Vietnam;
        return (DateTime.SpecifyKind(from, DateTimeKind.Utc), DateTime.SpecifyKind(from.AddDays(1), DateTimeKind.Utc));
    }

    /// <summary>
    /// Every agency with something to count on <paramref name="day"/>, from the exchanges and connection sessions
    /// that touch it; sessions still open are counted up to <paramref name="nowUtc"/>.
    /// </summary>
    public static IReadOnlyList<DailyTraffic> Aggregate(
        DateOnly day, IEnumerable<Exchange> exchanges, IEnumerable<ConnectionSession> sessions, DateTime nowUtc) =>
        Count(day, exchanges, sessions, nowUtc, agency => agency);

    /// <summary>
    /// The counting behind both kinds of row: <paramref name="rowOf"/> names the row an agency's figures go to
    /// (itself, or the province's for every agency).
    /// </summary>
    private static IReadOnlyList<DailyTraffic> Count(
        DateOnly day,
        IEnumerable<Exchange> exchanges,
        IEnumerable<ConnectionSession> sessions,
        DateTime nowUtc,
        Func<string, string> rowOf)
    {
        var (from, to) = Bounds(day);
        bool Within(DateTime? at) => at is { } t && t >= from && t < to;
        var rows = new Dictionary<string, Counts>();
        Counts Of(string agency)
        {
            var row = rowOf(agency);
            return rows.TryGetValue(row, out var counts) ? counts : rows[row] = new Counts();
        }

        foreach (var exchange in exchanges)
        {
            if (Within(exchange.SubmittedUtc))
            {
                var source = Of(exchange.SourceAgencyId);
                source.Sent++;
                source.BytesSent += exchange.Size ?? 0;
            }

            foreach (var recipient in exchange.Recipients.Where(r => Within(r.FinishedUtc)))
            {
                var source = Of(exchange.SourceAgencyId);
                switch (recipient.Status)
                {
                    case RecipientStatus.Delivered:
                        source.Delivered++;
                        if (exchange.SubmittedUtc is { } submitted)
                        {
                            source.DeliverySeconds.Add((recipient.FinishedUtc!.Value - submitted).TotalSeconds);
                        }

                        var destination = Of(recipient.AgencyId);
                        destination.Received++;
                        destination.BytesReceived += recipient.ConvertedSize ?? exchange.Size ?? 0;
                        break;
                    case RecipientStatus.Rejected:
                        source.Rejected++;
                        break;
                    case RecipientStatus.Undeliverable:
                        source.Undeliverable++;
                        break;
                    case RecipientStatus.Expired:
                        source.Expired++;
                        break;
                }
            }
        }

        foreach (var agency in sessions.GroupBy(s => s.AgencyId))
        {
            var counts = Of(agency.Key);
            counts.Connects = agency.Count(s => Within(s.ConnectedUtc));
            counts.Disconnects = agency.Count(s => Within(s.DisconnectedUtc));
            counts.OnlineMinutes = OnlineMinutes(agency, from, to, nowUtc);
        }

        return [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value.ToTraffic(r.Key, day))];
    }

    /// <summary>The agency identifier of the province-wide row: every agency's traffic together.</summary>
    public const string Province = "*";

    /// <summary>
    /// The province-wide figures of a day: exchanges submitted, and each recipient's outcome, with the delivery
    /// time percentiles over every delivery of the day (which per-agency rows cannot be combined into).
    /// </summary>
    public static DailyTraffic AggregateProvince(DateOnly day, IEnumerable<Exchange> exchanges) =>
        Count(day, exchanges, [], DateTime.MinValue, _ => Province).SingleOrDefault()
            ?? new DailyTraffic(Province, day);

    /// <summary>The nearest-rank percentile (0–100) of a set of values; null for none.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>The union of the sessions' spans within the day, in whole minutes.</summary>
    private static int OnlineMinutes(IEnumerable<ConnectionSession> sessions, DateTime from, DateTime to, DateTime now)
    {
        var spans = sessions
            .Select(s => (Start: Max(s.ConnectedUtc, from), End: Min(s.DisconnectedUtc ?? Min(now, to), to)))
            .Where(s => s.End > s.Start)
            .OrderBy(s => s.Start)
            .ToList();
        var total = TimeSpan.Zero;
        DateTime? start = null;
        var end = DateTime.MinValue;
        foreach (var span in spans)
        {
            if (start is null || span.Start > end)
            {
                total += start is { } open ? end - open : TimeSpan.Zero;
                (start, end) = (span.Start, span.End);
            }
            else if (span.End > end)
            {
                end = span.End;
            }
        }

        total += start is { } last ? end - last : TimeSpan.Zero;
        return (int)Math.Round(total.TotalMinutes);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private sealed class Counts
    {
        public int Sent;
        public long BytesSent;
        public int Received;
        public long BytesReceived;
        public int Delivered;
        public int Rejected;
        public int Undeliverable;
        public int Expired;
        public int Connects;
        public int Disconnects;
        public int OnlineMinutes;
        public List<double> DeliverySeconds { get; } = [];

        public DailyTraffic ToTraffic(string agency, DateOnly day) => new(agency, day)
        {
            Sent = Sent,
            BytesSent = BytesSent,
            Received = Received,
            BytesReceived = BytesReceived,
            Delivered = Delivered,
            Rejected = Rejected,
            Undeliverable = Undeliverable,
            Expired = Expired,
            DeliveryP50Seconds = Percentile(DeliverySeconds, 50),
            DeliveryP95Seconds = Percentile(DeliverySeconds, 95),
            Connects = Connects,
            Disconnects = Disconnects,
            OnlineMinutes = OnlineMinutes,
        };
    }
}
