using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Lgsp.Portal.Statistics;

/// <summary>
/// The traffic report as an Excel workbook, written as a stream (SpreadCheetah) so that a year of daily rows needs
/// no more memory than one row: a sheet of totals per agency for the period, and a sheet of the daily rows.
/// Numbers are numbers (sortable), dates are dates shown dd/MM/yyyy, and every name is a text cell: a name that
/// begins with "=", "+", "-" or "@" stays text and is never read as a formula.
/// </summary>
public static class TrafficWorkbook
{
    private static readonly string[] TotalsHeader =
    [
        "Mã định danh", "Cơ quan, đơn vị", "Số gói gửi", "Dung lượng gửi (byte)", "Số gói nhận",
        "Dung lượng nhận (byte)", "Đã giao", "Bị từ chối", "Không gửi được", "Hết hạn", "Lần kết nối",
        "Lần ngắt kết nối", "Thời gian trực tuyến (phút)",
    ];

    private static readonly string[] DaysHeader =
    [
        "Ngày", "Mã định danh", "Cơ quan, đơn vị", "Số gói gửi", "Dung lượng gửi (byte)", "Số gói nhận",
        "Dung lượng nhận (byte)", "Đã giao", "Bị từ chối", "Không gửi được", "Hết hạn",
        "Thời gian giao trung vị (giây)", "Thời gian giao P95 (giây)", "Lần kết nối", "Lần ngắt kết nối",
        "Thời gian trực tuyến (phút)",
    ];

    public static async Task WriteAsync(
        Stream output,
        string title,
        IReadOnlyList<AgencyTotals> totals,
        IAsyncEnumerable<Data.AgencyDayStatistics> days,
        IReadOnlyDictionary<string, string> names,
        CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        var date = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("dd/MM/yyyy") });
        var number = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("#,##0") });

        var options = new WorksheetOptions { FrozenRows = 2 };
        options.Column(2).Width = 48;
        await spreadsheet.StartWorksheetAsync("Tổng hợp", options, cancellationToken);
        await spreadsheet.AddRowAsync([new Cell(title, bold)], cancellationToken);
        await spreadsheet.AddRowAsync([.. TotalsHeader.Select(h => new Cell(h, bold))], cancellationToken);
        foreach (var t in totals)
        {
            await spreadsheet.AddRowAsync(
            [
                new Cell(t.AgencyId), new Cell(t.Name), new Cell(t.Sent, number), new Cell(t.BytesSent, number),
                new Cell(t.Received, number), new Cell(t.BytesReceived, number), new Cell(t.Delivered, number),
                new Cell(t.Rejected, number), new Cell(t.Undeliverable, number), new Cell(t.Expired, number),
                new Cell(t.Connects, number), new Cell(t.Disconnects, number), new Cell(t.OnlineMinutes, number),
            ], cancellationToken);
        }

        var daily = new WorksheetOptions { FrozenRows = 1 };
        daily.Column(1).Width = 12;
        daily.Column(3).Width = 48;
        await spreadsheet.StartWorksheetAsync("Theo ngày", daily, cancellationToken);
        await spreadsheet.AddRowAsync([.. DaysHeader.Select(h => new Cell(h, bold))], cancellationToken);
        await foreach (var d in days.WithCancellation(cancellationToken))
        {
            await spreadsheet.AddRowAsync(
            [
                new Cell(d.Day.ToDateTime(TimeOnly.MinValue), date), new Cell(d.AgencyId),
                new Cell(names.GetValueOrDefault(d.AgencyId, d.AgencyId)), new Cell(d.Sent, number),
                new Cell(d.BytesSent, number), new Cell(d.Received, number), new Cell(d.BytesReceived, number),
                new Cell(d.Delivered, number), new Cell(d.Rejected, number), new Cell(d.Undeliverable, number),
                new Cell(d.Expired, number), new Cell(d.DeliveryP50Seconds), new Cell(d.DeliveryP95Seconds),
                new Cell(d.Connects, number), new Cell(d.Disconnects, number), new Cell(d.OnlineMinutes, number),
            ], cancellationToken);
        }

        await spreadsheet.FinishAsync(cancellationToken);
    }
}
