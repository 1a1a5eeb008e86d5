using System.Diagnostics;
using System.Globalization;
using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Presence;
using Lgsp.Broker.Storage;
using Lgsp.Portal;
using Lgsp.Portal.Data;
using Lgsp.Portal.Hosting;
using Lgsp.Portal.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lgsp.Benchmarks;

/// <summary>
/// The figures of issue 6: a year of traffic between 100 agencies (1,000,000 exchanges by default) seeded into a
/// fresh data directory, then, each in a process of its own so that its peak memory is its own: the daily
/// aggregation, the dashboard's queries over a month and over the year, and the year's Excel report with every
/// exchange listed (targets: dashboard under 200 ms, million-row workbook under 10 s within 200 MB).
/// </summary>
internal static class StatisticsBenchmark
{
    private const int AgencyCount = 100;
    private static readonly DateOnly First = new(2025, 1, 1);
    private static readonly DateOnly Last = new(2025, 12, 31);

    /// <summary>The day after the seeded year, 10:00 in Vietnam: every seeded day is complete.</summary>
    private static readonly FixedTime Clock = new(new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero));

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["statistics-aggregate", var data, _]:
                return await PhaseAsync("aggregation (every day of the year)", data, AggregateAsync);
            case ["statistics-settle", var data, _]:
                return await PhaseAsync("settling every day's listing (the first run, over the year)", data,
                    SettleAsync);
            case ["statistics-dashboard", var data, _]:
                return await PhaseAsync("dashboard queries", data, DashboardAsync);
            case ["statistics-export", var data, _]:
                return await PhaseAsync("Excel report of the year with every exchange", data, ExportAsync);
            case ["statistics-writer", var data, var rows]:
                return await PhaseAsync("the workbook writer alone, exchanges from memory", data,
                    _ => WriterAsync(data, int.Parse(rows, CultureInfo.InvariantCulture)));
        }

        var exchanges = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var directory = System.IO.Directory.CreateTempSubdirectory("lgsp-statistics-bench-").FullName;
        try
        {
            Console.WriteLine($"LGSP statistics benchmark — {Environment.ProcessorCount} cores, "
                + $"{exchanges:N0} exchanges between {AgencyCount} agencies over {First:yyyy}");
            var clock = Stopwatch.StartNew();
            await SeedAsync(directory, exchanges);
            Console.WriteLine($"seeding: {clock.Elapsed.TotalSeconds:0.0} s (broker file "
                + $"{new FileInfo(Path.Combine(directory, "broker.db")).Length / 1048576.0:0} MiB)");
            foreach (var phase in new[]
                     {
                         "statistics-aggregate", "statistics-settle", "statistics-dashboard", "statistics-export",
                         "statistics-writer",
                     })
            {
                using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!)
                {
                    ArgumentList = { phase, directory, exchanges.ToString(CultureInfo.InvariantCulture) },
                    UseShellExecute = false,
                })!;
                await child.WaitForExitAsync();
                if (child.ExitCode != 0)
                {
                    return child.ExitCode;
                }
            }

            return 0;
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<int> PhaseAsync(string name, string data, Func<Stores, Task<string>> phase)
    {
        using var stores = await Stores.OpenAsync(data);
        var clock = Stopwatch.StartNew();
        var result = await phase(stores);
        Console.WriteLine($"{name}: {clock.Elapsed.TotalSeconds:0.00} s{result}; "
            + $"peak memory (VmHWM) {PeakMemoryMiB():0} MiB");
        return 0;
    }

    private static async Task<string> AggregateAsync(Stores stores)
    {
        var days = await new TrafficStatisticsJob(stores.Db, stores.Exchanges, stores.Connections, Clock)
            .RunAsync(CancellationToken.None);
        var rows = await stores.Db.AgencyDays.CountAsync();
        return $" for {days.Count} days, {rows:N0} rows";
    }

    /// <summary>The dashboard's two queries, over a month and over the year, each the median of 21 runs.</summary>
    private static async Task<string> DashboardAsync(Stores stores)
    {
        var reports = new TrafficReports(stores.Db);
        var figures = new List<string>();
        foreach (var (label, from) in new[] { ("month", new DateOnly(2025, 12, 1)), ("year", First) })
        {
            var times = new List<double>();
            for (var i = 0; i < 21; i++)
            {
                var clock = Stopwatch.StartNew();
                var days = await reports.ProvinceDaysAsync(from, Last, CancellationToken.None);
                var totals = await reports.TotalsAsync(from, Last, null, CancellationToken.None);
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (days.Sum(d => d.Sent) != totals.Sum(t => t.Sent))
                {
                    throw new InvalidOperationException("The province's rows and the agencies' rows disagree.");
                }
            }

            figures.Add($"{label} {times.Order().ElementAt(times.Count / 2):0.0} ms");
        }

        return $" (median per page load: {string.Join(", ", figures)})";
    }

    private static Task<string> SettleAsync(Stores stores)
    {
        var days = stores.Settled.Settle(CancellationToken.None);
        var bytes = new DirectoryInfo(stores.Settled.Folder).EnumerateFiles().Sum(f => f.Length);
        return Task.FromResult($" ({days.Count} days; {bytes / 1048576.0:0} MiB of files)");
    }

    private static async Task<string> ExportAsync(Stores stores)
    {
        // The aggregation phase left the daily rows; the report reads them, the sessions and every exchange.
        var run = new ReportRun
        {
            Id = Guid.NewGuid(),
            From = First,
            To = Last,
            Format = ReportFormat.Excel,
            IncludeExchanges = true,
            RequestedUtc = Clock.GetUtcNow().UtcDateTime,
        };
        var content = await new ReportSources(stores.Db, new TrafficReports(stores.Db), stores.Connections,
            stores.Exchanges, stores.Settled).ReadAsync(run, Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        var path = Path.Combine(stores.Directory, "report.xlsx");
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous))
        {
            await ReportWorkbook.WriteAsync(file, content, ReportProgress.None, CancellationToken.None);
        }

        return $" ({content.ExchangeCount:N0} exchange rows, {content.DayCount:N0} daily rows, "
            + $"{content.Sessions.Count:N0} sessions; {new FileInfo(path).Length / 1048576.0:0} MiB)";
    }

    /// <summary>
    /// The same workbook with <paramref name="count"/> exchanges made in memory a day at a time (no store read):
    /// how much of the report's time is the writing.
    /// </summary>
    private static async Task<string> WriterAsync(string data, int count)
    {
        var perDay = count / 365;
        var day = Enumerable.Range(0, perDay).Select(i =>
        {
            var recipient = Recipient(new Random(i), (i + 1) % AgencyCount, Clock.GetUtcNow().UtcDateTime);
            return new ExchangeListing($"x{i:D8}", Clock.GetUtcNow().UtcDateTime.AddSeconds(-i), "Gói thử nghiệm",
                Agency(i % AgencyCount), Priority.Normal, "json", 1_000 + i,
                [new RecipientListing(recipient.AgencyId, recipient.Status, recipient.FinishedUtc)]);
        }).ToList();
        var content = new ReportContent
        {
            Run = new ReportRun { From = First, To = Last, IncludeExchanges = true },
            CutoffUtc = Clock.GetUtcNow().UtcDateTime,
            Agencies = null,
            Names = Enumerable.Range(0, AgencyCount).ToDictionary(Agency, i => $"Cơ quan thử nghiệm số {i + 1}"),
            Totals = [],
            DayCount = 0,
            Days = _ => AsyncEnumerable.Empty<AgencyDayStatistics>(),
            Sessions = [],
            Months = [],
            ExchangeCount = perDay * 365,
            Exchanges = [.. Enumerable.Repeat<Func<IReadOnlyList<ExchangeListing>>>(() => day, 365)],
        };
        var path = Path.Combine(data, "writer.xlsx");
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous))
        {
            await ReportWorkbook.WriteAsync(file, content, ReportProgress.None, CancellationToken.None);
        }

        return $" ({perDay * 365:N0} exchange rows; {new FileInfo(path).Length / 1048576.0:0} MiB)";
    }

    /// <summary>
    /// A year of traffic: each exchange from a random agency to one (sometimes three) others, at a random moment,
    /// mostly delivered within minutes, some rejected, undeliverable, expired or (in the last week) still waiting;
    /// each agency's application connects every morning and leaves every evening.
    /// </summary>
    private static async Task SeedAsync(string data, int count)
    {
        using var stores = await Stores.OpenAsync(data);
        stores.Db.Agencies.AddRange(Enumerable.Range(0, AgencyCount).Select(i => new AgencyRecord
        {
            Id = Agency(i),
            Name = $"Cơ quan thử nghiệm số {i + 1}",
            ShortName = $"CQ{i + 1}",
            Level = 2,
        }));
        await stores.Db.SaveChangesAsync();

        var random = new Random(2025);
        var start = First.ToDateTime(TimeOnly.MinValue) - VietnamTime.Offset;
        var span = (Last.AddDays(1).ToDateTime(TimeOnly.MinValue) - VietnamTime.Offset - start).Ticks;
        // Random moments of the year, in order: the broker stores exchanges as they are submitted.
        var moments = Enumerable.Range(0, count).Select(_ => random.NextDouble()).Order().ToArray();
        IEnumerable<Exchange> Exchanges()
        {
            for (var i = 0; i < count; i++)
            {
                var submitted = start.AddTicks((long)(moments[i] * span));
                var source = random.Next(AgencyCount);
                var recipients = Enumerable.Range(0, random.Next(10) == 0 ? 3 : 1)
                    .Select(k => Recipient(random, (source + 1 + k + random.Next(AgencyCount - 3)) % AgencyCount,
                        submitted))
                    .ToList();
                yield return new Exchange
                {
                    Id = $"x{i:D8}",
                    SourceKeyId = $"KEY{source:D3}",
                    SourceAgencyId = Agency(source),
                    Title = "Gói thử nghiệm",
                    DataType = random.Next(4) == 0 ? "edxml" : "json",
                    CreatedUtc = submitted.AddSeconds(-2),
                    UploadedUtc = submitted.AddSeconds(-1),
                    SubmittedUtc = submitted,
                    ExpiresUtc = submitted.AddDays(7),
                    Size = random.Next(1_024, 1_048_576),
                    Sha256 = "",
                    ContentErasedUtc = recipients.All(r => r.IsFinal) ? recipients.Max(r => r.FinishedUtc) : null,
                    Recipients = recipients,
                };
            }
        }

        stores.Exchanges.InsertMany(Exchanges());
        stores.Connections.InsertMany(
            from day in Enumerable.Range(0, Last.DayNumber - First.DayNumber + 1)
            from agency in Enumerable.Range(0, AgencyCount)
            let morning = start.AddDays(day).AddHours(1 + random.NextDouble())
            select new ConnectionSession
            {
                AccessKeyId = $"KEY{agency:D3}",
                AgencyId = Agency(agency),
                ConnectedUtc = morning,
                DisconnectedUtc = morning.AddHours(9 + random.NextDouble()),
            });
    }

    private static Recipient Recipient(Random random, int agency, DateTime submitted)
    {
        var offered = submitted.AddMilliseconds(random.Next(5, 200));
        var after = submitted.AddSeconds(1 + random.Next(600));
        var roll = random.Next(100);
        var (status, finished) = roll switch
        {
            < 93 => (RecipientStatus.Delivered, after),
            < 96 => (RecipientStatus.Rejected, after),
            < 98 => (RecipientStatus.Undeliverable, submitted.AddDays(1)),
            < 99 => (RecipientStatus.Expired, submitted.AddDays(7)),
            // Still waiting only in the year's last week: the broker's expiry ends every older wait.
            _ when submitted.AddDays(7) < Clock.GetUtcNow().UtcDateTime => (RecipientStatus.Expired,
                submitted.AddDays(7)),
            _ => (RecipientStatus.Offered, (DateTime?)null),
        };
        return new Recipient
        {
            AgencyId = Agency(agency),
            Status = status,
            OfferedUtc = offered,
            DeliveredUtc = status == RecipientStatus.Delivered ? finished : null,
            RejectedUtc = status == RecipientStatus.Rejected ? finished : null,
            FinishedUtc = finished,
        };
    }

    private static string Agency(int index) => $"000.{index / 100:D2}.{index % 100:D2}.H99";

    private static double PeakMemoryMiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)
            / 1024.0;
    }

    /// <summary>The broker's stores and the portal's database on one data directory.</summary>
    private sealed class Stores : IDisposable
    {
        private readonly BrokerStore _broker;

        private Stores(string directory, BrokerStore broker, PortalDbContext db)
        {
            Directory = directory;
            _broker = broker;
            Db = db;
            Exchanges = new ExchangeStore(broker);
            Connections = new ConnectionLog(broker);
            Settled = new SettledListings(Exchanges, new DataDirectory(directory),
                Options.Create(new StatisticsOptions()), Clock, NullLogger<SettledListings>.Instance);
        }

        public string Directory { get; }

        public PortalDbContext Db { get; }

        public ExchangeStore Exchanges { get; }

        public ConnectionLog Connections { get; }

        public SettledListings Settled { get; }

        public static async Task<Stores> OpenAsync(string directory)
        {
            var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>()
                .UseSqlite($"Data Source={Path.Combine(directory, "portal.db")}").Options);
            await db.Database.MigrateAsync();
            return new Stores(directory, new BrokerStore(directory), db);
        }

        public void Dispose()
        {
            Db.Dispose();
            _broker.Dispose();
        }
    }

    /// <summary>A clock stopped at one instant.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
