using System.Security.Cryptography;
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
    public async Task WaitingForAnAgency_FollowsEveryWrite_AndIsReadBackAfterReopening()
    {
        var now = new DateTime(2026, 12, 5, 3, 0, 0, DateTimeKind.Utc);
        static Recipient Offered(string agency) => new() { AgencyId = agency, Status = RecipientStatus.Offered };
        var both = ExchangeRecords.Submitted("000.00.15.H06", now, 10, Offered("000.00.01.H06"),
            Offered("000.00.02.H06"));
        var onlySecond = ExchangeRecords.Submitted("000.00.15.H06", now, 10, Offered("000.00.02.H06"));
        var done = ExchangeRecords.Submitted("000.00.15.H06", now, 10,
            ExchangeRecords.Finished("000.00.01.H06", RecipientStatus.Delivered, now));
        using (var broker = new BrokerStore(_directory))
        {
            var store = new ExchangeStore(broker);
            foreach (var exchange in new[] { both, onlySecond, done })
            {
                store.Insert(exchange);
            }

            Assert.Equal([both.Id], Waiting(store, "000.00.01.H06"));
            Assert.Equal(Sorted(both.Id, onlySecond.Id), Waiting(store, "000.00.02.H06"));

            // The first agency finishes with "both"; "onlySecond" is rerouted to a successor.
            await store.UpdateAsync(both.Id, e => e.Recipients[0].Status = RecipientStatus.Delivered, default);
            await store.UpdateAsync(onlySecond.Id, e => e.Recipients[0].AgencyId = "000.00.03.H06", default);

            Assert.Empty(Waiting(store, "000.00.01.H06"));
            Assert.Equal([both.Id], Waiting(store, "000.00.02.H06"));
            Assert.Equal([onlySecond.Id], Waiting(store, "000.00.03.H06"));
        }

        using var reopened = new BrokerStore(_directory);
        var read = new ExchangeStore(reopened);
        Assert.Empty(Waiting(read, "000.00.01.H06"));
        Assert.Equal([both.Id], Waiting(read, "000.00.02.H06"));
        Assert.Equal([onlySecond.Id], Waiting(read, "000.00.03.H06"));
        var everyOne = read.ForRecipient("000.00.01.H06").Select(e => e.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Sorted(both.Id, done.Id), everyOne);
    }

    private static string[] Waiting(ExchangeStore store, string agency) =>
        [.. store.ForRecipient(agency, waitingOnly: true).Select(e => e.Id).Order(StringComparer.Ordinal)];

    private static string[] Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];

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
        var exchange = ExchangeRecords.Submitted("000.00.15.H06", DateTime.UtcNow, content.Length,
            ExchangeRecords.Finished("000.00.02.H06", RecipientStatus.Delivered, DateTime.UtcNow));
        store.Insert(exchange);
        var written = await store.WriteContentAsync(exchange.Id, new MemoryStream(content), content.Length, default);
        await store.WriteContentAsync("keep-me", new MemoryStream(neighbour), neighbour.Length, default);
        broker.Database.Checkpoint();
        var before = System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(broker.FilePath));

        var erased = await store.EraseContentAsync(exchange.Id, new DateTime(2026, 12, 8, 3, 0, 0, DateTimeKind.Utc),
            default);
        store.CheckpointErasures();
        var after = System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(broker.FilePath));

        Assert.Equal(content.Length, written!.Value.Size);
        Assert.All(markers, m => Assert.Contains(m, before, StringComparison.Ordinal));
        Assert.All(markers, m => Assert.DoesNotContain(m, after, StringComparison.Ordinal));
        Assert.Contains(System.Text.Encoding.ASCII.GetString(neighbour), after, StringComparison.Ordinal);
        Assert.Null(store.OpenContent(exchange.Id));
        Assert.Equal(new DateTime(2026, 12, 8, 3, 0, 0, DateTimeKind.Utc), erased.ContentErasedUtc);
        Assert.Equal(erased.ContentErasedUtc, store.Find(exchange.Id)!.ContentErasedUtc);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000)]
    [InlineData(255 * 1024)]
    [InlineData(255 * 1024 + 1)]
    [InlineData(3 * 255 * 1024 + 17)]
    public async Task StoredContent_ReadsBackWhole_AndFromAnyPosition(int length)
    {
        var content = RandomNumberGenerator.GetBytes(length);
        using var broker = new BrokerStore(_directory);
        var store = new ExchangeStore(broker);

        var written = await store.WriteContentAsync("x", new MemoryStream(content), length, default);
        using var whole = new MemoryStream();
        using (var stream = store.OpenContent("x")!)
        {
            await stream.CopyToAsync(whole);
        }

        using var tail = new MemoryStream();
        using (var stream = store.OpenContent("x")!)
        {
            stream.Seek(length / 2, SeekOrigin.Begin);
            await stream.CopyToAsync(tail);
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), written!.Value.Sha256);
        Assert.Equal(length, written.Value.Size);
        Assert.Equal(content, whole.ToArray());
        Assert.Equal(content[(length / 2)..], tail.ToArray());
        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData(content)),
            await store.HashStoredContentAsync("x", default));
    }

    [Fact]
    public async Task AnUploadCutOff_OrTooLarge_KeepsNothing_AndARetryStoresTheNewContent()
    {
        using var broker = new BrokerStore(_directory);
        var store = new ExchangeStore(broker);
        var first = RandomNumberGenerator.GetBytes(600 * 1024);
        var retry = RandomNumberGenerator.GetBytes(300 * 1024);

        var marker = System.Text.Encoding.ASCII.GetBytes($"LGSP-CUT-OFF-{Guid.NewGuid():N}");
        marker.CopyTo(first, 0);

        // The connection drops after the first two chunks were stored: they are erased at once.
        await Assert.ThrowsAsync<IOException>(() =>
            store.WriteContentAsync("x", new FailingAfter(first, 520 * 1024), first.Length, default));
        var afterCut = store.OpenContent("x");
        store.CheckpointErasures();
        var file = System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(broker.FilePath));
        var tooLarge = await store.WriteContentAsync("y", new MemoryStream(first), first.Length - 1, default);
        var written = await store.WriteContentAsync("x", new MemoryStream(retry), retry.Length, default);
        using var read = new MemoryStream();
        using (var stream = store.OpenContent("x")!)
        {
            await stream.CopyToAsync(read);
        }

        Assert.Null(afterCut);
        Assert.DoesNotContain(System.Text.Encoding.ASCII.GetString(marker), file, StringComparison.Ordinal);
        Assert.Null(tooLarge);
        Assert.Null(store.OpenContent("y"));
        Assert.Equal(retry.Length, written!.Value.Size);
        Assert.Equal(retry, read.ToArray());
    }

    [Fact]
    public async Task UploadsCutOffByACrash_AreErasedAtTheNextStart_AndFinishedUploadsStay()
    {
        var marker = System.Text.Encoding.ASCII.GetBytes($"LGSP-CRASH-CUT-{Guid.NewGuid():N}");
        var kept = RandomNumberGenerator.GetBytes(1_000);
        string cutOffId, uploadedId;
        using (var before = new BrokerStore(_directory))
        {
            // What a process killed in the middle of an upload leaves: a stored chunk, no record, no upload.
            var store = new ExchangeStore(before);
            var cutOff = Allocated();
            var uploaded = Allocated();
            store.Insert(cutOff);
            store.Insert(uploaded);
            var chunk = new byte[255 * 1024];
            marker.CopyTo(chunk, 100);
            before.Database.GetCollection("_chunks").Insert(new LiteDB.BsonDocument
            {
                ["_id"] = new LiteDB.BsonDocument { ["f"] = $"content/{cutOff.Id}", ["n"] = 0 },
                ["data"] = chunk,
            });
            await store.WriteContentAsync(uploaded.Id, new MemoryStream(kept), kept.Length, default);
            await store.UpdateAsync(uploaded.Id, e => e.UploadedUtc = DateTime.UtcNow, default);
            (cutOffId, uploadedId) = (cutOff.Id, uploaded.Id);
        }

        using var after = new BrokerStore(_directory);
        var restarted = new ExchangeStore(after);
        var erased = await restarted.EraseCutOffUploadsAsync(default);
        restarted.CheckpointErasures();
        var file = System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(after.FilePath));
        using var read = new MemoryStream();
        using (var stream = restarted.OpenContent(uploadedId)!)
        {
            await stream.CopyToAsync(read);
        }

        Assert.Equal(1, erased);
        Assert.DoesNotContain(System.Text.Encoding.ASCII.GetString(marker), file, StringComparison.Ordinal);
        Assert.Null(restarted.OpenContent(cutOffId));
        Assert.Equal(kept, read.ToArray());
        Assert.Equal(0, await restarted.EraseCutOffUploadsAsync(default));
    }

    private static Exchange Allocated() => new()
    {
        Id = "ex_" + Guid.NewGuid().ToString("N")[..24],
        SourceAgencyId = "000.00.15.H06",
        SourceKeyId = "LGSPTEST",
        CreatedUtc = DateTime.UtcNow,
        ExpiresUtc = DateTime.UtcNow.AddDays(7),
        Recipients = [new Recipient { AgencyId = "000.00.14.H06" }],
    };

    /// <summary>A body that gives its first bytes, then fails as a dropped connection does.</summary>
    private sealed class FailingAfter(byte[] content, int failAt) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= failAt)
            {
                throw new IOException("The connection was reset.");
            }

            var count = (int)Math.Min(buffer.Length, failAt - Position);
            return base.ReadAsync(buffer[..count], cancellationToken);
        }
    }
}
