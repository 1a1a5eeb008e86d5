using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Lgsp.Portal.Cli;
using Lgsp.Signing;
using Lgsp.Signing.Http;
using Lgsp.Tests.Support;

namespace Lgsp.Tests.Broker;

/// <summary>
/// SIGKILL during uploads and submissions, then a restart on the same data: everything answered 2xx is still
/// there, no status goes backwards, and nothing is offered twice.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CrashRecoveryTests : IDisposable
{
    private const string Source = "000.00.15.H06";
    private const string Destination = "000.00.14.H06";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "lgsp-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => PortalFactory.DeleteData(_data);

    private sealed record Answered(string Id, string Sha256, bool Uploaded, bool Submitted);

    [Fact]
    public async Task KillDuringTraffic_ThenRestart_LosesAndDuplicatesNothing()
    {
        var port = PortalProcess.FreePort();
        var answered = new ConcurrentDictionary<string, Answered>();
        using (var first = await PortalProcess.StartAsync(_data, port))
        {
            var sourceKey = await IssueKeyAsync(Source);
            using var source = Client(first.Address, sourceKey);
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 4)
                .Select(_ => SendUntilStoppedAsync(source, answered, stop.Token))
                .ToArray();

            await WaitForAsync(() => answered.Values.Count(a => a.Submitted) >= 10, TimeSpan.FromSeconds(60));
            first.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }

        using var second = await PortalProcess.StartAsync(_data, port);
        using var sourceAgain = Client(second.Address, await IssueKeyAsync(Source));
        using var destination = Client(second.Address, await IssueKeyAsync(Destination));

        foreach (var sent in answered.Values)
        {
            var exchange = await sourceAgain.GetFromJsonAsync<JsonElement>($"/api/v1/exchanges/{sent.Id}");
            var status = exchange.GetProperty("recipients")[0].GetProperty("status").GetString();
            if (sent.Uploaded)
            {
                Assert.Equal(sent.Sha256, exchange.GetProperty("sha256").GetString());
            }

            if (sent.Submitted)
            {
                Assert.Equal("Offered", status);
            }
        }

        var inbox = await destination.GetFromJsonAsync<JsonElement>("/api/v1/inbox");
        var offered = inbox.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(offered.Count, offered.Distinct().Count());
        var missing = answered.Values.Where(a => a.Submitted).Select(a => a.Id).Except(offered).ToList();
        foreach (var id in missing)
        {
            var detail = await sourceAgain.GetStringAsync($"/api/v1/exchanges/{id}");
            Assert.Fail($"Offered exchange {id} is not in the inbox ({offered.Count} there): {detail}");
        }
    }

    private static async Task SendUntilStoppedAsync(
        HttpClient client,
        ConcurrentDictionary<string, Answered> answered,
        CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var created = await client.PostAsJsonAsync("/api/v1/exchanges",
                    new { to = new[] { Destination }, title = "Gói thử", dataType = "binary" }, stop);
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }

                var id = (await created.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("id").GetString()!;
                var content = RandomNumberGenerator.GetBytes(64 * 1024);
                var sha = Convert.ToHexStringLower(SHA256.HashData(content));
                answered[id] = new Answered(id, sha, false, false);
                if ((await client.PutAsync(
                    $"/api/v1/exchanges/{id}/content",
                    new ByteArrayContent(content),
                    stop)).IsSuccessStatusCode)
                {
                    answered[id] = answered[id] with { Uploaded = true };
                    if ((await client.PostAsync($"/api/v1/exchanges/{id}/submit", null, stop)).IsSuccessStatusCode)
                    {
                        answered[id] = answered[id] with { Submitted = true };
                    }
                }
            }
            catch (Exception exception)
                when (exception is HttpRequestException or OperationCanceledException or IOException)
            {
                // The server was killed mid-request: whatever was not answered 2xx promises nothing.
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private async Task<SigningCredentials> IssueKeyAsync(string agency)
    {
        var output = new StringWriter();
        var exit = await OperatorCommandLine.RunAsync(
            ["--data", _data, "apps", "issue", "--agency", agency, "--name", "Ứng dụng thử"],
            output,
            new StringWriter());
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output.ToString());
        return new SigningCredentials(
            json.RootElement.GetProperty("accessKeyId").GetString()!,
            json.RootElement.GetProperty("secretKey").GetString());
    }

    private static HttpClient Client(Uri address, SigningCredentials credentials) =>
        new(new SigningHandler(credentials, SigningProfile.LgspHmacSha256,
            new VerificationPolicy("bacgiang", "broker", TimeSpan.FromMinutes(5)), new SteppingClock())
        {
            InnerHandler = new HttpClientHandler(),
        })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(10),
        };

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met in time.");
            await Task.Delay(50);
        }
    }
}
