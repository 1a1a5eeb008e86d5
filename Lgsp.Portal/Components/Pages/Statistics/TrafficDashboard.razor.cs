using System.Globalization;
using Lgsp.Portal.Components.Shared;
using Lgsp.Portal.Statistics;
using Microsoft.AspNetCore.Components;

namespace Lgsp.Portal.Components.Pages.Statistics;

/// <summary>
/// The managers' dashboard: a period's traffic from the daily statistics (never the raw exchanges), the busiest
/// senders and receivers, delivery times, and how the request deadlines were kept; reports are one click away.
/// </summary>
public sealed partial class TrafficDashboard
{
    private IReadOnlyList<Data.AgencyDayStatistics>? _days;
    private IReadOnlyList<DailyBars.Day> _bars = [];
    private IReadOnlyList<AgencyTotals> _senders = [];
    private IReadOnlyList<AgencyTotals> _receivers = [];
    private DeadlineFigures? _deadlines;
    private IReadOnlyList<ApplicationPresence> _quiet = [];
    private string? _error;

    [Inject]
    private TrafficReports Reports { get; set; } = default!;

    [Inject]
    private DeadlinePerformance Deadlines { get; set; } = default!;

    [Inject]
    private ConnectedSystems Systems { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private DateTime? From { get; set; }

    private DateTime? To { get; set; }

    private string ReportAddress => From is { } from && To is { } to
        ? $"/statistics/reports?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"
        : "/statistics/reports";

    protected override async Task OnInitializedAsync()
    {
        var today = VietnamTime.Today(Time);
        From = new DateTime(today.Year, today.Month, 1);
        To = today.ToDateTime(TimeOnly.MinValue);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _error = null;
        if (Periods.Problem(Periods.Day(From), Periods.Day(To), VietnamTime.Today(Time)) is { } problem)
        {
            // The figures of the last good period must not stand under dates they do not belong to.
            _error = problem;
            _days = null;
            return;
        }

        var (from, to) = (Periods.Day(From)!.Value, Periods.Day(To)!.Value);
        _days = await Reports.ProvinceDaysAsync(from, to, CancellationToken.None);
        _bars = [.. _days.Select(d => new DailyBars.Day(
            d.Day.ToString("dd/MM", CultureInfo.InvariantCulture), d.Sent, d.Delivered))];
        var totals = await Reports.TotalsAsync(from, to, null, CancellationToken.None);
        _senders = [.. totals.Where(t => t.Sent > 0).OrderByDescending(t => t.Sent).Take(10)];
        _receivers = [.. totals.Where(t => t.Received > 0).OrderByDescending(t => t.Received).Take(10)];
        _deadlines = await Deadlines.ForPeriodAsync(from, to, CancellationToken.None);
        _quiet = await Systems.QuietAsync(CancellationToken.None);
    }

    /// <summary>The headline figures: label, value as shown, element id.</summary>
    private IEnumerable<(string Label, string Value, string Id)> Figures()
    {
        var days = _days!;
        string Count(int value) => value.ToString("N0", VietnamTime.Culture);
        var medians = days.Where(d => d.DeliveryP50Seconds is not null)
            .Select(d => d.DeliveryP50Seconds!.Value).Order().ToList();
        var worst = days.Max(d => d.DeliveryP95Seconds);
        yield return ("Gói gửi", Count(days.Sum(d => d.Sent)), "figure-sent");
        yield return ("Đã giao", Count(days.Sum(d => d.Delivered)), "figure-delivered");
        yield return ("Bị từ chối", Count(days.Sum(d => d.Rejected)), "figure-rejected");
        yield return ("Không gửi được", Count(days.Sum(d => d.Undeliverable)), "figure-undeliverable");
        yield return ("Thời gian giao trung vị (trung vị các ngày)",
            medians.Count == 0 ? "—" : Duration(medians[(medians.Count - 1) / 2]), "figure-p50");
        yield return ("Thời gian giao P95 (ngày cao nhất)", worst is { } p95 ? Duration(p95) : "—", "figure-p95");
    }

    private static string Duration(double seconds) => seconds switch
    {
        < 60 => $"{seconds.ToString("0.#", VietnamTime.Culture)} giây",
        < 3600 => $"{(seconds / 60).ToString("0.#", VietnamTime.Culture)} phút",
        _ => $"{(seconds / 3600).ToString("0.#", VietnamTime.Culture)} giờ",
    };
}
