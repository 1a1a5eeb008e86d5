using Lgsp.Broker.Exchanges;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Lgsp.Portal.Statistics;

/// <summary>Counts a report's written rows against those expected and passes each new whole per cent on.</summary>
public sealed class ReportProgress(long expected, Func<int, CancellationToken, Task> report)
{
    private long _done;
    private int _reported;

    /// <summary>Progress nobody watches.</summary>
    public static ReportProgress None => new(1, (_, _) => Task.CompletedTask);

    public async ValueTask AdvanceAsync(int rows, CancellationToken cancellationToken)
    {
        _done += rows;
        // 100 is said by whoever finishes the file, once it is complete.
        var percent = (int)Math.Min(99, _done * 100 / Math.Max(1, expected));
        if (percent > _reported)
        {
            _reported = percent;
            await report(percent, cancellationToken);
        }
    }
}

/// <summary>
/// A report as an Excel workbook, written as a stream (SpreadCheetah) so that a million exchanges need no more
/// memory than a day's worth of them: totals per agency, daily rows, connection sessions, requests per month,
/// and, when asked for, every exchange. Numbers are numbers (sortable), dates are dates shown dd/MM/yyyy, and
/// every name is a text cell: a name that begins with "=", "+", "-" or "@" stays text, never a formula.
/// </summary>
public static class ReportWorkbook
{
    /// <summary>Rows one sheet holds (Excel's limit is 1,048,576 with the header).</summary>
    public const int RowsPerSheet = 1_000_000;

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

    private static readonly string[] SessionsHeader =
    [
        "Ứng dụng", "Mã truy cập", "Mã định danh", "Cơ quan, đơn vị", "Bắt đầu", "Kết thúc",
        "Thời lượng (phút)", "Ghi chú",
    ];

    private static readonly string[] MonthsHeader =
    [
        "Tháng", "Mã định danh", "Cơ quan, đơn vị", "Hồ sơ gửi đến", "Hồ sơ đã trả lời", "Trong đó từ chối",
        "Đúng hạn", "Quá hạn", "Số ngày làm việc trung bình",
    ];

    private static readonly string[] ExchangesHeader =
    [
        "Thời điểm gửi", "Mã gói tin", "Tiêu đề", "Mã nơi gửi", "Nơi gửi", "Mã nơi nhận", "Nơi nhận",
        "Mức độ ưu tiên", "Loại dữ liệu", "Dung lượng (byte)", "Trạng thái", "Hoàn tất lúc",
    ];

    /// <summary>The rows the workbook will write, for progress.</summary>
    public static long ExpectedRows(ReportContent content) =>
        content.Totals.Count + content.DayCount + content.Sessions.Count + content.Months.Count
        + content.ExchangeCount;

    /// <summary>Writes the workbook; <paramref name="rowsPerSheet"/> is lowered only by tests.</summary>
    public static async Task WriteAsync(
        Stream output,
        ReportContent content,
        ReportProgress progress,
        CancellationToken cancellationToken,
        int rowsPerSheet = RowsPerSheet)
    {
        // Fastest compression: a million rows zip to about the same size, in a fraction of the time.
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output,
            new SpreadCheetahOptions { CompressionLevel = SpreadCheetahCompressionLevel.Fastest }, cancellationToken);
        var styles = new Styles(spreadsheet);

        var summary = new WorksheetOptions { FrozenRows = 3 };
        summary.Column(2).Width = 48;
        await spreadsheet.StartWorksheetAsync("Tổng hợp", summary, cancellationToken);
        await spreadsheet.AddRowAsync([new Cell(content.Title, styles.Bold)], cancellationToken);
        await spreadsheet.AddRowAsync([new Cell($"{content.Coverage}. {content.Cutoff}.")], cancellationToken);
        await Header(spreadsheet, TotalsHeader, styles, cancellationToken);
        ValueTask TotalsRow(AgencyTotals t, Cell name) => spreadsheet.AddRowAsync(
        [
            new Cell(t.AgencyId), name, styles.Count(t.Sent), styles.Count(t.BytesSent), styles.Count(t.Received),
            styles.Count(t.BytesReceived), styles.Count(t.Delivered), styles.Count(t.Rejected),
            styles.Count(t.Undeliverable), styles.Count(t.Expired), styles.Count(t.Connects),
            styles.Count(t.Disconnects), styles.Count(t.OnlineMinutes),
        ], cancellationToken);
        foreach (var t in content.Totals)
        {
            await TotalsRow(t, new Cell(t.Name));
            await progress.AdvanceAsync(1, cancellationToken);
        }

        await TotalsRow(AgencyTotals.Sum(content.Totals, "Tổng cộng"), new Cell("Tổng cộng", styles.Bold));

        await Sheet(spreadsheet, "Theo ngày", DaysHeader, [12, 14, 48], styles, cancellationToken);
        await foreach (var d in content.Days(cancellationToken).WithCancellation(cancellationToken))
        {
            await spreadsheet.AddRowAsync(
            [
                styles.Date(d.Day), new Cell(d.AgencyId), new Cell(content.Name(d.AgencyId)), styles.Count(d.Sent),
                styles.Count(d.BytesSent), styles.Count(d.Received), styles.Count(d.BytesReceived),
                styles.Count(d.Delivered), styles.Count(d.Rejected), styles.Count(d.Undeliverable),
                styles.Count(d.Expired), new Cell(d.DeliveryP50Seconds), new Cell(d.DeliveryP95Seconds),
                styles.Count(d.Connects), styles.Count(d.Disconnects), styles.Count(d.OnlineMinutes),
            ], cancellationToken);
            await progress.AdvanceAsync(1, cancellationToken);
        }

        await Sheet(spreadsheet, "Phiên kết nối", SessionsHeader, [32, 24, 14, 48, 19, 19], styles,
            cancellationToken);
        foreach (var s in content.Sessions)
        {
            var end = s.EndUtc is { } ended ? styles.Instant(ended) : new Cell("");
            var minutes = ((s.EndUtc ?? content.CutoffUtc) - s.StartUtc).TotalMinutes;
            var note = s.EndUtc is null ? "Đang kết nối" : s.Interrupted ? "Ngắt do khởi động lại máy chủ" : "";
            await spreadsheet.AddRowAsync(
            [
                new Cell(s.Application), new Cell(s.AccessKeyId), new Cell(s.AgencyId), new Cell(s.AgencyName),
                styles.Instant(s.StartUtc), end, new Cell(Math.Round(minutes, 1), styles.Decimal), new Cell(note),
            ], cancellationToken);
            await progress.AdvanceAsync(1, cancellationToken);
        }

        await Sheet(spreadsheet, "Hồ sơ theo tháng", MonthsHeader, [10, 14, 48], styles, cancellationToken);
        foreach (var m in content.Months)
        {
            await spreadsheet.AddRowAsync(
            [
                new Cell(m.Month.ToDateTime(TimeOnly.MinValue), styles.Month), new Cell(m.AgencyId),
                new Cell(content.Name(m.AgencyId)), styles.Count(m.Submitted), styles.Count(m.Answered),
                styles.Count(m.Refused), styles.Count(m.OnTime), styles.Count(m.Late),
                m.Answered == 0 ? new Cell("") : new Cell((double)m.WorkingDays / m.Answered, styles.Decimal),
            ], cancellationToken);
            await progress.AdvanceAsync(1, cancellationToken);
        }

        await ExchangesAsync(spreadsheet, content, styles, progress, rowsPerSheet, cancellationToken);
        await spreadsheet.FinishAsync(cancellationToken);
    }

    /// <summary>Every exchange, one row each, on as many sheets as a million rows per sheet needs.</summary>
    private static async Task ExchangesAsync(
        Spreadsheet spreadsheet,
        ReportContent content,
        Styles styles,
        ReportProgress progress,
        int rowsPerSheet,
        CancellationToken cancellationToken)
    {
        var rows = 0;
        var sheets = 0;
        // Reading the store is most of the work: the next days are read on other threads, in parallel, while
        // this one is written; a few days ahead at most, so memory stays a few days' worth.
        var pending = new Queue<Task<IReadOnlyList<ExchangeListing>>>();
        var started = 0;
        void ReadAhead()
        {
            while (pending.Count < Environment.ProcessorCount && started < content.Exchanges.Count)
            {
                pending.Enqueue(Task.Run(content.Exchanges[started++], cancellationToken));
            }
        }

        ReadAhead();
        while (pending.Count > 0)
        {
            var window = await pending.Dequeue();
            ReadAhead();
            foreach (var e in window)
            {
                if (rows % rowsPerSheet == 0)
                {
                    sheets++;
                    await Sheet(spreadsheet, sheets == 1 ? "Gói tin" : $"Gói tin ({sheets})", ExchangesHeader,
                        [19, 28, 32, 14, 40, 28, 40, 12, 20], styles, cancellationToken);
                }

                await spreadsheet.AddRowAsync(
                [
                    styles.Instant(e.SubmittedUtc), new Cell(e.Id), new Cell(e.Title),
                    new Cell(e.SourceAgencyId), new Cell(content.Name(e.SourceAgencyId)),
                    new Cell(string.Join(", ", e.Recipients.Select(r => r.AgencyId))),
                    new Cell(string.Join("; ", e.Recipients.Select(r => content.Name(r.AgencyId)))),
                    new Cell(TrafficText.Priority(e.Priority)), new Cell(e.DataType), styles.Count(e.Size),
                    new Cell(string.Join(", ", e.Recipients.Select(r => TrafficText.Status(r.Status)).Distinct())),
                    e.FinishedUtc is { } finished ? styles.Instant(finished) : new Cell(""),
                ], cancellationToken);
                rows++;
            }

            await progress.AdvanceAsync(window.Count, cancellationToken);
        }
    }

    private static async Task Sheet(
        Spreadsheet spreadsheet,
        string name,
        string[] header,
        int[] widths,
        Styles styles,
        CancellationToken cancellationToken)
    {
        var options = new WorksheetOptions { FrozenRows = 1 };
        for (var i = 0; i < widths.Length; i++)
        {
            options.Column(i + 1).Width = widths[i];
        }

        await spreadsheet.StartWorksheetAsync(name, options, cancellationToken);
        await Header(spreadsheet, header, styles, cancellationToken);
    }

    private static ValueTask Header(
        Spreadsheet spreadsheet, string[] header, Styles styles, CancellationToken cancellationToken) =>
        spreadsheet.AddRowAsync([.. header.Select(h => new Cell(h, styles.Bold))], cancellationToken);

    /// <summary>The workbook's cell styles, made once per workbook.</summary>
    private sealed class Styles(Spreadsheet spreadsheet)
    {
        public StyleId Bold { get; } = spreadsheet.AddStyle(new Style { Font = { Bold = true } });

        public StyleId Decimal { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("#,##0.0") });

        public StyleId Month { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("MM/yyyy") });

        private StyleId Day { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("dd/MM/yyyy") });

        private StyleId Time { get; } =
            spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("dd/MM/yyyy HH:mm:ss") });

        private StyleId Number { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("#,##0") });

        public Cell Count(long value) => new(value, Number);

        public Cell Date(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Day);

        /// <summary>An instant as Vietnamese local time.</summary>
        public Cell Instant(DateTime utc) => new(VietnamTime.ToLocal(utc).DateTime, Time);
    }
}
