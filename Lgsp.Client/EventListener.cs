using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Lgsp.Client;

/// <summary>One event from the broker's stream.</summary>
public sealed record BrokerEventMessage(string Type, string ExchangeId, string? AgencyId);

/// <summary>
/// Listens to <c>GET /api/v1/events</c> and reconnects when the stream breaks, waiting a little longer after
/// each failure (up to 30 seconds). The broker replays pending offers on every connect, so an offer made
/// while the listener was away is not missed; callers should expect to see an offer again after a reconnect.
/// </summary>
public sealed class EventListener(BrokerClient client)
{
    public async IAsyncEnumerable<BrokerEventMessage> ListenAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = Channel(cancellationToken);
            await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                BrokerEventMessage? next;
                try
                {
                    if (!await enumerator.MoveNextAsync())
                    {
                        break;
                    }

                    next = enumerator.Current;
                    backoff = TimeSpan.FromSeconds(1);
                }
                catch (Exception exception)
                    when (exception is HttpRequestException or IOException or BrokerProblemException)
                {
                    break;
                }

                yield return next;
            }

            await Task.Delay(backoff, cancellationToken);
            backoff = TimeSpan.FromSeconds(Math.Min(30, backoff.TotalSeconds * 2));
        }
    }

    private async IAsyncEnumerable<BrokerEventMessage> Channel(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await client.Http.GetAsync(
            "/api/v1/events",
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BrokerProblemException(
                response.StatusCode,
                "EventStreamRefused",
                await response.Content.ReadAsStringAsync(cancellationToken));
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        string? type = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type is not null)
            {
                var data = JsonSerializer.Deserialize<JsonElement>(line["data: ".Length..]);
                var agency = data.TryGetProperty("agencyId", out var a) && a.ValueKind == JsonValueKind.String
                    ? a.GetString()
                    : null;
                yield return new BrokerEventMessage(type, data.GetProperty("exchangeId").GetString()!, agency);
                type = null;
            }
        }
    }
}
