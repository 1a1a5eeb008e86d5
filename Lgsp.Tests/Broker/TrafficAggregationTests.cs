using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Presence;
using Lgsp.Broker.Statistics;
using Lgsp.Tests.Support;

namespace Lgsp.Tests.Broker;

public sealed class TrafficAggregationTests
{
    private const string Health = "000.00.15.H06";
    private const string Home = "000.00.02.H06";
    private const string Finance = "000.00.07.H06";
    private static readonly DateOnly Monday = new(2026, 12, 7);
    private static readonly DateOnly Tuesday = new(2026, 12, 8);

    [Fact]
    public void Aggregate_AnExchangeAcrossMidnight_CountsAsSentOnOneDayAndDeliveredOnTheNext()
    {
        var exchange = ExchangeRecords.Submitted(Health, At(Monday, 23, 58), 1_000,
            ExchangeRecords.Finished(Home, RecipientStatus.Delivered, At(Tuesday, 0, 2)),
            ExchangeRecords.Finished(Finance, RecipientStatus.Rejected, At(Monday, 23, 59)));

        var monday = TrafficAggregation.Aggregate(Monday, [exchange], [], At(Tuesday, 12, 0));
        var tuesday = TrafficAggregation.Aggregate(Tuesday, [exchange], [], At(Tuesday, 12, 0));

        var sent = Assert.Single(monday);
        Assert.Equal((Health, 1, 1_000L), (sent.AgencyId, sent.Sent, sent.BytesSent));
        Assert.Equal((1, 0), (sent.Rejected, sent.Delivered));
        var source = tuesday.Single(t => t.AgencyId == Health);
        var destination = tuesday.Single(t => t.AgencyId == Home);
        Assert.Equal((0, 1, 240.0), (source.Sent, source.Delivered, source.DeliveryP50Seconds!.Value));
        Assert.Equal((1, 1_000L), (destination.Received, destination.BytesReceived));
        Assert.DoesNotContain(tuesday, t => t.AgencyId == Finance);
    }

    [Fact]
    public void Aggregate_SeededTraffic_EqualsCountsTakenDirectlyFromTheRawRecords()
    {
        var random = new Random(20261207);
        var agencies = new[] { Health, Home, Finance, "000.00.09.H06" };
        var statuses = new[]
        {
            RecipientStatus.Delivered, RecipientStatus.Delivered, RecipientStatus.Rejected,
            RecipientStatus.Undeliverable, RecipientStatus.Expired, RecipientStatus.Offered,
        };
        var exchanges = Enumerable.Range(0, 600).Select(_ =>
        {
            var source = agencies[random.Next(agencies.Length)];
            var submitted = At(Monday, 0, 0).AddMinutes(random.Next(3 * 24 * 60));
            var recipients = agencies.Where(a => a != source && random.Next(2) == 0).Select(a =>
            {
                var status = statuses[random.Next(statuses.Length)];
                return status == RecipientStatus.Offered
                    ? new Recipient { AgencyId = a, Status = status }
                    : ExchangeRecords.Finished(a, status, submitted.AddMinutes(random.Next(1, 36 * 60)));
            });
            return ExchangeRecords.Submitted(source, submitted, random.Next(1, 5_000_000), [.. recipients]);
        }).ToList();
        var days = Enumerable.Range(0, 5).Select(i => Monday.AddDays(i)).ToList();

        var rows = days.SelectMany(d => TrafficAggregation.Aggregate(d, exchanges, [], At(Monday, 0, 0).AddDays(9)))
            .ToList();

        bool InDays(DateTime? at) => at is { } t && t >= At(Monday, 0, 0) && t < At(Monday, 0, 0).AddDays(5);
        var finished = exchanges.SelectMany(e => e.Recipients.Select(r => (e, r))).Where(p => InDays(p.r.FinishedUtc))
            .ToList();
        Assert.Equal(exchanges.Count(e => InDays(e.SubmittedUtc)), rows.Sum(r => r.Sent));
        Assert.Equal(exchanges.Where(e => InDays(e.SubmittedUtc)).Sum(e => e.Size!.Value), rows.Sum(r => r.BytesSent));
        Assert.Equal(finished.Count(p => p.r.Status == RecipientStatus.Delivered), rows.Sum(r => r.Delivered));
        Assert.Equal(finished.Count(p => p.r.Status == RecipientStatus.Delivered), rows.Sum(r => r.Received));
        Assert.Equal(finished.Count(p => p.r.Status == RecipientStatus.Rejected), rows.Sum(r => r.Rejected));
        Assert.Equal(finished.Count(p => p.r.Status == RecipientStatus.Undeliverable), rows.Sum(r => r.Undeliverable));
        Assert.Equal(finished.Count(p => p.r.Status == RecipientStatus.Expired), rows.Sum(r => r.Expired));
        var healthTuesday = rows.Single(r => r.AgencyId == Health && r.Day == Tuesday);
        var expected = finished
            .Where(p => p.e.SourceAgencyId == Health && p.r.Status == RecipientStatus.Delivered
                && DateOnly.FromDateTime(p.r.FinishedUtc!.Value + TrafficAggregation.Vietnam) == Tuesday)
            .Select(p => (p.r.FinishedUtc!.Value - p.e.SubmittedUtc!.Value).TotalSeconds)
            .ToList();
        Assert.Equal(expected.Count, healthTuesday.Delivered);
        Assert.Equal(TrafficAggregation.Percentile(expected, 95), healthTuesday.DeliveryP95Seconds);
        Assert.Equal(rows, days.SelectMany(d =>
            TrafficAggregation.Aggregate(d, exchanges, [], At(Monday, 0, 0).AddDays(9))).ToList());
    }

    [Fact]
    public void Aggregate_Sessions_CountOverlapsOnce_SplitAtMidnight_AndRunToNowWhenOpen()
    {
        ConnectionSession[] sessions =
        [
            Session("LGSPAPP1", At(Monday, 8, 0), At(Monday, 9, 0)),
            Session("LGSPAPP2", At(Monday, 8, 30), At(Monday, 10, 0)),
            Session("LGSPAPP1", At(Monday, 23, 0), At(Tuesday, 1, 0)),
            Session("LGSPAPP2", At(Tuesday, 11, 0), null),
        ];

        var monday = Assert.Single(TrafficAggregation.Aggregate(Monday, [], sessions, At(Tuesday, 11, 45)));
        var tuesday = Assert.Single(TrafficAggregation.Aggregate(Tuesday, [], sessions, At(Tuesday, 11, 45)));

        Assert.Equal((3, 2, 120 + 60), (monday.Connects, monday.Disconnects, monday.OnlineMinutes));
        Assert.Equal((1, 1, 60 + 45), (tuesday.Connects, tuesday.Disconnects, tuesday.OnlineMinutes));
    }

    [Theory]
    [InlineData(50, 3.0)]
    [InlineData(95, 5.0)]
    [InlineData(0, 1.0)]
    public void Percentile_IsTheNearestRank(double percent, double expected) =>
        Assert.Equal(expected, TrafficAggregation.Percentile([5, 1, 4, 2, 3], percent));

    /// <summary>A Vietnamese wall-clock time as the UTC instant the broker stores.</summary>
    private static DateTime At(DateOnly day, int hour, int minute) =>
        DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(hour, minute)) - TrafficAggregation.Vietnam, DateTimeKind.Utc);

    private static ConnectionSession Session(string key, DateTime connected, DateTime? disconnected) => new()
    {
        AccessKeyId = key,
        AgencyId = Health,
        ConnectedUtc = connected,
        DisconnectedUtc = disconnected,
    };
}
