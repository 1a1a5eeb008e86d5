using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Statistics;
using Lgsp.Portal.Hosting;
using Microsoft.Extensions.Options;

namespace Lgsp.Portal.Statistics;

/// <summary>
/// Compact copies of past days' exchange listings, one file a day in <c>statistics/listings/</c>. Once every
/// recipient of every exchange submitted on a day has a final status, nothing a report lists of that day can
/// change any more, and reading the day from its file costs a fraction of reading it from LiteDB (a year's million
/// exchanges: about a second instead of seven). Reports read a day from here when its file is there and from the
/// broker otherwise, so a missing or damaged file costs time, never rows.
/// </summary>
public sealed partial class SettledListings(
    ExchangeStore exchanges,
    DataDirectory data,
    IOptions<StatisticsOptions> options,
    TimeProvider time,
    ILogger<SettledListings> logger)
{
    /// <summary>The job's id in Hangfire.</summary>
    public const string JobId = "settled-listings";

    // Names the format; a file that does not begin with it is not read.
    private const string Format = "LGSP exchange listing 1";

    /// <summary>Where the files are kept.</summary>
    public string Folder => Path.Combine(data.Path, "statistics", "listings");

    /// <summary>
    /// Writes the file of every past day within retention that has none yet and whose exchanges are all final;
    /// returns the days written. Days still waiting for a recipient are read again on the next run.
    /// </summary>
    public IReadOnlyList<DateOnly> Settle(CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(time);
        if (exchanges.OldestSubmission() is not { } oldest)
        {
            return [];
        }

        var retained = today.AddDays(-Math.Max(1, options.Value.RawRetentionDays));
        var first = VietnamTime.DayOf(oldest) > retained ? VietnamTime.DayOf(oldest) : retained;
        System.IO.Directory.CreateDirectory(Folder);
        var written = new List<DateOnly>();
        for (var day = first; day < today; day = day.AddDays(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (File.Exists(PathOf(day)))
            {
                continue;
            }

            var (from, to) = TrafficAggregation.Bounds(day);
            var listed = exchanges.ListSubmittedBetween(from, to);
            if (listed.All(e => e.Recipients.All(r => r.IsFinal)))
            {
                Write(day, listed);
                written.Add(day);
            }
        }

        return written;
    }

    /// <summary>The day's listing from its file, oldest first; null when the day has no readable file.</summary>
    public IReadOnlyList<ExchangeListing>? Read(DateOnly day)
    {
        var path = PathOf(day);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024,
                FileOptions.SequentialScan);
            using var reader = new BinaryReader(file);
            if (reader.ReadString() != Format)
            {
                throw new InvalidDataException("not a listing file");
            }

            var listed = new ExchangeListing[Count(reader)];
            for (var i = 0; i < listed.Length; i++)
            {
                listed[i] = ReadListing(reader);
            }

            if (reader.ReadInt32() != listed.Length || file.Position != file.Length)
            {
                throw new InvalidDataException("the file does not end where its count says");
            }

            return listed;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            // The broker still holds the day: drop the file so that the next run writes it again.
            Damaged(logger, e, path);
            File.Delete(path);
            return null;
        }
    }

    /// <summary>Removes the listing files of the days before <paramref name="day"/>.</summary>
    public int DeleteBefore(DateOnly day)
    {
        if (!System.IO.Directory.Exists(Folder))
        {
            return 0;
        }

        var old = System.IO.Directory.EnumerateFiles(Folder, "*.bin")
            .Where(f => DateOnly.TryParseExact(Path.GetFileNameWithoutExtension(f), "yyyy-MM-dd", out var d)
                && d < day)
            .ToList();
        old.ForEach(File.Delete);
        return old.Count;
    }

    private string PathOf(DateOnly day) => Path.Combine(Folder, $"{day:yyyy-MM-dd}.bin");

    /// <summary>Writes a day's file whole under another name, then puts it in place: no reader sees half.</summary>
    private void Write(DateOnly day, IReadOnlyList<ExchangeListing> listed)
    {
        var path = PathOf(day);
        var partial = path + ".partial";
        using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        using (var writer = new BinaryWriter(file))
        {
            writer.Write(Format);
            writer.Write(listed.Count);
            foreach (var e in listed)
            {
                WriteListing(writer, e);
            }

            writer.Write(listed.Count);
            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: true);
    }

    private static void WriteListing(BinaryWriter writer, ExchangeListing e)
    {
        writer.Write(e.Id);
        writer.Write(e.SubmittedUtc.Ticks);
        writer.Write(e.Title);
        writer.Write(e.SourceAgencyId);
        writer.Write(e.Priority.ToString());
        writer.Write(e.DataType);
        writer.Write(e.Size);
        writer.Write(e.Recipients.Count);
        foreach (var r in e.Recipients)
        {
            writer.Write(r.AgencyId);
            writer.Write(r.Status.ToString());
            writer.Write(r.FinishedUtc?.Ticks ?? 0);
        }
    }

    private static ExchangeListing ReadListing(BinaryReader reader)
    {
        var id = reader.ReadString();
        var submitted = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
        var title = reader.ReadString();
        var source = reader.ReadString();
        var priority = Enum.Parse<Priority>(reader.ReadString());
        var dataType = reader.ReadString();
        var size = reader.ReadInt64();
        var recipients = new RecipientListing[Count(reader)];
        for (var i = 0; i < recipients.Length; i++)
        {
            var agency = reader.ReadString();
            var status = Enum.Parse<RecipientStatus>(reader.ReadString());
            var finished = reader.ReadInt64();
            recipients[i] = new RecipientListing(agency, status,
                finished == 0 ? null : new DateTime(finished, DateTimeKind.Utc));
        }

        return new ExchangeListing(id, submitted, title, source, priority, dataType, size, recipients);
    }

    /// <summary>A count read from the file, refused when the rest of the file could not hold that many.</summary>
    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count >= 0 && count <= reader.BaseStream.Length - reader.BaseStream.Position
            ? count
            : throw new InvalidDataException($"a count of {count} does not fit the file");
    }

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Listing file {Path} could not be read; the day is read from the broker and the file written again")]
    private static partial void Damaged(ILogger logger, Exception exception, string path);
}
