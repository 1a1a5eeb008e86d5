using System.Net;
using System.Text;
using Lgsp.Tests.Support;

namespace Lgsp.Tests.Broker;

/// <summary>Offers pushed over the event stream, notifications to the source, and the Undeliverable timer.</summary>
[Collection(WebCollection.Name)]
public sealed class EventsAndTimersTests : IDisposable
{
    private const string Health = "000.00.15.H06";
    private const string Science = "000.00.14.H06";
    private const string Yen = "000.00.40.H06";

    private readonly PortalFactory _portal = new(kestrel: true);

    public void Dispose() => _portal.Dispose();

    private static async Task<string> SubmitAsync(BrokerClient source, string to, string? undeliverableAfter = null)
    {
        var (_, exchange) = await source.SendAsync(HttpMethod.Post, "/api/v1/exchanges",
            new { to = new[] { to }, title = "Công văn", dataType = "binary" });
        var id = exchange.GetProperty("id").GetString()!;
        await source.Http.PutAsync(
            $"/api/v1/exchanges/{id}/content",
            new ByteArrayContent(Encoding.UTF8.GetBytes("nội dung")));
        if (undeliverableAfter is not null)
        {
            await source.SendAsync(HttpMethod.Put, $"/api/v1/exchanges/{id}/policy", new { undeliverableAfter });
        }

        var (submitted, _) = await source.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/submit");
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return id;
    }

    private static async Task<StreamReader> OpenEventsAsync(BrokerClient client)
    {
        var response = await client.Http.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    private static async Task<string> ReadUntilAsync(StreamReader events, string text)
    {
        var seen = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!seen.ToString().Contains(text, StringComparison.Ordinal))
        {
            var line = await events.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException(seen.ToString());
            seen.AppendLine(line);
        }

        return seen.ToString();
    }

    [Fact]
    public async Task OpenStream_ReceivesTheOfferWhenItIsSubmitted()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        using var destination = await BrokerClient.IssueAsync(_portal, Science);
        using var events = await OpenEventsAsync(destination);
        await ReadUntilAsync(events, ": connected");

        var id = await SubmitAsync(source, Science);

        var received = await ReadUntilAsync(events, id);
        Assert.Contains("event: exchange.offered", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamOpenedLater_ReplaysPendingOffers_AndTheSourceHearsOfDelivery()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        using var destination = await BrokerClient.IssueAsync(_portal, Science);
        var id = await SubmitAsync(source, Science);

        using var destinationEvents = await OpenEventsAsync(destination);
        var replayed = await ReadUntilAsync(destinationEvents, id);
        await destination.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/ready");
        var sha = Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("nội dung")));
        await destination.SendAsync(HttpMethod.Post, $"/api/v1/exchanges/{id}/ack", new { sha256 = sha });
        using var sourceEvents = await OpenEventsAsync(source);

        Assert.Contains("event: exchange.offered", replayed, StringComparison.Ordinal);
        Assert.Contains("event: exchange.delivered", await ReadUntilAsync(sourceEvents, id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecipientOfflinePastUndeliverableAfter_BecomesUndeliverable_AndTheSourceIsTold()
    {
        using var source = await BrokerClient.IssueAsync(_portal, Health);
        var id = await SubmitAsync(source, Yen, undeliverableAfter: "PT1S");

        var status = "";
        for (var attempt = 0; attempt < 40 && status != "Undeliverable"; attempt++)
        {
            await Task.Delay(500);
            var (_, exchange) = await source.SendAsync(HttpMethod.Get, $"/api/v1/exchanges/{id}");
            status = exchange.GetProperty("recipients")[0].GetProperty("status").GetString()!;
        }

        Assert.Equal("Undeliverable", status);
        using var events = await OpenEventsAsync(source);
        Assert.Contains("event: exchange.undeliverable", await ReadUntilAsync(events, id), StringComparison.Ordinal);
    }
}
