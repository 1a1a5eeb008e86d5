using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Lgsp.Client;

namespace Lgsp.Benchmarks;

/// <summary>
/// Measures the broker from outside, over loopback HTTP, the way agency applications use it: complete exchanges
/// per second, offer latency on the event stream, signed requests per second, and the server's memory.
/// </summary>
internal static class Program
{
    private static readonly string[] Agencies =
    [
        "000.00.00.H06", "000.00.01.H06", "000.00.02.H06", "000.00.03.H06", "000.00.05.H06", "000.00.06.H06",
        "000.00.07.H06", "000.00.08.H06", "000.00.09.H06", "000.00.10.H06", "000.00.12.H06", "000.00.13.H06",
        "000.00.14.H06", "000.00.15.H06", "000.00.16.H06", "000.00.17.H06", "000.00.18.H06", "000.00.19.H06",
        "000.00.20.H06", "000.00.21.H06", "000.01.11.H06", "000.00.31.H06", "000.00.32.H06", "000.00.33.H06",
        "000.00.34.H06", "000.00.35.H06", "000.00.36.H06", "000.00.37.H06", "000.00.38.H06", "000.00.39.H06",
        "000.00.40.H06", "000.01.31.H06",
    ];

    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0].StartsWith("statistics", StringComparison.Ordinal))
        {
            return await StatisticsBenchmark.RunAsync(args);
        }

        if (args is ["letters", ..])
        {
            return LetterBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000);
        }

        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        // "-- 10 1MiB 8" runs only that scenario (size and number of sources), to profile the server under it.
        int[] sizes = args.Length > 1 ? [ParseSize(args[1])] : [1024, 1024 * 1024];
        int[] sourceCounts = args.Length > 2 ? [int.Parse(args[2], CultureInfo.InvariantCulture)] : [1, 8, 32];
        using var server = await BrokerServer.StartAsync();
        var keys = new List<LgspClientOptions>();
        foreach (var batch in Agencies.Chunk(4))
        {
            keys.AddRange(await Task.WhenAll(batch.Select(server.IssueKeyAsync)));
        }

        Console.WriteLine($"LGSP broker benchmark — {Environment.ProcessorCount} cores, "
            + $"{seconds:0} s per run, loopback HTTP");
        Console.WriteLine($"server process {server.ProcessId}, memory after start: {server.MemoryMiB():0} MiB");
        // A fresh server spends its first half minute compiling hot code again (tiered compilation): measured
        // from the start, the first scenario pays for all. Both sizes run unmeasured first.
        var warmUp = TimeSpan.FromSeconds(Math.Min(seconds, 15));
        await ExchangesAsync(keys, 8, 1024, warmUp);
        await ExchangesAsync(keys, 8, 1024 * 1024, warmUp);
        Console.WriteLine($"warmed up for {2 * warmUp.TotalSeconds:0} s (1 KiB and 1 MiB, 8 sources, not counted)");
        foreach (var size in sizes)
        {
            foreach (var sources in sourceCounts)
            {
                var (count, elapsed) = await ExchangesAsync(keys, sources, size, TimeSpan.FromSeconds(seconds));
                var perSecond = count / elapsed.TotalSeconds;
                Console.WriteLine(
                    $"complete exchanges, {Label(size),5}, {sources,2} sources: {perSecond,8:0.0}/s"
                    + $"  {perSecond * size / 1_000_000,7:0.0} MB/s  (server RSS {server.MemoryMiB():0} MiB)");
            }
        }

        if (args.Length > 1)
        {
            return 0;
        }

        var latencies = await OfferLatencyAsync(keys[0], keys[1], 200);
        Console.WriteLine($"submit → offer on the event stream: p50 {Percentile(latencies, 50):0.0} ms, "
            + $"p99 {Percentile(latencies, 99):0.0} ms");
        var signed = await SignedRequestsAsync(keys[0], 8, TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"signed requests (GET /api/v1/exchanges/{{id}}), 8 clients: {signed:0}/s");
        Console.WriteLine(
            $"server peak memory (VmHWM): {server.PeakMemoryMiB():0} MiB; now {server.MemoryMiB():0} MiB");
        return 0;
    }

    private static async Task<(int Count, TimeSpan Elapsed)> ExchangesAsync(
        List<LgspClientOptions> keys,
        int sources,
        int size,
        TimeSpan duration)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var count = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, sources).Select(async i =>
        {
            using var source = new BrokerClient(keys[i]);
            using var destination = new BrokerClient(keys[(i + 1) % keys.Count]);
            var to = Agencies[(i + 1) % keys.Count];
            while (!stop.IsCancellationRequested)
            {
                var created = await source.CreateAsync(
                    [to],
                    "Benchmark",
                    "binary",
                    "normal",
                    null,
                    CancellationToken.None);
                var id = created.GetProperty("id").GetString()!;
                await source.UploadAsync(
                    created.GetProperty("uploadUrl").GetString()!,
                    new MemoryStream(content),
                    sha,
                    CancellationToken.None);
                await source.SubmitAsync(id, CancellationToken.None);
                var ready = await destination.ReadyAsync(id, CancellationToken.None);
                var received = await destination.DownloadAsync(
                    ready.GetProperty("downloadUrl").GetString()!,
                    Stream.Null,
                    CancellationToken.None);
                await destination.AcknowledgeAsync(id, received, CancellationToken.None);
                Interlocked.Increment(ref count);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return (count, clock.Elapsed);
    }

    private static async Task<List<double>> OfferLatencyAsync(
        LgspClientOptions sourceKey,
        LgspClientOptions destinationKey,
        int samples)
    {
        using var source = new BrokerClient(sourceKey);
        using var destination = new BrokerClient(destinationKey);
        var submitted = new Dictionary<string, long>();
        var latencies = new List<double>();
        var arrived = new TaskCompletionSource();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var listening = Task.Run(async () =>
        {
            await foreach (var message in new EventListener(destination).ListenAsync(stop.Token))
            {
                long start;
                lock (submitted)
                {
                    if (!submitted.Remove(message.ExchangeId, out start))
                    {
                        continue;
                    }
                }

                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (latencies.Count == samples)
                {
                    arrived.SetResult();
                    return;
                }
            }
        });

        await Task.Delay(500);
        var content = new byte[1024];
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        for (var i = 0; i < samples; i++)
        {
            var created = await source.CreateAsync(
                [Agencies[1]],
                "Latency",
                "binary",
                "normal",
                null,
                CancellationToken.None);
            var id = created.GetProperty("id").GetString()!;
            await source.UploadAsync(
                created.GetProperty("uploadUrl").GetString()!,
                new MemoryStream(content),
                sha,
                CancellationToken.None);
            lock (submitted)
            {
                submitted[id] = Stopwatch.GetTimestamp();
            }

            await source.SubmitAsync(id, CancellationToken.None);
        }

        await arrived.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await stop.CancelAsync();
        await listening.ContinueWith(_ => { }, TaskScheduler.Default);
        return latencies;
    }

    private static async Task<double> SignedRequestsAsync(LgspClientOptions key, int clients, TimeSpan duration)
    {
        using var setup = new BrokerClient(key);
        var created = await setup.CreateAsync(
            [Agencies[1]],
            "Status",
            "binary",
            "normal",
            null,
            CancellationToken.None);
        var id = created.GetProperty("id").GetString()!;
        var count = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var client = new BrokerClient(key);
            while (!stop.IsCancellationRequested)
            {
                await client.GetAsync(id, CancellationToken.None);
                Interlocked.Increment(ref count);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static int ParseSize(string text) => text.ToUpperInvariant() switch
    {
        "1KIB" => 1024,
        "1MIB" => 1024 * 1024,
        _ => int.Parse(text, CultureInfo.InvariantCulture),
    };

    private static string Label(int size) => size >= 1024 * 1024 ? $"{size / 1024 / 1024} MiB" : $"{size / 1024} KiB";
}
