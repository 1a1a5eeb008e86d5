using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Presence;
using Lgsp.Portal.Data;
using Lgsp.Portal.Statistics;
using Lgsp.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Statistics;

[Collection(WebCollection.Name)]
public sealed class TrafficStatisticsJobTests : IDisposable
{
    private const string Health = "000.00.15.H06";
    private const string Home = "000.00.02.H06";

    // Tuesday 08/12/2026, 10:00 in Vietnam.
    private readonly ManualClock _clock = new(ManualClock.At(2026, 12, 8, 10, 0));
    private readonly PortalFactory _portal;

    public TrafficStatisticsJobTests() => _portal = new PortalFactory(clock: _clock);

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Run_TwiceAndAfterDowntime_KeepsOneRowPerAgencyAndDay_EqualToTheRawRecords()
    {
        _portal.StartServer();
        var store = _portal.Services.GetRequiredService<ExchangeStore>();
        var log = _portal.Services.GetRequiredService<ConnectionLog>();
        // Monday evening: sent, delivered after midnight; a session across midnight.
        store.Insert(ExchangeRecords.Submitted(Health, ManualClock.At(2026, 12, 7, 23, 50).UtcDateTime, 2_048,
            ExchangeRecords.Finished(Home, RecipientStatus.Delivered, ManualClock.At(2026, 12, 8, 0, 5).UtcDateTime)));
        var session = log.Open("LGSPHEALTH", Health, ManualClock.At(2026, 12, 7, 23, 0).UtcDateTime);
        log.Close(session, ManualClock.At(2026, 12, 8, 1, 0).UtcDateTime);

        var first = await RunAsync();
        var afterFirst = await RowsAsync();
        var again = await RunAsync();
        var afterAgain = await RowsAsync();
        _clock.Now = ManualClock.At(2026, 12, 11, 9, 0);
        var caughtUp = await RunAsync();

        Assert.Equal([new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 8)], first);
        Assert.Equal(afterFirst, afterAgain);
        Assert.Equal([new DateOnly(2026, 12, 8)], again);
        Assert.Equal([.. Enumerable.Range(8, 4).Select(d => new DateOnly(2026, 12, d))], caughtUp);
        var monday = afterFirst.Single(r => r.AgencyId == Health && r.Day == new DateOnly(2026, 12, 7));
        var tuesdayHealth = afterFirst.Single(r => r.AgencyId == Health && r.Day == new DateOnly(2026, 12, 8));
        var tuesdayHome = afterFirst.Single(r => r.AgencyId == Home && r.Day == new DateOnly(2026, 12, 8));
        Assert.Equal((1, 2_048L, 0, 1, 60), (monday.Sent, monday.BytesSent, monday.Delivered, monday.Connects,
            monday.OnlineMinutes));
        Assert.Equal((0, 1, 900.0, 1, 60), (tuesdayHealth.Sent, tuesdayHealth.Delivered,
            tuesdayHealth.DeliveryP50Seconds!.Value, tuesdayHealth.Disconnects, tuesdayHealth.OnlineMinutes));
        Assert.Equal((1, 2_048L), (tuesdayHome.Received, tuesdayHome.BytesReceived));
        Assert.Equal(3, afterFirst.Count(r => r.AgencyId != "*"));
        var province = afterFirst.Single(r => r.AgencyId == "*" && r.Day == new DateOnly(2026, 12, 8));
        Assert.Equal((1, 900.0), (province.Delivered, province.DeliveryP50Seconds!.Value));
        Assert.Equal(afterFirst.Count + 3, (await RowsAsync()).Count);
    }

    private async Task<IReadOnlyList<DateOnly>> RunAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrafficStatisticsJob>().RunAsync(default);
    }

    private async Task<List<(string AgencyId, DateOnly Day, int Sent, long BytesSent, int Received,
        long BytesReceived, int Delivered, double? DeliveryP50Seconds, int Connects, int Disconnects,
        int OnlineMinutes)>> RowsAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AgencyDays.AsNoTracking()
            .OrderBy(d => d.Day).ThenBy(d => d.AgencyId).ToListAsync();
        return [.. rows.Select(r => (r.AgencyId, r.Day, r.Sent, r.BytesSent, r.Received, r.BytesReceived,
            r.Delivered, r.DeliveryP50Seconds, r.Connects, r.Disconnects, r.OnlineMinutes))];
    }
}
