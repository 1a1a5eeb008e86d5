using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Storage;
using Lgsp.Portal.Hosting;
using Lgsp.Portal.Statistics;
using Lgsp.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lgsp.Tests.Portal.Statistics;

public sealed class SettledListingsTests : IDisposable
{
    private const string Health = "000.00.15.H06";
    private const string Home = "000.00.02.H06";
    private static readonly DateOnly Monday = new(2026, 12, 7);
    private static readonly DateOnly Tuesday = new(2026, 12, 8);
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("lgsp-settled-").FullName;
    private readonly ManualClock _clock = new(ManualClock.At(2026, 12, 9, 10, 0));
    private readonly BrokerStore _broker;
    private readonly ExchangeStore _store;
    private readonly SettledListings _settled;

    public SettledListingsTests()
    {
        _broker = new BrokerStore(_directory);
        _store = new ExchangeStore(_broker);
        _settled = new SettledListings(_store, new DataDirectory(_directory),
            Options.Create(new StatisticsOptions()), _clock, NullLogger<SettledListings>.Instance);
    }

    public void Dispose()
    {
        _broker.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Settle_WritesOnlyPastDaysWhoseRecipientsAreAllFinal_AndTheFileReadsAsTheBrokerDoes()
    {
        var delivered = Insert(Health, ManualClock.At(2026, 12, 7, 23, 59), RecipientStatus.Delivered);
        var rejected = Insert(Home, ManualClock.At(2026, 12, 7, 0, 0), RecipientStatus.Rejected, "Công văn số 12/SYT");
        var waiting = Insert(Health, ManualClock.At(2026, 12, 8, 9, 0), RecipientStatus.Delivered);
        await _store.UpdateAsync(waiting.Id,
            e => e.Recipients.Add(new Recipient { AgencyId = Home, Status = RecipientStatus.Offered }), default);
        Insert(Health, ManualClock.At(2026, 12, 9, 8, 0), RecipientStatus.Delivered);

        var first = _settled.Settle(default);

        // Monday settled; Tuesday has a recipient still offered; today (Wednesday) is not over.
        Assert.Equal([Monday], first);
        var (from, to) = Lgsp.Broker.Statistics.TrafficAggregation.Bounds(Monday);
        Assert.Equal(_store.ListSubmittedBetween(from, to).Select(ExchangeRecords.Describe),
            _settled.Read(Monday)!.Select(ExchangeRecords.Describe));
        Assert.Equal([rejected.Id, delivered.Id], _settled.Read(Monday)!.Select(e => e.Id));
        Assert.Equal("Công văn số 12/SYT", _settled.Read(Monday)![0].Title);
        Assert.Null(_settled.Read(Tuesday));

        await _store.UpdateAsync(waiting.Id, e =>
        {
            e.Recipients[1].Status = RecipientStatus.Expired;
            e.Recipients[1].FinishedUtc = ManualClock.At(2026, 12, 9, 9, 0).UtcDateTime;
        }, default);
        var second = _settled.Settle(default);

        Assert.Equal([Tuesday], second);
        var listed = Assert.Single(_settled.Read(Tuesday)!);
        Assert.Equal([RecipientStatus.Delivered, RecipientStatus.Expired], listed.Recipients.Select(r => r.Status));
        Assert.Equal(ManualClock.At(2026, 12, 9, 9, 0).UtcDateTime, listed.FinishedUtc);
    }

    [Fact]
    public void ADamagedFile_IsNotRead_AndIsWrittenAgainOnTheNextRun()
    {
        Insert(Health, ManualClock.At(2026, 12, 7, 9, 0), RecipientStatus.Delivered);
        Insert(Home, ManualClock.At(2026, 12, 7, 10, 0), RecipientStatus.Delivered);
        _settled.Settle(default);
        var path = Path.Combine(_directory, "statistics", "listings", "2026-12-07.bin");
        var whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..^30]);

        var truncated = _settled.Read(Monday);
        var existsAfter = File.Exists(path);
        var rewritten = _settled.Settle(default);

        Assert.Null(truncated);
        Assert.False(existsAfter);
        Assert.Equal([Monday], rewritten);
        Assert.Equal(whole, File.ReadAllBytes(path));
        Assert.Equal(2, _settled.Read(Monday)!.Count);
    }

    [Fact]
    public void DeleteBefore_RemovesTheFilesOfEarlierDaysOnly()
    {
        Insert(Health, ManualClock.At(2026, 12, 7, 9, 0), RecipientStatus.Delivered);
        Insert(Health, ManualClock.At(2026, 12, 8, 9, 0), RecipientStatus.Delivered);
        _settled.Settle(default);

        var removed = _settled.DeleteBefore(Tuesday);

        Assert.Equal(1, removed);
        Assert.Null(_settled.Read(Monday));
        Assert.Single(_settled.Read(Tuesday)!);
    }

    private Exchange Insert(string source, DateTimeOffset submitted, RecipientStatus status, string title = "")
    {
        var other = source == Health ? Home : Health;
        var exchange = ExchangeRecords.Submitted(source, submitted.UtcDateTime, 100,
            ExchangeRecords.Finished(other, status, submitted.UtcDateTime.AddMinutes(1)));
        exchange.Title = title;
        _store.Insert(exchange);
        return exchange;
    }
}
