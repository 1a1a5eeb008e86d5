using System.Text.Json;
using Lgsp.Broker.Authentication;
using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Presence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lgsp.Broker.Events;

/// <summary>
/// <c>GET /api/v1/events</c>: a Server-Sent Events stream for the calling application. It first replays what is
/// pending (offers waiting in the inbox, notifications not yet sent), then pushes events as they happen, with a
/// comment heartbeat every 15 seconds. While it is open the application counts as online.
/// </summary>
internal static class EventStreamEndpoint
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        api.MapGet("/events", StreamAsync).WithName("Events");
        return api;
    }

    private static async Task StreamAsync(
        HttpContext http,
        EventHub hub,
        ExchangeService exchanges,
        PresenceTracker presence)
    {
        var caller = CallingApplication.Get(http);
        var cancellation = http.RequestAborted;
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";

        using var subscription = hub.Subscribe(caller.AccessKeyId, caller.AgencyId);
        presence.StreamOpened(caller.AccessKeyId, caller.AgencyId);
        try
        {
            await http.Response.WriteAsync(": connected\n\n", cancellation);
            foreach (var (exchange, _) in exchanges.Inbox(caller, nameof(RecipientStatus.Offered)))
            {
                await WriteAsync(
                    http,
                    new BrokerEvent
                    {
                        Type = EventTypes.Offered,
                        ExchangeId = exchange.Id,
                        AgencyId = caller.AgencyId,
                    });
            }

            foreach (var pending in hub.Unsent(caller.AccessKeyId))
            {
                await WriteAsync(http, pending);
                await hub.MarkSentAsync(pending, cancellation);
            }

            await http.Response.Body.FlushAsync(cancellation);
            await PumpAsync(http, hub, subscription, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away; closing the stream is the normal end.
        }
        finally
        {
            presence.StreamClosed(caller.AccessKeyId, caller.AgencyId);
        }
    }

    private static async Task PumpAsync(
        HttpContext http,
        EventHub hub,
        Subscription subscription,
        CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            wait.CancelAfter(Heartbeat);
            try
            {
                var next = await subscription.Reader.ReadAsync(wait.Token);
                await WriteAsync(http, next);
                await hub.MarkSentAsync(next, cancellation);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                await http.Response.WriteAsync(": heartbeat\n\n", cancellation);
            }

            await http.Response.Body.FlushAsync(cancellation);
        }
    }

    private static Task WriteAsync(HttpContext http, BrokerEvent e)
    {
        var data = JsonSerializer.Serialize(
            new { type = e.Type, exchangeId = e.ExchangeId, agencyId = e.AgencyId },
            Json);
        return http.Response.WriteAsync($"event: {e.Type}\ndata: {data}\n\n", http.RequestAborted);
    }
}
