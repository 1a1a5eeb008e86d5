using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Lgsp.Client;

namespace Lgsp.Benchmarks;

/// <summary>The portal started as its own process on a fresh data directory, measured from outside.</summary>
internal sealed class BrokerServer : IDisposable
{
    private readonly Process _process;
    private readonly string _portalDll;

    private BrokerServer(Process process, string dataDirectory, Uri address, string portalDll)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Address = address;
        _portalDll = portalDll;
    }

    public string DataDirectory { get; }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<BrokerServer> StartAsync()
    {
        var portalDll = Path.Combine(AppContext.BaseDirectory, "Lgsp.Portal.dll");
        var data = System.IO.Directory.CreateTempSubdirectory("lgsp-bench-").FullName;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { portalDll, "--data", data, "--urls", address.ToString().TrimEnd('/') },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["LGSP_ADMIN_PASSWORD"] = "Benchmark-Admin-2026",
                ["Broker__RateLimitPerSecond"] = "1000000",
                ["Broker__RateLimitBurst"] = "1000000",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware"] = "Warning",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return new BrokerServer(process, data, address, portalDll);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The portal did not start.");
    }

    /// <summary>Issues a key with the operator command line, as an operator would.</summary>
    public async Task<LgspClientOptions> IssueKeyAsync(string agencyId)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                _portalDll, "--data", DataDirectory, "apps", "issue", "--agency", agencyId, "--name", "Benchmark",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        using var json = JsonDocument.Parse(output);
        return new LgspClientOptions
        {
            Server = Address,
            AccessKeyId = json.RootElement.GetProperty("accessKeyId").GetString()!,
            SecretKey = json.RootElement.GetProperty("secretKey").GetString(),
        };
    }

    /// <summary>The server's peak resident memory so far, from /proc (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB() => ReadStatus("VmHWM");

    /// <summary>The server's resident memory now, in MiB.</summary>
    public double MemoryMiB() => ReadStatus("VmRSS");

    private double ReadStatus(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status")
            .First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kib = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kib / 1024;
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
