using System.Collections.Concurrent;

namespace Lgsp.Broker.Authentication;

/// <summary>
/// Remembers the signatures of unsafe requests (POST, PUT, PATCH, DELETE) for as long as they could pass the
/// clock-skew check, so that a captured request cannot be sent again.
/// </summary>
/// <remarks>
/// Limitation: the memory is per process and starts empty after a restart, because it lives in memory; a
/// request captured in the five minutes before a restart could be replayed once after it. Idempotency keys
/// still stop a replayed exchange creation from creating a second exchange.
/// </remarks>
public sealed class ReplayGuard(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Records <paramref name="signature"/>; false when it was already accepted and is still fresh.</summary>
    public bool TryAccept(string signature, TimeSpan window)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        var expiry = now + window;
        var stored = _seen.GetOrAdd(signature, expiry);
        if (stored == expiry)
        {
            return true;
        }

        if (stored > now)
        {
            return false;
        }

        _seen[signature] = expiry;
        return true;
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now.AddMinutes(1);
        foreach (var (signature, expiry) in _seen)
        {
            if (expiry <= now)
            {
                _seen.TryRemove(signature, out _);
            }
        }
    }
}
