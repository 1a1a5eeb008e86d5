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
/// Every call into LiteDB takes its turn from <see cref="BrokerStore"/> (see there why); records are mapped to
/// and from documents outside the turn, and content is read chunk by chunk, a turn each.
/// </remarks>
public sealed partial class ExchangeStore
{
    private const int ChunkBytes = 255 * 1024;

    private readonly BrokerStore _store;
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<Exchange> _exchanges;
    private readonly ILiteCollection<BsonDocument> _documents;
    private readonly ILiteCollection<BsonDocument> _files;
    private readonly ILiteCollection<BsonDocument> _chunks;

    // The records as last written by this process, by identifier: an exchange is read by nearly every request
    // about it, mostly just after the previous step wrote it. Every change goes through this class, so a record
    // here is never older than the file's; filled only by writes (a read that missed could put back a record a
    // concurrent write had just replaced), emptied when it grows large or when records are deleted.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, BsonDocument> _written = new();
    private readonly System.Collections.Concurrent.ConcurrentBag<byte[]> _chunkBuffers = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _claims = new();

    // What waits for each agency: the exchanges in which its recipient entry is not final yet, by agency, and the
    // other way round. Read from the file once at start and kept by every write (all go through this class), so
    // an inbox or an event stream's replay reads the agency's own waiting exchanges, not every one in flight.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string,
        System.Collections.Concurrent.ConcurrentDictionary<string, byte>> _waitingFor = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _waitingAgencies = new();

    // One writer at a time for read-modify-write of an exchange; LiteDB is safe per operation, not per sequence.
    // Locks are striped by identifier: changes to different exchanges read and map their records side by side.
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private int _erasuresSinceCheckpoint;

    public ExchangeStore(BrokerStore store)
    {
        _store = store;
        _db = store.Database;
        _exchanges = _db.GetCollection<Exchange>("exchanges");
        _documents = _db.GetCollection("exchanges");
        _files = _db.GetCollection("_files");
        _chunks = _db.GetCollection("_chunks");
        store.Run(() =>
            _exchanges.EnsureIndex(e => e.IdempotencyKey)
            & _exchanges.EnsureIndex(e => e.ContentErasedUtc)
            & _exchanges.EnsureIndex("recipients", "$.Recipients[*].AgencyId")
            & _exchanges.EnsureIndex(e => e.SubmittedUtc)
            & _exchanges.EnsureIndex("finished", "$.Recipients[*].FinishedUtc"));
        foreach (var document in UnfinishedDocuments())
        {
            TrackWaiting(ToExchange(document));
        }
    }

    /// <summary>Exchanges submitted between two instants, newest first, that <paramref name="keep"/> accepts.</summary>
    public IReadOnlyList<Exchange> Submitted(
        DateTime fromUtc, DateTime toUtc, Func<Exchange, bool> keep, int limit) =>
        [.. Documents(() => _documents.Find(TimeRange.During("SubmittedUtc", fromUtc, toUtc)))
            .Select(ToExchange)
            .OrderByDescending(e => e.SubmittedUtc)
            .Where(keep)
            .Take(limit)];

    /// <summary>
    /// The listings of the exchanges submitted between two instants, oldest first. Callers walk a long period
    /// window by window (an hour, a day) so that no more than one window's exchanges are in memory at once.
    /// </summary>
    public IReadOnlyList<ExchangeListing> ListSubmittedBetween(DateTime fromUtc, DateTime toUtc) =>
        [.. Documents(() => _documents.Find(TimeRange.During(nameof(Exchange.SubmittedUtc), fromUtc, toUtc)))
            .Select(ExchangeListing.FromDocument)
            .OrderBy(e => e.SubmittedUtc)];

    /// <summary>When the oldest kept exchange was submitted, if any was.</summary>
    public DateTime? OldestSubmission() =>
        _store.Run(() => _exchanges.Query().Where(e => e.SubmittedUtc != null).OrderBy(e => e.SubmittedUtc).Limit(1)
            .FirstOrDefault()?.SubmittedUtc);

    /// <summary>
    /// Exchanges with something to count between two instants: submitted then, or with a recipient finished then.
    /// </summary>
    public IReadOnlyList<Exchange> ActiveBetween(DateTime fromUtc, DateTime toUtc)
    {
        var submitted = Documents(() => _documents.Find(TimeRange.During("SubmittedUtc", fromUtc, toUtc)));
        var finished = Documents(
            () => _documents.Find(TimeRange.During("$.Recipients[*].FinishedUtc ANY", fromUtc, toUtc)));
        return [.. submitted.Concat(finished).Select(ToExchange).DistinctBy(e => e.Id)];
    }

    public Exchange? Find(string id) =>
        (_written.TryGetValue(id, out var known) ? known : _store.Run(() => _documents.FindById(id))) is { } found
            ? ToExchange(found)
            : null;

    /// <summary>As <see cref="Find"/>, waiting for the turn without holding a thread.</summary>
    public async Task<Exchange?> FindAsync(string id, CancellationToken cancellationToken) =>
        (_written.TryGetValue(id, out var known)
            ? known
            : await _store.RunAsync(() => _documents.FindById(id), cancellationToken)) is { } found
            ? ToExchange(found)
            : null;

    public async Task<Exchange?> FindByIdempotencyKeyAsync(
        string sourceKeyId, string key, CancellationToken cancellationToken) =>
        (await _store.RunAsync(
            () => _documents.Find(Query.EQ(nameof(Exchange.IdempotencyKey), key)).ToList(),
            cancellationToken))
            .Select(ToExchange)
            .FirstOrDefault(e => e.SourceKeyId == sourceKeyId);

    /// <summary>
    /// Exchanges with a recipient entry for <paramref name="agencyId"/>; with <paramref name="waitingOnly"/>, only
    /// those in which that entry is not final yet, known without reading the file: the inbox of waiting packages
    /// (asked often, and at every event stream's start) costs the same however many exchanges are in flight for
    /// other agencies or however long the agency's history grows. Reading every exchange in flight for each one
    /// let a single client polling its inbox slow every other request by seconds.
    /// </summary>
    public IReadOnlyList<Exchange> ForRecipient(string agencyId, bool waitingOnly = false) =>
        waitingOnly
            ? [.. Waiting(agencyId).Select(ToExchange).Where(e => e.RecipientOf(agencyId) is { IsFinal: false })]
            : [.. Documents(() => _documents.Find(Query.EQ("$.Recipients[*].AgencyId ANY", agencyId)))
                .Select(ToExchange)];

    /// <summary>The documents of what waits for <paramref name="agencyId"/>: from memory, the rest in a turn.</summary>
    private List<BsonDocument> Waiting(string agencyId)
    {
        var ids = _waitingFor.TryGetValue(agencyId, out var waiting) ? waiting.Keys.ToList() : [];
        var found = new List<BsonDocument>(ids.Count);
        var unread = new BsonArray();
        foreach (var id in ids)
        {
            if (_written.TryGetValue(id, out var known))
            {
                found.Add(known);
            }
            else
            {
                unread.Add(id);
            }
        }

        if (unread.Count > 0)
        {
            found.AddRange(Documents(() => _documents.Find(Query.In("_id", unread))));
        }

        return found;
    }

    /// <summary>Adds a new exchange (imports, tests); the broker's requests use <see cref="InsertAsync"/>.</summary>
    public void Insert(Exchange exchange)
    {
        var document = _db.Mapper.ToDocument(exchange);
        _store.Run(() => _documents.Insert(document));
        Remember(exchange, document);
    }

    /// <summary>Adds a new exchange.</summary>
    public async Task InsertAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        var document = _db.Mapper.ToDocument(exchange);
        await _store.RunAsync(() => _documents.Insert(document), cancellationToken);
        Remember(exchange, document);
    }

    /// <summary>Adds finished records in bulk, a few thousand per transaction: imports and benchmarks' seeds.</summary>
    public int InsertMany(IEnumerable<Exchange> exchanges) => _store.Run(() => _exchanges.InsertBulk(exchanges));

    /// <summary>Exchanges that still have work: a recipient not final, or content not yet erased.</summary>
    /// <remarks>
    /// Limitation: the timers read every unfinished exchange at each tick, because deadlines themselves are not
    /// indexed yet (only "unfinished" is); with hundreds of thousands in flight a tick costs seconds. An index on
    /// each exchange's next deadline would fix it.
    /// </remarks>
    public IReadOnlyList<Exchange> Unfinished() => [.. UnfinishedDocuments().Select(ToExchange)];

    /// <summary>
    /// Erases what uploads cut off by a crash left: the chunks (and perhaps the record) of content written for
    /// exchanges that never recorded an upload, which would otherwise stay in the file until a retry or expiry.
    /// Meant for the start of the process; an upload running meanwhile holds its claim and is left alone.
    /// </summary>
    /// <returns>How many exchanges had such leftovers.</returns>
    public async Task<int> EraseCutOffUploadsAsync(CancellationToken cancellationToken)
    {
        var erased = 0;
        foreach (var candidate in Unfinished().Where(e => e.UploadedUtc is null))
        {
            using var claim = TryClaimContent(candidate.Id);
            // Read again under the claim: an upload may have finished since the list was read.
            if (claim is null
                || await FindAsync(candidate.Id, cancellationToken) is not { UploadedUtc: null } exchange
                || !await _store.RunAsync(() => HasStored(FileId(exchange.Id)), cancellationToken))
            {
                continue;
            }

            await DiscardContentAsync(exchange, cancellationToken);
            erased++;
        }

        return erased;
    }

    /// <summary>
    /// Reads, changes and writes one exchange under its lock; returns the changed exchange. A change that marks
    /// the content erased (<see cref="Exchange.ContentErasedUtc"/>) erases it in the same transaction (Điều 5.3),
    /// so the record and the content cannot disagree after a crash.
    /// </summary>
    public async Task<Exchange> UpdateAsync(string id, Action<Exchange> change, CancellationToken cancellationToken) =>
        (await UpdateIfAsync(
            id,
            e =>
            {
                change(e);
                return true;
            },
            cancellationToken)).Exchange;

    /// <summary>
    /// As <see cref="UpdateAsync"/> for a change that first checks the record under the lock: when
    /// <paramref name="change"/> returns false (the step is already done, or no longer applies) nothing is written.
    /// A step's checks before the lock only answer early; a concurrent step may have moved the record since.
    /// </summary>
    public async Task<(Exchange Exchange, bool Changed)> UpdateIfAsync(
        string id,
        Func<Exchange, bool> change,
        CancellationToken cancellationToken)
    {
        var gate = GateOf(id);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var exchange = await FindAsync(id, cancellationToken)
                ?? throw new InvalidOperationException("The exchange vanished.");
            var kept = exchange.ContentErasedUtc is null;
            if (!change(exchange))
            {
                return (exchange, false);
            }

            var document = _db.Mapper.ToDocument(exchange);
            await _store.RunAsync(
                () => kept && exchange.ContentErasedUtc is not null
                    ? InTransaction(() =>
                    {
                        EraseFiles(id, ConvertibleCopies(exchange));
                        return _documents.Update(document);
                    })
                    : _documents.Update(document),
                cancellationToken);
            Remember(exchange, document);
            return (exchange, true);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The documents of exchanges whose content is still kept (<see cref="Unfinished"/>).</summary>
    private List<BsonDocument> UnfinishedDocuments() =>
        Documents(() => _documents.Find(Query.EQ(nameof(Exchange.ContentErasedUtc), BsonValue.Null)));

    /// <summary>Documents found by <paramref name="query"/>, read in one turn; the caller maps them after it.</summary>
    private List<BsonDocument> Documents(Func<IEnumerable<BsonDocument>> query) => _store.Run(() => query().ToList());

    private Exchange ToExchange(BsonDocument document) => _db.Mapper.ToObject<Exchange>(document);

    private void Remember(Exchange exchange, BsonDocument document)
    {
        if (_written.Count >= 10_000)
        {
            _written.Clear();
        }

        _written[exchange.Id] = document;
        TrackWaiting(exchange);
    }

    /// <summary>Keeps <c>_waitingFor</c> as <paramref name="exchange"/> now stands (its writes come in turn).</summary>
    private void TrackWaiting(Exchange exchange)
    {
        string[] waiting = [.. exchange.Recipients.Where(r => !r.IsFinal).Select(r => r.AgencyId)];
        var before = _waitingAgencies.TryGetValue(exchange.Id, out var known) ? known : [];
        foreach (var agency in before.Except(waiting))
        {
            if (_waitingFor.TryGetValue(agency, out var ids))
            {
                ids.TryRemove(exchange.Id, out _);
            }
        }

        foreach (var agency in waiting)
        {
            _waitingFor.GetOrAdd(agency, _ => new(StringComparer.Ordinal))[exchange.Id] = 0;
        }

        if (waiting.Length == 0)
        {
            _waitingAgencies.TryRemove(exchange.Id, out _);
        }
        else
        {
            _waitingAgencies[exchange.Id] = waiting;
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
    /// Claims the writing of an exchange's content (its upload, or its converted copies at submission) until the
    /// claim is disposed; null while another claim on the same exchange is held. Two bodies written at once under
    /// one name would mix their chunks.
    /// </summary>
    public IDisposable? TryClaimContent(string exchangeId)
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _claims.TryAdd(exchangeId, released) ? new ContentClaim(this, exchangeId, released) : null;
    }

    /// <summary>As <see cref="TryClaimContent"/>, waiting for a claim held by another request to end.</summary>
    public async Task<IDisposable> ClaimContentAsync(string exchangeId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryClaimContent(exchangeId) is { } claim)
            {
                return claim;
            }

            if (_claims.TryGetValue(exchangeId, out var held))
            {
                await held.Task.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>A seekable stream over the stored content (or one recipient's converted copy), or null.</summary>
    public Stream? OpenContent(string exchangeId, string? variant = null)
    {
        var fileId = FileId(exchangeId, variant);
        return Content(fileId, _store.Run(() => _files.FindById(fileId)));
    }

    /// <summary>As <see cref="OpenContent"/>, waiting for the turn without holding a thread.</summary>
    public async Task<Stream?> OpenContentAsync(string exchangeId, string? variant, CancellationToken cancellationToken)
    {
        var fileId = FileId(exchangeId, variant);
        return Content(fileId, await _store.RunAsync(() => _files.FindById(fileId), cancellationToken));
    }

    /// <summary>Whether anything of a file is stored: its record, or a first chunk; called in a turn.</summary>
    private bool HasStored(string fileId) =>
        _files.FindById(fileId) is not null || _chunks.FindById(ChunkKey(fileId, 0)) is not null;

    private ContentStream? Content(string fileId, BsonDocument? record) =>
        record is null ? null : new ContentStream(this, fileId, record["length"].AsInt64);

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

    /// <summary>The hex SHA-256 of the stored content, read back from storage a chunk per turn.</summary>
    public async Task<string?> HashStoredContentAsync(string exchangeId, CancellationToken cancellationToken)
    {
        await using var stream = await OpenContentAsync(exchangeId, null, cancellationToken);
        return stream is null
            ? null
            : Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>
    /// Erases an exchange's content so that its bytes leave the file (Điều 5.3) and records when, in one
    /// transaction: the chunks are deleted (LiteDB clears their blocks), and the next
    /// <see cref="CheckpointErasures"/> writes the cleared pages over the originals in the data file. Returns the
    /// exchange as recorded.
    /// </summary>
    public Task<Exchange> EraseContentAsync(
        string exchangeId, DateTime erasedUtc, CancellationToken cancellationToken) =>
        UpdateAsync(exchangeId, e => e.ContentErasedUtc = erasedUtc, cancellationToken);

    /// <summary>
    /// Erases an exchange's content and any converted copies, as <see cref="EraseContentAsync"/> does, without
    /// recording it: content that was refused (the exchange can take another upload), or copies made for an
    /// exchange that expired while it was being submitted.
    /// </summary>
    public Task DiscardContentAsync(Exchange exchange, CancellationToken cancellationToken) =>
        _store.RunAsync(
            () => InTransaction(() =>
            {
                EraseFiles(exchange.Id, ConvertibleCopies(exchange));
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

    /// <summary>
    /// The recipients that may have a converted copy: those of a JSON or XML package (the only kinds converted),
    /// whether or not the record says so, since a copy is written just before the record that names it.
    /// </summary>
    private static IEnumerable<string> ConvertibleCopies(Exchange exchange) =>
        exchange.DataType is "json" or "xml" ? exchange.Recipients.Select(r => r.AgencyId) : [];

    /// <summary>
    /// Erases the content of an exchange and the converted copies any of its recipients may have: a copy is named
    /// after its recipient, so every name is known without a query (one was compiled anew for each erasure).
    /// </summary>
    private void EraseFiles(string exchangeId, IEnumerable<string> recipientAgencies)
    {
        foreach (var agency in recipientAgencies)
        {
            Erase(FileId(exchangeId, agency));
        }

        Erase(FileId(exchangeId));
    }

    /// <remarks>
    /// Deleting a chunk is what erases its bytes: LiteDB 5 fills a deleted block with zeros in its page, and the
    /// next checkpoint writes the page over the original in the data file. (The broker used to overwrite every
    /// chunk with zeros first: a second write of the whole content, and a read of it.)
    /// <c>BrokerStoreTests.ErasedContent_LeavesTheFile_InEveryChunk_EvenInAPageItShares</c> searches the file's
    /// bytes and fails if a LiteDB upgrade stops clearing deleted blocks. The key range takes every chunk, also
    /// those of an upload cut off before its record was written.
    /// </remarks>
    private void Erase(string fileId)
    {
        Interlocked.Exchange(ref _erasuresSinceCheckpoint, 1);
        _chunks.DeleteMany("_id BETWEEN { f: @0, n: 0 } AND { f: @0, n: 2147483647 }", fileId);
        _files.Delete(fileId);
    }

    /// <summary>
    /// Removes the metadata of exchanges created before <paramref name="beforeUtc"/> whose content is already
    /// erased (every recipient final); returns how many went. Statistics keep what was counted from them.
    /// </summary>
    public int DeleteFinishedBefore(DateTime beforeUtc)
    {
        var deleted = _store.Run(() =>
            _exchanges.DeleteMany(e => e.CreatedUtc < beforeUtc && e.ContentErasedUtc != null));
        _written.Clear();
        return deleted;
    }

    /// <summary>
    /// Moves erased pages from LiteDB's log into its data file, overwriting the content that was there. A
    /// checkpoint costs a flush of the whole log, so it runs once per timer tick rather than per erasure.
    /// </summary>
    public void CheckpointErasures()
    {
        if (Interlocked.Exchange(ref _erasuresSinceCheckpoint, 0) == 1)
        {
            _store.Run(() =>
            {
                _db.Checkpoint();
                return true;
            });
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

    private sealed class ContentClaim(ExchangeStore store, string exchangeId, TaskCompletionSource released)
        : IDisposable
    {
        public void Dispose()
        {
            store._claims.TryRemove(exchangeId, out _);
            released.TrySetResult();
        }
    }

    /// <summary>A chunk's key in LiteDB's file storage: the file and the chunk's number from zero.</summary>
    private static BsonDocument ChunkKey(BsonValue fileId, int number) => new() { ["f"] = fileId, ["n"] = number };

    private static string FileId(string exchangeId, string? variant = null) =>
        variant is null ? $"content/{exchangeId}" : $"content/{exchangeId}/{variant}";
}
