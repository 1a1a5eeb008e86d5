using Lgsp.Broker.Presence;
using Lgsp.Portal.Statistics;
using Microsoft.AspNetCore.Components;

namespace Lgsp.Portal.Components.Pages.Statistics;

/// <summary>
/// Every registered application's presence (Điều 5.11), redrawn the moment one connects or disconnects: the
/// broker's presence tracker raises an event, and this page, subscribed while open, reloads on it.
/// </summary>
public sealed partial class ConnectedSystemsPage : IDisposable
{
    private IReadOnlyList<ApplicationPresence>? _applications;
    private PeriodicTimer? _timer;
    private readonly CancellationTokenSource _stop = new();
    private bool _reloading;
    private bool _again;

    [Inject]
    private ConnectedSystems Systems { get; set; } = default!;

    [Inject]
    private PresenceTracker Presence { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _applications = await Systems.ListAsync(_stop.Token);
        Presence.Changed += OnPresenceChanged;
        _timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        _ = RefreshAsync();
    }

    /// <summary>An application came online or went offline: the list is read again at once.</summary>
    private void OnPresenceChanged() => _ = InvokeAsync(ReloadAsync);

    /// <summary>Reloads the list every half minute while the page is open, for the "last seen" times.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            while (await _timer!.WaitForNextTickAsync(_stop.Token))
            {
                await InvokeAsync(ReloadAsync);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private async Task ReloadAsync()
    {
        // Changes arriving while a reload runs ask for one more reload after it, however many they are.
        if (_reloading || _stop.IsCancellationRequested)
        {
            _again = true;
            return;
        }

        _reloading = true;
        try
        {
            do
            {
                _again = false;
                _applications = await Systems.ListAsync(_stop.Token);
                StateHasChanged();
            }
            while (_again && !_stop.IsCancellationRequested);
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
        finally
        {
            _reloading = false;
        }
    }

    private static string When(DateTime? utc) => utc is { } at ? VietnamTime.FormatDateTime(at) : "—";

    public void Dispose()
    {
        Presence.Changed -= OnPresenceChanged;
        _stop.Cancel();
        _timer?.Dispose();
        _stop.Dispose();
    }
}
