using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lgsp.Tests.Support;

namespace Lgsp.Tests.Broker;

/// <summary>The README's curl example, run exactly as printed against a fresh server.</summary>
[Collection(WebCollection.Name)]
public sealed partial class ReadmeCurlExampleTests : IDisposable
{
    private readonly PortalFactory _portal = new(kestrel: true);
    private readonly string _workDirectory = System.IO.Directory.CreateTempSubdirectory("lgsp-curl-").FullName;

    public void Dispose()
    {
        _portal.Dispose();
        System.IO.Directory.Delete(_workDirectory, recursive: true);
    }

    [Fact]
    public async Task ReadmeCurlExample_DeliversTheFile()
    {
        var source = await BrokerClient.IssueKeyAsync(_portal, "000.00.15.H06");
        var destination = await BrokerClient.IssueKeyAsync(_portal, "000.00.14.H06");
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = _workDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["SRC_KEY"] = source.AccessKeyId,
                ["SRC_SECRET"] = source.SecretKey,
                ["DST_KEY"] = destination.AccessKeyId,
                ["DST_SECRET"] = destination.SecretKey,
                ["DST_AGENCY"] = destination.AgencyId,
                ["BASE"] = _portal.ServerAddress.AbsoluteUri.TrimEnd('/'),
            },
        };

        using var bash = Process.Start(start)!;
        await bash.StandardInput.WriteAsync("set -euo pipefail\n" + ReadmeExample());
        bash.StandardInput.Close();
        var output = await bash.StandardOutput.ReadToEndAsync();
        var error = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();

        Assert.True(bash.ExitCode == 0, $"exit {bash.ExitCode}: {error}\n{output}");
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(_workDirectory, "report.txt")),
            await File.ReadAllTextAsync(Path.Combine(_workDirectory, "received.txt")));
        var recipients = JsonDocument.Parse(output[output.LastIndexOf("[\n", StringComparison.Ordinal)..]).RootElement;
        Assert.Equal("Delivered", recipients[0].GetProperty("status").GetString());
    }

    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        return Example().Match(readme).Groups[1].Value;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lgsp.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException("Lgsp.sln not found above the test binaries.");
    }

    [GeneratedRegex(
        "<!-- curl-example:start -->\\s*```sh\\n(.*?)```\\s*<!-- curl-example:end -->",
        RegexOptions.Singleline)]
    private static partial Regex Example();
}
