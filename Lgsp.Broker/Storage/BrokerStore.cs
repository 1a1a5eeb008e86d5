using LiteDB;

namespace Lgsp.Broker.Storage;

/// <summary>
/// The broker's embedded database: one LiteDB file in the data directory, opened once for the whole process.
/// LiteDB keeps its page cache per instance, so two instances on one file would silently diverge; everything
/// in the broker goes through this singleton.
/// </summary>
/// <remarks>
/// Every operation on the file takes its turn here (<see cref="Run{T}"/>, <see cref="RunAsync{T}"/>): LiteDB
/// runs one at a time. Letting LiteDB arbitrate itself cost twice. Its writers wait for each other by spinning
/// on a monitor, which took a third of the processor under load and held a thread per waiting request; and under
/// heavy concurrent reading and writing of content LiteDB 5.0.21 once read a chunk while its pages were being
/// reused ("current value must fit inside defined buffer"), after which it refuses every operation until the
/// process restarts. Turns are short: a document, a chunk of content, one window of a report; they follow each
/// other without a gap (<see cref="StoreTurns"/>).
/// </remarks>
public sealed class BrokerStore : IDisposable
{
    /// <summary>Pages of LiteDB's log (8 KiB each, so 64 MiB) that start a checkpoint.</summary>
    public const int CheckpointPages = 8000;

    private readonly LiteDatabase _database;
    private readonly StoreTurns _turns = new("LiteDB turns");

    /// <summary>Opens (creating when absent) <c>broker.db</c> in <paramref name="dataDirectory"/>.</summary>
    public BrokerStore(string dataDirectory)
    {
        System.IO.Directory.CreateDirectory(dataDirectory);
        FilePath = Path.Combine(dataDirectory, "broker.db");

        // Direct mode: the file is this process's alone, and LiteDB serialises writers inside it.
        _database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct });
        // Every time the broker keeps is UTC; LiteDB would hand them back as the machine's local time, which on
        // a server set to Vietnam's time zone moved every deadline and statistic by seven hours.
        if (!_database.UtcDate)
        {
            _database.UtcDate = true;
        }

        // LiteDB copies its log into the data file every CheckpointSize pages (1,000 by default, 8 MiB) and then
        // empties its whole page cache: under load that was a checkpoint every few 1 MiB exchanges, and every index
        // page read again from the file after each. The content a checkpoint must erase from the data file does
        // not wait for this: CheckpointErasures runs every timer tick.
        _database.CheckpointSize = CheckpointPages;
        WarmUpMapper();
    }

    /// <summary>The database file's path.</summary>
    public string FilePath { get; }

    /// <summary>The open database, for the broker's own stores.</summary>
    internal LiteDatabase Database => _database;

    /// <summary>
    /// Builds LiteDB's mapping of every stored type once, on one thread. LiteDB 5 builds a type's mapping lazily
    /// on first use without a lock, and concurrent first uses were seen to store a recipient without its agency
    /// identifier; after this warm-up every thread reads the finished mappings.
    /// </summary>
    private void WarmUpMapper()
    {
        var mapper = _database.Mapper;
        var exchange = new Exchanges.Exchange
        {
            Recipients = [new Exchanges.Recipient()],
            Policy = new Exchanges.DeliveryPolicy(),
        };
        mapper.ToObject<Exchanges.Exchange>(mapper.ToDocument(exchange));
        mapper.ToObject<Presence.ConnectionSession>(mapper.ToDocument(new Presence.ConnectionSession()));
        mapper.ToObject<Events.BrokerEvent>(mapper.ToDocument(new Events.BrokerEvent()));
        mapper.ToObject<Sessions.SessionRecord>(mapper.ToDocument(new Sessions.SessionRecord()));
    }

    /// <summary>Runs <paramref name="work"/> (LiteDB calls, nothing slow) once it is the caller's turn.</summary>
    public T Run<T>(Func<T> work) => _turns.Run(work);

    /// <summary>Runs <paramref name="work"/> in this caller's turn, waiting without holding a thread.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        _turns.RunAsync(work, cancellationToken);

    /// <summary>Whether the file can be read and written now; used by the health check.</summary>
    public bool IsUsable()
    {
        try
        {
            return Run(() =>
            {
                var probe = _database.GetCollection<BsonDocument>("_health");
                probe.Upsert(new BsonDocument { ["_id"] = 1, ["checkedUtc"] = DateTime.UtcNow });
                return probe.FindById(1) is not null;
            });
        }
        catch (LiteException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _turns.Dispose();
        _database.Dispose();
    }
}
