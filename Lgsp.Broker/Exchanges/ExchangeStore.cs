using System.Security.Cryptography;
using Lgsp.Broker.Storage;
using LiteDB;

namespace Lgsp.Broker.Exchanges;

/// <summary>
/// Exchanges and their content in the broker's LiteDB file. Every change to an exchange is one LiteDB
/// transaction, committed to the file before the HTTP answer is sent: an exchange answered 2xx survives a
/// crash of the process at any later moment.
/// </summary>
/// <remarks>
/// Writes go to LiteDB one at a time, queued here without holding a thread. LiteDB lets one writer into a
/// collection and makes the others wait by spinning on a monitor: under load a third of the processor went to
/// waiting threads, and each waiting request held a thread-pool thread. Reads need no turn.
/// </remarks>
public sealed class ExchangeStore
{
    private const int ChunkBytes = 255 * 1024;

    private readonly LiteDatabase _db;
    private readonly ILiteCollection<Exchange> _exchanges;
    private readonly ILiteCollection<BsonDocument> _documents;
    private readonly ILiteStorage<string> _content;
    private readonly ILiteCollection<BsonDocument> _files;
    private readonly ILiteCollection<BsonDocument> _chunks;
    private readonly System.Collections.Concurrent.ConcurrentBag<byte[]> _chunkBuffers = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _uploads = new();

    // One writer at a time for read-modify-write of an exchange; LiteDB is safe per operation, not per sequence.
    // Locks are striped by identifier: changes to different exchanges read and map their records side by side.
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    // The turn to write to LiteDB (see the remarks above).
    private readonly SemaphoreSlim _writer = new(1, 1);
    private int _erasuresSinceCheckpoint;

    public ExchangeStore(BrokerStore store)
    {
        _db = store.Database;
        _exchanges = _db.GetCollection<Exchange>("exchanges");
        _documents = _db.GetCollection("exchanges");
        _exchanges.EnsureIndex(e => e.IdempotencyKey);
        _exchanges.EnsureIndex(e => e.ContentErasedUtc);
        _exchanges.EnsureIndex("recipients", "$.Recipients[*].AgencyId");
        _exchanges.EnsureIndex(e => e.SubmittedUtc);
        _exchanges.EnsureIndex("finished", "$.Recipients[*].FinishedUtc");
        _content = _db.FileStorage;
        _files = _db.GetCollection("_files");
        _chunks = _db.GetCollection("_chunks");
    }

    /// <summary>Exchanges submitted between two instants, newest first, that <paramref name="keep"/> accepts.</summary>
    public IReadOnlyList<Exchange> Submitted(
        DateTime fromUtc, DateTime toUtc, Func<Exchange, bool> keep, int limit) =>
        [.. _exchanges.Find(TimeRange.During("SubmittedUtc", fromUtc, toUtc))
            .OrderByDescending(e => e.SubmittedUtc)
            .Where(keep)
            .Take(limit)];

    /// <summary>
    /// The listings of the exchanges submitted between two instants, oldest first. Callers walk a long period
    /// window by window (an hour, a day) so that no more than one window's exchanges are in memory at once.
    /// </summary>
    public IReadOnlyList<ExchangeListing> ListSubmittedBetween(DateTime fromUtc, DateTime toUtc) =>
        [.. _documents.Find(TimeRange.During(nameof(Exchange.SubmittedUtc), fromUtc, toUtc))
            .Select(ExchangeListing.FromDocument)
            .OrderBy(e => e.SubmittedUtc)];

    /// <summary>When the oldest kept exchange was submitted, if any was.</summary>
    public DateTime? OldestSubmission() =>
        _exchanges.Query().Where(e => e.SubmittedUtc != null).OrderBy(e => e.SubmittedUtc).Limit(1)
            .FirstOrDefault()?.SubmittedUtc;

    /// <summary>
    /// Exchanges with something to count between two instants: submitted then, or with a recipient finished then.
    /// </summary>
    public IReadOnlyList<Exchange> ActiveBetween(DateTime fromUtc, DateTime toUtc)
    {
        var submitted = _exchanges.Find(TimeRange.During("SubmittedUtc", fromUtc, toUtc));
        var finished = _exchanges.Find(TimeRange.During("$.Recipients[*].FinishedUtc ANY", fromUtc, toUtc));
        return [.. submitted.Concat(finished).DistinctBy(e => e.Id)];
    }

    public Exchange? Find(string id) => _exchanges.FindById(id);

    public Exchange? FindByIdempotencyKey(string sourceKeyId, string key) =>
        _exchanges.Find(e => e.IdempotencyKey == key).FirstOrDefault(e => e.SourceKeyId == sourceKeyId);

    /// <summary>Exchanges with a recipient entry for <paramref name="agencyId"/>.</summary>
    public IEnumerable<Exchange> ForRecipient(string agencyId) =>
        _exchanges.Find(Query.EQ("$.Recipients[*].AgencyId ANY", agencyId));

    /// <summary>Adds a new exchange, for imports and tests; the broker's own requests use <see cref="InsertAsync"/>.</summary>
    public void Insert(Exchange exchange)
    {
        var document = _db.Mapper.ToDocument(exchange);
        _writer.Wait();
        try
        {
            _documents.Insert(document);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Adds a new exchange.</summary>
    public async Task InsertAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        var document = _db.Mapper.ToDocument(exchange);
        await WriteAsync(() => _documents.Insert(document), cancellationToken);
    }

    /// <summary>Adds finished records in bulk, a few thousand per transaction: imports and benchmarks' seeds.</summary>
    public int InsertMany(IEnumerable<Exchange> exchanges) => _exchanges.InsertBulk(exchanges);

    /// <summary>Exchanges that still have work: a recipient not final, or content not yet erased.</summary>
    /// <remarks>
    /// Limitation: the timers read every unfinished exchange at each tick, because deadlines themselves are not
    /// indexed yet (only "unfinished" is); with hundreds of thousands in flight a tick costs seconds. An index on
    /// each exchange's next deadline would fix it.
    /// </remarks>
    public IReadOnlyList<Exchange> Unfinished() =>
        _exchanges.Find(e => e.ContentErasedUtc == null).ToList();

    /// <summary>
    /// Reads, changes and writes one exchange under its lock; returns the changed exchange. A change that marks
    /// the content erased (<see cref="Exchange.ContentErasedUtc"/>) erases it in the same transaction (Điều 5.3),
    /// so the record and the content cannot disagree after a crash.
    /// </summary>
    public async Task<Exchange> UpdateAsync(string id, Action<Exchange> change, CancellationToken cancellationToken)
    {
        var gate = GateOf(id);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var exchange = _exchanges.FindById(id) ?? throw new InvalidOperationException("The exchange vanished.");
            var kept = exchange.ContentErasedUtc is null;
            change(exchange);
            var document = _db.Mapper.ToDocument(exchange);
            await WriteAsync(
                () => kept && exchange.ContentErasedUtc is not null
                    ? InTransaction(() =>
                    {
                        EraseFiles(id);
                        return _documents.Update(document);
                    })
                    : _documents.Update(document),
                cancellationToken);
            return exchange;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> (LiteDB calls, nothing slow) when it is this caller's turn to write.</summary>
    private async Task<T> WriteAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return work();
        }
        finally
        {
            _writer.Release();
        }
    }

    private SemaphoreSlim GateOf(string exchangeId) =>
        _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(exchangeId) % (uint)_gates.Length)];

    /// <summary>
    /// Streams <paramref name="body"/> into storage, hashing as it goes. Returns the hex SHA-256 and size, or
    /// null (and keeps nothing) when the body exceeds <paramref name="maxBytes"/>.
    /// </summary>
    public async Task<(string Sha256, long Size)?> WriteContentAsync(
        string exchangeId,
        Stream body,
        long maxBytes,
        CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = await ContentFile.OpenAsync(this, FileId(exchangeId), exchangeId, cancellationToken);
        var finished = false;
        try
        {
            int read;
            while ((read = await body.ReadAsync(file.Free, cancellationToken)) > 0)
            {
                if (file.Size + read > maxBytes)
                {
                    return null;
                }

                sha.AppendData(file.Free.Span[..read]);
                await file.AdvanceAsync(read, cancellationToken);
            }

            await file.FinishAsync(cancellationToken);
            finished = true;
            return (Convert.ToHexStringLower(sha.GetHashAndReset()), file.Size);
        }
        finally
        {
            // Too large, or the body broke off: nothing of it stays in the file. Not cancellable: the erasure must
            // happen even when the request that cut off was cancelled.
            if (!finished)
            {
                await file.AbandonAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Claims the writing of an exchange's content until the claim is disposed; null while another upload of the
    /// same exchange holds it. Two bodies written at once under one name would mix their chunks.
    /// </summary>
    public IDisposable? ClaimUpload(string exchangeId) =>
        _uploads.TryAdd(exchangeId, true) ? new UploadClaim(this, exchangeId) : null;

    /// <summary>A seekable stream over the stored content (or one recipient's converted copy), or null.</summary>
    public Stream? OpenContent(string exchangeId, string? variant = null) =>
        _content.Exists(FileId(exchangeId, variant)) ? _content.OpenRead(FileId(exchangeId, variant)) : null;

    /// <summary>Stores a converted copy of the content for one recipient; returns its hash and size.</summary>
    public async Task<(string Sha256, long Size)> WriteVariantAsync(
        string exchangeId, string variant, byte[] content, CancellationToken cancellationToken)
    {
        using var file = await ContentFile.OpenAsync(this, FileId(exchangeId, variant), exchangeId, cancellationToken);
        for (var offset = 0; offset < content.Length;)
        {
            var count = Math.Min(file.Free.Length, content.Length - offset);
            content.AsSpan(offset, count).CopyTo(file.Free.Span);
            await file.AdvanceAsync(count, cancellationToken);
            offset += count;
        }

        await file.FinishAsync(cancellationToken);
        return (Convert.ToHexStringLower(SHA256.HashData(content)), content.Length);
    }

    /// <summary>The hex SHA-256 of the stored content, read back from storage.</summary>
    public string? HashStoredContent(string exchangeId)
    {
        using var stream = OpenContent(exchangeId);
        return stream is null ? null : Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Erases an exchange's content so that its bytes leave the file (Điều 5.3) and records when, in one
    /// transaction: chunks are overwritten with zeros and deleted, and the next <see cref="CheckpointErasures"/>
    /// writes the zeroed pages over the originals in the data file. Returns the exchange as recorded.
    /// </summary>
    public Task<Exchange> EraseContentAsync(
        string exchangeId, DateTime erasedUtc, CancellationToken cancellationToken) =>
        UpdateAsync(exchangeId, e => e.ContentErasedUtc = erasedUtc, cancellationToken);

    /// <summary>
    /// Erases an exchange's content, as <see cref="EraseContentAsync"/> does, without recording it: content that
    /// was refused, so that the exchange can take another upload.
    /// </summary>
    public Task DiscardContentAsync(string exchangeId, CancellationToken cancellationToken) =>
        WriteAsync(
            () => InTransaction(() =>
            {
                EraseFiles(exchangeId);
                return true;
            }),
            cancellationToken);

    /// <summary>Runs <paramref name="work"/> as one LiteDB transaction (bound to this thread until it ends).</summary>
    private T InTransaction<T>(Func<T> work)
    {
        if (!_db.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction is already open on this thread.");
        }

        try
        {
            var result = work();
            _db.Commit();
            return result;
        }
        catch
        {
            _db.Rollback();
            throw;
        }
    }

    private void EraseFiles(string exchangeId)
    {
        var prefix = $"content/{exchangeId}/";
        foreach (var variant in _content.Find(f => f.Id.StartsWith(prefix)).Select(f => f.Id).ToList())
        {
            Erase(variant);
        }

        Erase(FileId(exchangeId));
    }

    /// <remarks>
    /// The chunks are reached by their keys (file and number, as LiteDB's file storage numbers them), not by a
    /// query: a query naming the file is a new expression each time, and LiteDB compiled one per erasure. They
    /// are walked until one is missing rather than counted from the file's record, so the chunks of an upload
    /// cut off before its record was written are erased too.
    /// </remarks>
    private void Erase(string fileId)
    {
        Interlocked.Exchange(ref _erasuresSinceCheckpoint, 1);
        for (var n = 0; _chunks.FindById(ChunkKey(fileId, n)) is { } chunk; n++)
        {
            chunk["data"] = new byte[chunk["data"].AsBinary.Length];
            _chunks.Update(chunk);
        }

        _chunks.DeleteMany("_id BETWEEN { f: @0, n: 0 } AND { f: @0, n: 2147483647 }", fileId);
        _files.Delete(fileId);
    }

    /// <summary>
    /// Removes the metadata of exchanges created before <paramref name="beforeUtc"/> whose content is already
    /// erased (every recipient final); returns how many went. Statistics keep what was counted from them.
    /// </summary>
    public int DeleteFinishedBefore(DateTime beforeUtc) =>
        _exchanges.DeleteMany(e => e.CreatedUtc < beforeUtc && e.ContentErasedUtc != null);

    /// <summary>
    /// Moves erased pages from LiteDB's log into its data file, overwriting the content that was there. A
    /// checkpoint costs a flush of the whole log, so it runs once per timer tick rather than per erasure.
    /// </summary>
    public void CheckpointErasures()
    {
        if (Interlocked.Exchange(ref _erasuresSinceCheckpoint, 0) == 1)
        {
            _db.Checkpoint();
        }
    }

    private byte[] RentChunk() => _chunkBuffers.TryTake(out var buffer) ? buffer : new byte[ChunkBytes];

    private void ReturnChunk(byte[] buffer)
    {
        if (_chunkBuffers.Count < 16)
        {
            _chunkBuffers.Add(buffer);
        }
    }

    /// <summary>
    /// One stored content being written, in LiteDB's file storage layout (so that its streams read and seek it):
    /// a record in <c>_files</c> and numbered chunks of <see cref="ChunkBytes"/> in <c>_chunks</c>. LiteDB's own
    /// writer allocated two chunk-sized buffers for every file, however small, on the large object heap; this
    /// one fills a reused buffer, stores each full chunk from it, and writes the last chunk with the file's record
    /// in one transaction.
    /// </summary>
    private sealed class ContentFile : IDisposable
    {
        private readonly ExchangeStore _store;
        private readonly BsonValue _fileId;
        private readonly string _name;
        private byte[]? _buffer;
        private int _filled;
        private int _chunkCount;

        private ContentFile(ExchangeStore store, string fileId, string name)
        {
            _store = store;
            _fileId = fileId;
            _name = name;
            _buffer = store.RentChunk();
        }

        /// <summary>Bytes taken so far.</summary>
        public long Size { get; private set; }

        /// <summary>The free part of the current chunk, to read into.</summary>
        public Memory<byte> Free => _buffer.AsMemory(_filled);

        /// <summary>Starts a file; whatever an earlier attempt left under its name is erased first.</summary>
        public static async Task<ContentFile> OpenAsync(
            ExchangeStore store, string fileId, string name, CancellationToken cancellationToken)
        {
            var file = new ContentFile(store, fileId, name);
            // An upload cut off by a crash left chunks behind; a retry starts clean.
            if (store._chunks.FindById(ChunkKey(fileId, 0)) is not null || store._files.FindById(fileId) is not null)
            {
                await file.AbandonAsync(cancellationToken);
            }

            return file;
        }

        /// <summary>Takes <paramref name="count"/> bytes just placed in <see cref="Free"/>.</summary>
        public async Task AdvanceAsync(int count, CancellationToken cancellationToken)
        {
            _filled += count;
            Size += count;
            if (_filled == ChunkBytes)
            {
                // LiteDB copies the document into its pages before Insert returns: the buffer can be refilled.
                var chunk = Chunk(_chunkCount++, _buffer!);
                await _store.WriteAsync(() => _store._chunks.Insert(chunk), cancellationToken);
                _filled = 0;
            }
        }

        /// <summary>Stores the last chunk and the file's record together.</summary>
        public Task FinishAsync(CancellationToken cancellationToken)
        {
            var record = new BsonDocument
            {
                ["_id"] = _fileId,
                ["filename"] = _name,
                ["mimeType"] = "application/octet-stream",
                ["length"] = Size,
                ["chunks"] = _chunkCount + (_filled > 0 ? 1 : 0),
                ["uploadDate"] = DateTime.UtcNow,
                ["metadata"] = new BsonDocument(),
            };
            var last = _filled > 0 ? Chunk(_chunkCount++, _buffer.AsSpan(0, _filled).ToArray()) : null;
            return _store.WriteAsync(
                () => _store.InTransaction(() =>
                {
                    if (last is not null)
                    {
                        _store._chunks.Insert(last);
                    }

                    return _store._files.Upsert(record);
                }),
                cancellationToken);
        }

        /// <summary>Erases whatever was stored of this file.</summary>
        public async Task AbandonAsync(CancellationToken cancellationToken)
        {
            await _store.WriteAsync(
                () => _store.InTransaction(() =>
                {
                    _store.Erase(_fileId.AsString);
                    return true;
                }),
                cancellationToken);
            _filled = 0;
            _chunkCount = 0;
        }

        public void Dispose()
        {
            if (_buffer is { } buffer)
            {
                _buffer = null;
                _store.ReturnChunk(buffer);
            }
        }

        private BsonDocument Chunk(int number, byte[] data) =>
            new() { ["_id"] = ChunkKey(_fileId, number), ["data"] = data };
    }

    private sealed class UploadClaim(ExchangeStore store, string exchangeId) : IDisposable
    {
        public void Dispose() => store._uploads.TryRemove(exchangeId, out _);
    }

    /// <summary>A chunk's key in LiteDB's file storage: the file and the chunk's number from zero.</summary>
    private static BsonDocument ChunkKey(BsonValue fileId, int number) => new() { ["f"] = fileId, ["n"] = number };

    private static string FileId(string exchangeId, string? variant = null) =>
        variant is null ? $"content/{exchangeId}" : $"content/{exchangeId}/{variant}";
}
