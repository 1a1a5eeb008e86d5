using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Storage;
using Lgsp.Tests.Support;

namespace Lgsp.Tests.Broker;

public sealed class ExchangeListingTests : IDisposable
{
    private static readonly DateTime Nine = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("lgsp-listing-").FullName;
    private readonly BrokerStore _broker;
    private readonly ExchangeStore _store;

    public ExchangeListingTests()
    {
        _broker = new BrokerStore(_directory);
        _store = new ExchangeStore(_broker);
    }

    public void Dispose()
    {
        _broker.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void ListSubmittedBetween_ReadsWhatTheWholeRecordSays_OldestFirst_WithinTheHalfOpenRange()
    {
        var late = ExchangeRecords.Submitted("000.00.15.H06", Nine.AddMinutes(59), 2_048,
            ExchangeRecords.Finished("000.00.02.H06", RecipientStatus.Delivered, Nine.AddHours(2)),
            ExchangeRecords.Finished("000.00.07.H06", RecipientStatus.Rejected, Nine.AddHours(3)),
            new Recipient { AgencyId = "000.00.09.H06", Status = RecipientStatus.Offered, ConvertedTo = "xml" });
        late.Title = "Công văn số 12/SYT về việc báo cáo";
        late.Priority = Priority.Urgent;
        late.DataType = "edxml";
        // An empty title is stored as null by LiteDB's mapper; the listing reads it back as empty, as the record does.
        var early = ExchangeRecords.Submitted("000.00.02.H06", Nine.AddMilliseconds(1), 1,
            ExchangeRecords.Finished("000.00.15.H06", RecipientStatus.Undeliverable, Nine.AddDays(1)));
        early.DataType = "json";
        var atStart = ExchangeRecords.Submitted("000.00.02.H06", Nine, 7,
            ExchangeRecords.Finished("000.00.15.H06", RecipientStatus.Delivered, Nine.AddSeconds(3)));
        var atEnd = ExchangeRecords.Submitted("000.00.02.H06", Nine.AddHours(1), 9,
            ExchangeRecords.Finished("000.00.15.H06", RecipientStatus.Delivered, Nine.AddHours(2)));
        foreach (var exchange in new[] { late, atEnd, early, atStart })
        {
            _store.Insert(exchange);
        }

        var listed = _store.ListSubmittedBetween(Nine, Nine.AddHours(1));

        Assert.Equal([atStart.Id, early.Id, late.Id], listed.Select(e => e.Id));
        Assert.Equal(ExchangeRecords.Describe(ExchangeRecords.Listing(_store.Find(late.Id)!)),
            ExchangeRecords.Describe(listed[2]));
        Assert.Equal(ExchangeRecords.Describe(ExchangeRecords.Listing(_store.Find(early.Id)!)),
            ExchangeRecords.Describe(listed[1]));
        Assert.Equal("", listed[1].Title);
        Assert.Equal(DateTimeKind.Utc, listed[2].SubmittedUtc.Kind);
        Assert.Null(listed[2].FinishedUtc);
        Assert.Equal(Nine.AddDays(1), listed[1].FinishedUtc);
    }
}
