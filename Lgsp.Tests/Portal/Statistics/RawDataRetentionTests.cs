using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Presence;
using Lgsp.Portal.Data;
using Lgsp.Portal.Statistics;
using Lgsp.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Statistics;

[Collection(WebCollection.Name)]
public sealed class RawDataRetentionTests : IDisposable
{
    private const string Health = "000.00.15.H06";
    private readonly ManualClock _clock = new(ManualClock.At(2026, 12, 8, 10, 0));
    private readonly PortalFactory _portal;

    public RawDataRetentionTests() => _portal = new PortalFactory(
        clock: _clock, settings: new Dictionary<string, string> { ["Statistics:RawRetentionDays"] = "30" });

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Run_RemovesOnlyRecordsPastRetention_AndOnlyOnceTheirDaysAreCounted()
    {
        _portal.StartServer();
        var store = _portal.Services.GetRequiredService<ExchangeStore>();
        var log = _portal.Services.GetRequiredService<ConnectionLog>();
        var old = Exchange(_clock.Now.AddDays(-40).UtcDateTime);
        var recent = Exchange(_clock.Now.AddDays(-10).UtcDateTime);
        store.Insert(old);
        store.Insert(recent);
        var oldSession = log.Open("LGSPHEALTH", Health, _clock.Now.AddDays(-40).UtcDateTime);
        log.Close(oldSession, _clock.Now.AddDays(-40).AddHours(1).UtcDateTime);
        var recentSession = log.Open("LGSPHEALTH", Health, _clock.Now.AddDays(-10).UtcDateTime);
        log.Close(recentSession, _clock.Now.AddDays(-10).AddHours(1).UtcDateTime);

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<SettledListings>().Settle(default);
        }

        // The old day's file as it was written while that day was within retention.
        var listings = Path.Combine(_portal.DataDirectory, "statistics", "listings");
        var recentFile = Path.Combine(listings, "2026-11-28.bin");
        var oldFile = Path.Combine(listings, "2026-10-29.bin");
        File.Copy(recentFile, oldFile);

        await SetCountedUntilAsync(new DateOnly(2026, 10, 1));
        var notYet = await RunAsync();
        await SetCountedUntilAsync(new DateOnly(2026, 12, 7));
        var removed = await RunAsync();

        Assert.Equal((0, 0), notYet);
        Assert.Equal((1, 1), removed);
        Assert.Null(store.Find(old.Id));
        Assert.NotNull(store.Find(recent.Id));
        Assert.Single(log.History("LGSPHEALTH", null, 10));
        Assert.False(File.Exists(oldFile));
        Assert.True(File.Exists(recentFile));
    }

    private async Task SetCountedUntilAsync(DateOnly day)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var progress = await db.StatisticsProgress.SingleOrDefaultAsync();
        if (progress is null)
        {
            progress = new StatisticsProgress();
            db.StatisticsProgress.Add(progress);
        }

        progress.LastCompleteDay = day;
        await db.SaveChangesAsync();
    }

    private async Task<(int Exchanges, int Sessions)> RunAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RawDataRetention>().RunAsync(default);
    }

    private static Exchange Exchange(DateTime created)
    {
        var exchange = ExchangeRecords.Submitted(Health, created, 10,
            ExchangeRecords.Finished("000.00.02.H06", RecipientStatus.Delivered, created.AddHours(1)));
        exchange.ContentErasedUtc = created.AddHours(1);
        return exchange;
    }
}
