using LiteDB;

namespace Lgsp.Broker.Exchanges;

/// <summary>How <see cref="ExchangeStore"/> writes and reads content, in LiteDB's file storage layout.</summary>
public sealed partial class ExchangeStore
{
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
            if (await store._store.RunAsync(() => store.HasStored(fileId), cancellationToken))
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
                await _store._store.RunAsync(() => _store._chunks.Insert(chunk), cancellationToken);
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
            return _store._store.RunAsync(
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
            await _store._store.RunAsync(
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

    /// <summary>
    /// Stored content read chunk by chunk, one turn per chunk, so that a long download never holds the file; it
    /// seeks, for ranges. A chunk that is missing (the content was erased meanwhile) ends the read with an error.
    /// </summary>
    private sealed class ContentStream(ExchangeStore store, string fileId, long length) : Stream
    {
        private byte[]? _chunk;
        private int _number = -1;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= length || buffer.IsEmpty)
            {
                return 0;
            }

            var number = (int)(_position / ChunkBytes);
            if (number != _number)
            {
                var key = ChunkKey(fileId, number);
                Take(number, store._store.Run(() => store._chunks.FindById(key)));
            }

            return CopyTo(buffer);
        }

        public override Task<int> ReadAsync(
            byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(
            Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= length || buffer.IsEmpty)
            {
                return 0;
            }

            var number = (int)(_position / ChunkBytes);
            if (number != _number)
            {
                var key = ChunkKey(fileId, number);
                Take(number, await store._store.RunAsync(() => store._chunks.FindById(key), cancellationToken));
            }

            return CopyTo(buffer.Span);
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private void Take(int number, BsonDocument? chunk)
        {
            _chunk = chunk?["data"].AsBinary
                ?? throw new ContentErasedException();
            _number = number;
        }

        private int CopyTo(Span<byte> buffer)
        {
            var start = (int)(_position % ChunkBytes);
            var count = Math.Min(buffer.Length, _chunk!.Length - start);
            if (count <= 0)
            {
                throw new IOException("The stored content is shorter than its record says.");
            }

            _chunk.AsSpan(start, count).CopyTo(buffer);
            _position += count;
            return count;
        }
    }
}

/// <summary>
/// Stored content vanished while a stream was reading it: its exchange finished (for instance the recipient
/// acknowledged while still downloading) or expired, and the content was erased.
/// </summary>
public sealed class ContentErasedException() : IOException("The stored content was erased while it was being read.");
