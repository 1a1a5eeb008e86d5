namespace Lgsp.Broker.Storage;

/// <summary>
/// Runs pieces of work one at a time, in the order they arrive, without the turn standing idle between them.
/// </summary>
/// <remarks>
/// A caller that finds nobody at work runs its piece at once on its own thread. A caller that finds the turn
/// taken queues its piece; when the piece at work ends with others waiting, one thread of this class's own runs
/// them back to back until the queue is empty. A semaphore handed the turn to the next waiter's continuation
/// instead, which then waited behind every other request in the thread pool's queue while nothing ran: with
/// 32 clients the database stood idle for a good part of the time.
/// </remarks>
internal sealed class StoreTurns : IDisposable
{
    [ThreadStatic]
    private static bool _inTurn;

    private readonly Lock _gate = new();
    private readonly Queue<Turn> _waiting = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Thread _runner;
    private bool _busy;
    private bool _disposed;

    public StoreTurns(string name)
    {
        _runner = new Thread(RunWaiting) { IsBackground = true, Name = name };
        _runner.Start();
    }

    /// <summary>Runs <paramref name="work"/> in its turn, holding the calling thread until it has run.</summary>
    public T Run<T>(Func<T> work)
    {
        var queued = EnterOrQueue(work, CancellationToken.None);
        return queued is null ? RunNow(work) : queued.Task.GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="work"/> in its turn; cancelling gives up the turn until it has started.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var queued = EnterOrQueue(work, cancellationToken);
        if (queued is not null)
        {
            return queued.Task;
        }

        try
        {
            return Task.FromResult(RunNow(work));
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    public void Dispose()
    {
        bool atWork;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            // Whoever is at work hands the turn to the runner on leaving, and the runner then stops.
            _disposed = true;
            atWork = _busy;
            _busy = true;
        }

        if (!atWork)
        {
            _wake.Release();
        }

        _runner.Join(TimeSpan.FromSeconds(10));
    }

    /// <summary>Takes the turn (null: run now) or queues the work behind the one at work.</summary>
    private Turn<T>? EnterOrQueue<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (_inTurn)
        {
            // The turn is this thread's own: waiting for another would wait for ever.
            throw new InvalidOperationException("A store turn cannot wait for another turn.");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_busy)
            {
                _busy = true;
                return null;
            }

            var turn = new Turn<T>(work, cancellationToken);
            _waiting.Enqueue(turn);
            return turn;
        }
    }

    private T RunNow<T>(Func<T> work)
    {
        _inTurn = true;
        try
        {
            return work();
        }
        finally
        {
            _inTurn = false;
            Leave();
        }
    }

    /// <summary>Gives the turn up, or hands it to the runner when others wait (or when it must stop).</summary>
    private void Leave()
    {
        lock (_gate)
        {
            if (_waiting.Count == 0 && !_disposed)
            {
                _busy = false;
                return;
            }
        }

        _wake.Release();
    }

    private void RunWaiting()
    {
        _inTurn = true;
        while (true)
        {
            _wake.Wait();
            while (true)
            {
                Turn? next;
                lock (_gate)
                {
                    if (!_waiting.TryDequeue(out next))
                    {
                        if (_disposed)
                        {
                            return;
                        }

                        _busy = false;
                        break;
                    }
                }

                next.Run();
            }
        }
    }

    private abstract class Turn
    {
        public abstract void Run();
    }

    private sealed class Turn<T> : Turn
    {
        private const int Waiting = 0;
        private const int Started = 1;
        private const int Cancelled = 2;

        private readonly Func<T> _work;
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration _cancellation;
        private int _state;

        public Turn(Func<T> work, CancellationToken cancellationToken)
        {
            _work = work;
            if (cancellationToken.CanBeCanceled)
            {
                _cancellation = cancellationToken.Register(() =>
                {
                    if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting)
                    {
                        _done.TrySetCanceled(cancellationToken);
                    }
                });
            }
        }

        public Task<T> Task => _done.Task;

        public override void Run()
        {
            _cancellation.Dispose();
            if (Interlocked.CompareExchange(ref _state, Started, Waiting) != Waiting)
            {
                return;
            }

            try
            {
                _done.SetResult(_work());
            }
            catch (Exception exception)
            {
                _done.SetException(exception);
            }
        }
    }
}
