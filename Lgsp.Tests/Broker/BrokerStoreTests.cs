using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Storage;
using Lgsp.Tests.Support;

namespace Lgsp.Tests.Broker;

public sealed class BrokerStoreTests : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("lgsp-store-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TimesReadBack_AreUtc_AlsoAfterReopening()
    {
        var submitted = new DateTime(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);
        var exchange = ExchangeRecords.Submitted("000.00.15.H06", submitted, 1,
            ExchangeRecords.Finished("000.00.02.H06", RecipientStatus.Delivered, submitted.AddMinutes(1)));
        using (var broker = new BrokerStore(_directory))
        {
            new ExchangeStore(broker).Insert(exchange);
        }

        using var reopened = new BrokerStore(_directory);
        var read = new ExchangeStore(reopened).Find(exchange.Id)!;

        // LiteDB's default is the machine's local time: on a server set to Vietnam's zone every comparison with
        // the clock's UTC would be off by seven hours.
        Assert.Equal(DateTimeKind.Utc, read.SubmittedUtc!.Value.Kind);
        Assert.Equal(submitted, read.SubmittedUtc);
        Assert.Equal(DateTimeKind.Utc, read.Recipients[0].FinishedUtc!.Value.Kind);
        Assert.Equal(submitted.AddMinutes(1), read.Recipients[0].FinishedUtc);
    }
}
