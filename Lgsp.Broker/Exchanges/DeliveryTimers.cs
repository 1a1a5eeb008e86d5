using Lgsp.Broker.Events;
using Lgsp.Broker.Presence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lgsp.Broker.Exchanges;

/// <summary>
/// The broker's timers: every few seconds it reads the deadlines stored with each exchange and enforces them,
/// so they survive restarts (a deadline that passed while the process was down is enforced at the first tick).
/// A recipient offline past <c>undeliverableAfter</c>, or unknown, becomes Undeliverable; a recipient not done
/// by <c>deliverBy</c> or by the exchange's expiry becomes Expired; finished exchanges lose their content.
/// </summary>
internal sealed partial class DeliveryTimers(
    IServiceScopeFactory scopes,
    ExchangeStore store,
    PresenceTracker presence,
    ConnectionLog connections,
    TimeProvider time,
    ILogger<DeliveryTimers> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var closed = connections.CloseDangling(time.GetUtcNow().UtcDateTime);
        if (closed > 0)
        {
            LogDanglingClosed(logger, closed);
        }

        var cutOff = await store.EraseCutOffUploadsAsync(stoppingToken);
        if (cutOff > 0)
        {
            LogCutOffUploadsErased(logger, cutOff);
        }

        using var timer = new PeriodicTimer(Tick, time);
        do
        {
            try
            {
                presence.Sweep();
                await EnforceAsync(stoppingToken);
                store.CheckpointErasures();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One bad tick must not stop the timers; the next tick retries from the stored state.
                LogTickFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Applies every deadline that has passed, once.</summary>
    private async Task EnforceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var exchanges = scope.ServiceProvider.GetRequiredService<ExchangeService>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var exchange in store.Unfinished())
        {
            if (exchange.SubmittedUtc is null)
            {
                if (now > exchange.ExpiresUtc)
                {
                    await ExpireAllAsync(exchanges, exchange, cancellationToken);
                }

                continue;
            }

            var expired = now > exchange.ExpiresUtc || (exchange.Policy.DeliverByUtc is { } by && now > by);
            foreach (var recipient in exchange.Recipients.Where(r => !r.IsFinal))
            {
                if (expired)
                {
                    await exchanges.FinishAsync(exchange.Id, recipient.AgencyId, EventTypes.Expired,
                        Expire, cancellationToken);
                }
                else if (recipient.Status == RecipientStatus.Offered && OfflineTooLong(exchange, recipient, now))
                {
                    // Only if still only offered: a recipient that said ready meanwhile is online.
                    await exchanges.FinishAsync(exchange.Id, recipient.AgencyId, EventTypes.Undeliverable,
                        r =>
                        {
                            if (r.Status != RecipientStatus.Offered)
                            {
                                return false;
                            }

                            r.Status = RecipientStatus.Undeliverable;
                            return true;
                        },
                        cancellationToken);
                }
            }

            await exchanges.EraseIfFinishedAsync(store.Find(exchange.Id)!, cancellationToken);
        }
    }

    private bool OfflineTooLong(Exchange exchange, Recipient recipient, DateTime now)
    {
        if (presence.IsOnline(recipient.AgencyId))
        {
            return false;
        }

        var offlineSince = new[]
        {
            recipient.OfferedUtc ?? now,
            presence.LastOnline(recipient.AgencyId) ?? DateTime.MinValue,
        }.Max();
        return now - offlineSince > exchange.Policy.UndeliverableAfter;
    }

    private static async Task ExpireAllAsync(
        ExchangeService exchanges,
        Exchange exchange,
        CancellationToken cancellationToken)
    {
        foreach (var recipient in exchange.Recipients.Where(r => !r.IsFinal))
        {
            await exchanges.FinishAsync(exchange.Id, recipient.AgencyId, EventTypes.Expired, Expire, cancellationToken);
        }

        await exchanges.EraseIfFinishedAsync(exchanges.Find(exchange.Id), cancellationToken);
    }

    /// <summary>Expires a recipient not final yet (the timers' snapshot may be older than its record).</summary>
    private static bool Expire(Recipient recipient)
    {
        recipient.Status = RecipientStatus.Expired;
        return true;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Closed {Count} connection sessions left open by the previous run")]
    private static partial void LogDanglingClosed(ILogger logger, int count);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information,
        Message = "Erased the content of {Count} uploads cut off by the previous run")]
    private static partial void LogCutOffUploadsErased(ILogger logger, int count);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "A delivery timer tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
