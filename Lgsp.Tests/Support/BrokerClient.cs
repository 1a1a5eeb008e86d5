using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Portal.Applications;
using Lgsp.Signing;
using Lgsp.Signing.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Support;

/// <summary>An agency application talking to a test portal's broker through the signing handler.</summary>
internal sealed class BrokerClient(HttpClient http, string agencyId) : IDisposable
{
    public HttpClient Http { get; } = http;

    public string AgencyId { get; } = agencyId;

    public static async Task<BrokerClient> IssueAsync(PortalFactory portal, string agencyId) =>
        Create(portal, agencyId, await IssueKeyAsync(portal, agencyId), new SteppingClock());

    public static async Task<IssuedKey> IssueKeyAsync(PortalFactory portal, string agencyId)
    {
        await using var scope = portal.ScopeActingAs();
        return await scope.ServiceProvider.GetRequiredService<ApplicationKeys>()
            .IssueAsync(agencyId, $"Ứng dụng của {agencyId}", "hmac-sha256", null, CancellationToken.None);
    }

    public static BrokerClient Create(PortalFactory portal, string agencyId, IssuedKey key, TimeProvider clock)
    {
        var handler = new SigningHandler(
            new SigningCredentials(key.AccessKeyId, key.SecretKey),
            SigningProfile.LgspHmacSha256,
            new VerificationPolicy("bacgiang", "broker", TimeSpan.FromMinutes(5)),
            clock)
        {
            InnerHandler = new HttpClientHandler(),
        };
        return new BrokerClient(new HttpClient(handler) { BaseAddress = portal.ServerAddress }, agencyId);
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(
        HttpMethod method,
        string path,
        object? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>
/// A clock that moves one second per reading. Signatures carry the time to the second, and the broker refuses a
/// repeated signature on an unsafe method as a replay, so a test that sends the same request twice on purpose
/// must sign it at two different seconds, as a real client retrying later would.
/// </summary>
internal sealed class SteppingClock : TimeProvider
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private int _readings;

    public override DateTimeOffset GetUtcNow() => _start.AddSeconds(Interlocked.Increment(ref _readings));
}
