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

    [Fact]
    public async Task ErasedContent_LeavesTheFile_InEveryChunk_EvenInAPageItShares()
    {
        // Two whole chunks of 255 KiB and a short third one, a marker at the end of each; the short chunk's page
        // also holds the next content, which must stay.
        var markers = Enumerable.Range(0, 3).Select(i => $"LGSP-CHUNK-MARKER-{i}-{Guid.NewGuid():N}").ToList();
        var content = new byte[2 * 255 * 1024 + 300];
        foreach (var (marker, end) in markers.Zip([255 * 1024, 2 * 255 * 1024, content.Length]))
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(marker);
            bytes.CopyTo(content, end - bytes.Length);
        }

        var neighbour = System.Text.Encoding.ASCII.GetBytes($"LGSP-NEIGHBOUR-{Guid.NewGuid():N}");
        using var broker = new BrokerStore(_directory);
        var store = new ExchangeStore(broker);
        var written = await store.WriteContentAsync("erase-me", new MemoryStream(content), content.Length, default);
        await store.WriteContentAsync("keep-me", new MemoryStream(neighbour), neighbour.Length, default);
        broker.Database.Checkpoint();
        var before = System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(broker.FilePath));

        store.EraseContent("erase-me");
        store.CheckpointErasures();
        var after = System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(broker.FilePath));

        Assert.Equal(content.Length, written!.Value.Size);
        Assert.All(markers, m => Assert.Contains(m, before, StringComparison.Ordinal));
        Assert.All(markers, m => Assert.DoesNotContain(m, after, StringComparison.Ordinal));
        Assert.Contains(System.Text.Encoding.ASCII.GetString(neighbour), after, StringComparison.Ordinal);
        Assert.Null(store.OpenContent("erase-me"));
    }
}
