using System.Text.Json;
using Lgsp.Client.Cli;
using Lgsp.Tests.Support;

namespace Lgsp.Tests.Client;

/// <summary><c>lgsp-client send</c> and <c>receive</c> between two agencies, against a real server.</summary>
[Collection(WebCollection.Name)]
public sealed class ClientToolTests : IDisposable
{
    private readonly PortalFactory _portal = new(kestrel: true);
    private readonly string _work = System.IO.Directory.CreateTempSubdirectory("lgsp-client-").FullName;

    public void Dispose()
    {
        _portal.Dispose();
        System.IO.Directory.Delete(_work, recursive: true);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(
        Lgsp.Portal.Applications.IssuedKey key,
        params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] common =
            ["--server", _portal.ServerAddress.AbsoluteUri, "--key", key.AccessKeyId, "--secret", key.SecretKey!];
        var exit = await ClientCommandLine.RunAsync([.. common, .. args], output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Send_ThenReceive_DeliversTheFileIntact()
    {
        var sender = await BrokerClient.IssueKeyAsync(_portal, "000.00.15.H06");
        var receiver = await BrokerClient.IssueKeyAsync(_portal, "000.00.14.H06");
        var file = Path.Combine(_work, "bao-cao.pdf");
        await File.WriteAllBytesAsync(file, System.Security.Cryptography.RandomNumberGenerator.GetBytes(300_000));
        var inbox = Path.Combine(_work, "inbox");

        var receiving = RunAsync(receiver, "receive", "--out", inbox, "--once", "--timeout", "60");
        var (sendExit, sent, sendError) = await RunAsync(
            sender, "send", "--to", "000.00.14.H06", "--title", "Báo cáo quý", file);
        var (receiveExit, received, receiveError) = await receiving;

        Assert.True(sendExit == 0, sendError);
        Assert.True(receiveExit == 0, receiveError);
        var id = JsonDocument.Parse(sent).RootElement.GetProperty("id").GetString()!;
        var saved = JsonDocument.Parse(received).RootElement;
        Assert.Equal(id, saved.GetProperty("id").GetString());
        Assert.Equal(
            await File.ReadAllBytesAsync(file),
            await File.ReadAllBytesAsync(saved.GetProperty("path").GetString()!));
        var (_, status, _) = await RunAsync(sender, "status", id);
        Assert.Equal("Delivered", JsonDocument.Parse(status).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Send_ToAnUnknownAgency_FailsWithTheBrokersCode()
    {
        var sender = await BrokerClient.IssueKeyAsync(_portal, "000.00.15.H06");
        var file = Path.Combine(_work, "a.txt");
        await File.WriteAllTextAsync(file, "x");

        var (exit, output, error) = await RunAsync(sender, "send", "--to", "000.00.98.H06", file);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("UnknownDestination", error, StringComparison.Ordinal);
    }
}
