using Lgsp.Broker.Storage;

namespace Lgsp.Tests.Broker;

public sealed class StoreTurnsTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly StoreTurns _turns = new("test turns");

    public void Dispose() => _turns.Dispose();

    [Fact]
    public async Task ManyCallersAtOnce_EveryPieceRuns_NeverTwoTogether()
    {
        var inside = 0;
        var mostInside = 0;
        var ran = 0;
        var callers = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            for (var n = 0; n < 200; n++)
            {
                Func<int> piece = () =>
                {
                    var now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref mostInside, now);
                    Thread.SpinWait(50);
                    Interlocked.Decrement(ref inside);
                    return ++ran;
                };
                // Half the callers wait holding their thread, as the synchronous readers do.
                _ = i % 2 == 0 ? await _turns.RunAsync(piece, CancellationToken.None) : _turns.Run(piece);
            }
        }));

        await Task.WhenAll(callers).WaitAsync(Patience);

        Assert.Equal(1, mostInside);
        Assert.Equal(32 * 200, ran);
    }

    [Fact]
    public async Task PiecesQueuedBehindTheOneAtWork_RunInArrivalOrder_OnceItEnds()
    {
        using var release = new ManualResetEventSlim();
        var order = new List<int>();
        var first = Task.Run(() => _turns.Run(() =>
        {
            release.Wait(Patience);
            order.Add(0);
            return 0;
        }));
        await WaitUntilAsync(() => !TryRunNow());

        var queued = new List<Task<int>>();
        for (var i = 1; i <= 5; i++)
        {
            var number = i;
            queued.Add(_turns.RunAsync(
                () =>
                {
                    order.Add(number);
                    return number;
                },
                CancellationToken.None));
        }

        Assert.All(queued, t => Assert.False(t.IsCompleted));
        release.Set();
        await Task.WhenAll(queued.Append(first)).WaitAsync(Patience);

        Assert.Equal([0, 1, 2, 3, 4, 5], order);
    }

    [Fact]
    public async Task CancelledWhileWaiting_NeverRuns_AndTheOthersDo()
    {
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => _turns.Run(() => release.Wait(Patience)));
        await WaitUntilAsync(() => !TryRunNow());
        using var cancel = new CancellationTokenSource();
        var cancelledRan = false;
        var cancelled = _turns.RunAsync(() => cancelledRan = true, cancel.Token);
        var after = _turns.RunAsync(() => 42, CancellationToken.None);

        await cancel.CancelAsync();
        release.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(42, await after.WaitAsync(Patience));
        Assert.True(await first);
        Assert.False(cancelledRan);
    }

    [Fact]
    public async Task APieceThatFails_FailsItsCaller_AndTheTurnGoesOn()
    {
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => _turns.Run(() => release.Wait(Patience)));
        await WaitUntilAsync(() => !TryRunNow());
        var failing = _turns.RunAsync<int>(() => throw new IOException("disk"), CancellationToken.None);
        var after = _turns.RunAsync(() => 7, CancellationToken.None);

        release.Set();

        var error = await Assert.ThrowsAsync<IOException>(() => failing);
        Assert.Equal("disk", error.Message);
        Assert.Equal(7, await after.WaitAsync(Patience));
        Assert.True(await first);
        Assert.Throws<ArgumentException>(() => _turns.Run<int>(() => throw new ArgumentException("bad")));
        Assert.Equal(8, _turns.Run(() => 8));
    }

    [Fact]
    public async Task APieceThatWaitsForAnotherTurn_IsRefused_InsteadOfHangingTheStore()
    {
        var nested = await Task.Run(() => _turns.Run(() =>
            Record.Exception(() => _turns.Run(() => 1)))).WaitAsync(Patience);

        Assert.IsType<InvalidOperationException>(nested);
        Assert.Equal(2, _turns.Run(() => 2));
    }

    [Fact]
    public async Task Disposed_WhilePiecesWait_RunsThem_ThenRefusesNewOnes()
    {
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => _turns.Run(() => release.Wait(Patience)));
        await WaitUntilAsync(() => !TryRunNow());
        var queued = _turns.RunAsync(() => 3, CancellationToken.None);

        var disposing = Task.Run(_turns.Dispose);
        release.Set();
        await disposing.WaitAsync(Patience);

        Assert.Equal(3, await queued.WaitAsync(Patience));
        Assert.True(await first);
        Assert.Throws<ObjectDisposedException>(() => _turns.Run(() => 4));
    }

    /// <summary>Whether a piece runs at once (nobody at work): a queued probe would not have run yet.</summary>
    private bool TryRunNow()
    {
        var probe = _turns.RunAsync(() => true, CancellationToken.None);
        var ranNow = probe.IsCompleted;
        return ranNow;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value
            && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition never held.");
            await Task.Delay(5);
        }
    }
}
