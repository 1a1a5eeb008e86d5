using System.Globalization;
using Lgsp.Directory;
using Lgsp.Portal.Agencies;
using Lgsp.Portal.Data;
using Lgsp.Portal.Statistics;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Lgsp.Portal.Components.Pages.Statistics;

/// <summary>
/// Where managers ask for a report (period, agencies, Excel or PDF) and download it once the background job has
/// written it; the list follows each report's progress every second while one is being written.
/// </summary>
public sealed partial class ReportsPage
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, string> _agencies = [];
    private IReadOnlyList<ReportRun>? _runs;
    private PeriodicTimer? _timer;
    private DateTime? _from;
    private DateTime? _to;
    private Agency? _picked;
    private ReportFormat _format = ReportFormat.Excel;
    private bool _exchanges;
    private bool _busy;
    private string? _error;

    [Inject]
    private ReportRuns Runs { get; set; } = default!;

    [Inject]
    private AgencyDirectoryService Directory { get; set; } = default!;

    [Inject]
    private IOptions<StatisticsOptions> Options { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>A period to start from (yyyy-MM-dd), as the dashboard links here.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    private string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    private string? ToQuery { get; set; }

    public void Dispose()
    {
        _stop.Cancel();
        _timer?.Dispose();
        _stop.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        var today = VietnamTime.Today(Time);
        _from = Parse(FromQuery) ?? new DateTime(today.Year, today.Month, 1);
        _to = Parse(ToQuery) ?? today.ToDateTime(TimeOnly.MinValue);
        _runs = await Runs.MineAsync(_stop.Token);
        _timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        _ = FollowAsync();
    }

    private static DateTime? Parse(string? day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToDateTime(TimeOnly.MinValue)
            : null;

    private static string FileSize(long? bytes) => bytes switch
    {
        null => "",
        < 1024 * 1024 => $"{Math.Max(1, bytes.Value / 1024).ToString("N0", VietnamTime.Culture)} KB",
        _ => $"{(bytes.Value / 1048576.0).ToString("N1", VietnamTime.Culture)} MB",
    };

    private async Task<IEnumerable<Agency>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        var found = await Directory.SearchAsync(text, 20, cancellationToken);
        return found.Where(a => !_agencies.ContainsKey(a.Id.Value));
    }

    /// <summary>A chosen agency joins the scope and the box empties for the next one.</summary>
    private void Pick(Agency? agency)
    {
        if (agency is not null)
        {
            _agencies[agency.Id.Value] = agency.Name;
        }

        _picked = null;
    }

    private async Task RequestAsync()
    {
        _error = null;
        _busy = true;
        try
        {
            await Runs.RequestAsync(Periods.Day(_from), Periods.Day(_to), [.. _agencies.Keys], _format,
                _exchanges, _stop.Token);
            _runs = await Runs.MineAsync(_stop.Token);
        }
        catch (ReportRuleException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Re-reads the list every second while one of the reports is still being written.</summary>
    private async Task FollowAsync()
    {
        try
        {
            while (await _timer!.WaitForNextTickAsync(_stop.Token))
            {
                if (_runs?.Any(r => r.State is ReportState.Queued or ReportState.Running) != true)
                {
                    continue;
                }

                await InvokeAsync(async () =>
                {
                    _runs = await Runs.MineAsync(_stop.Token);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }
}
