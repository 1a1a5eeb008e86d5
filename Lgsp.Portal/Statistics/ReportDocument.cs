using Lgsp.Forms.Letters;
using Lgsp.Portal.Data;
using Lgsp.Portal.Settings;

namespace Lgsp.Portal.Statistics;

/// <summary>
/// A report as a PDF document with the letters' letterhead and fonts: traffic per agency, their connections, and
/// the requests handled per month. The numbers are those of the Excel form of the same report (the same
/// <see cref="ReportContent"/>); the PDF leaves out the long lists (daily rows, sessions, exchanges).
/// </summary>
public static class ReportDocument
{
    public static void Write(Stream output, ReportContent content, PlatformSettings settings, DateTime nowUtc)
    {
        var today = VietnamTime.DayOf(nowUtc);
        var symbol = settings.DepartmentShortName is { Length: > 0 } s ? $"BC-{s}" : "BC";
        var report = new OfficialReport
        {
            IssuerParent = $"UBND tỉnh {settings.ProvinceName}",
            Issuer = settings.DepartmentName,
            Number = $"Số: ……/{symbol}",
            PlaceAndDate = $"{settings.ProvinceName}, {LetterComposer.LongDate(today)}",
            Title = "BÁO CÁO",
            About = $"Tình hình trao đổi dữ liệu qua Nền tảng LGSP từ ngày {content.Run.From:dd/MM/yyyy} "
                + $"đến ngày {content.Run.To:dd/MM/yyyy}",
            Sections = [Traffic(content), Connections(content), Requests(content)],
            Footnote = $"Phạm vi: {content.Coverage}. {content.Cutoff}. Báo cáo do Nền tảng LGSP lập tự động lúc "
                + $"{VietnamTime.FormatDateTime(nowUtc)} từ số liệu tổng hợp theo ngày và theo tháng.",
        };
        ReportRenderer.Render(report, output);
    }

    private static ReportSection Traffic(ReportContent content)
    {
        var t = content.Totals;
        var sum = AgencyTotals.Sum(t, "Tổng cộng");
        IReadOnlyList<string> Figures(int? position, AgencyTotals a) => Row(position, a.Name, a.Sent, a.Received,
            a.Delivered, a.Rejected, a.Undeliverable, a.Expired, Megabytes(a.BytesSent));
        var rows = t.Select((a, i) => Figures(i + 1, a)).Append(Figures(null, sum)).ToList();
        var text = t.Count == 0
            ? "Trong kỳ không có gói tin nào được gửi hoặc nhận qua Nền tảng."
            : $"Trong kỳ, {N(t.Count(a => a.Sent > 0))} cơ quan, đơn vị đã gửi {N(sum.Sent)} gói tin "
                + $"({Volume(sum.BytesSent)}); đã giao {N(sum.Delivered)} lượt nhận, "
                + $"bị từ chối {N(sum.Rejected)}, không gửi được {N(sum.Undeliverable)}, "
                + $"hết hạn {N(sum.Expired)}.";
        return new ReportSection("I. LƯU LƯỢNG TRAO ĐỔI DỮ LIỆU THEO CƠ QUAN, ĐƠN VỊ", [text], new Table(
            [
                new TableColumn("TT", 4, Alignment.Center), new TableColumn("Cơ quan, đơn vị", 22),
                Number("Gói gửi"), Number("Gói nhận"), Number("Đã giao"), Number("Bị từ chối"),
                Number("Không gửi được"), Number("Hết hạn"), Number("Dung lượng gửi (MB)", 9),
            ],
            rows)
        { LastRowIsTotal = true });
    }

    private static ReportSection Connections(ReportContent content)
    {
        var t = content.Totals.Where(a => a.Connects + a.Disconnects + a.OnlineMinutes > 0).ToList();
        IReadOnlyList<string> Figures(int? position, AgencyTotals a) =>
            Row(position, a.Name, a.Connects, a.Disconnects, Hours(a.OnlineMinutes));
        var rows = t.Select((a, i) => Figures(i + 1, a)).Append(Figures(null, AgencyTotals.Sum(t, "Tổng cộng")))
            .ToList();
        var applications = content.Sessions.Select(s => s.AccessKeyId).Distinct().Count();
        var text = content.Sessions.Count == 0
            ? "Trong kỳ không có phiên kết nối nào."
            : $"Trong kỳ có {N(content.Sessions.Count)} phiên kết nối của {N(applications)} ứng dụng; "
                + "danh sách từng phiên (bắt đầu, kết thúc, thời lượng) có trong báo cáo dạng Excel.";
        return new ReportSection("II. KẾT NỐI CỦA CÁC HỆ THỐNG", [text], new Table(
            [
                new TableColumn("TT", 4, Alignment.Center), new TableColumn("Cơ quan, đơn vị", 30),
                Number("Lần kết nối", 10), Number("Lần ngắt kết nối", 10), Number("Thời gian trực tuyến (giờ)", 12),
            ],
            rows)
        { LastRowIsTotal = true });
    }

    private static ReportSection Requests(ReportContent content)
    {
        var months = content.Months.GroupBy(m => m.Month).OrderBy(g => g.Key).ToList();
        var rows = months.Select(g => Month(g.Key.ToString("MM/yyyy", VietnamTime.Culture), [.. g]))
            .Append(Month("Tổng cộng", [.. content.Months]))
            .ToList();
        var text = "Hồ sơ đề nghị (Mẫu 01, 03, 06, 08, 09, 12) tính theo tháng dương lịch, trọn tháng: hồ sơ gửi "
            + "đến tính vào tháng gửi, hồ sơ trả lời tính vào tháng có văn bản trả lời; đúng hạn là trả lời "
            + "không muộn hơn 5 ngày làm việc kể từ khi nhận đủ hồ sơ.";
        if (content.Months.Count == 0)
        {
            return new ReportSection("III. TIẾP NHẬN VÀ XỬ LÝ HỒ SƠ ĐỀ NGHỊ",
                [text, "Trong các tháng của kỳ không có hồ sơ nào được gửi đến hoặc trả lời."]);
        }

        return new ReportSection("III. TIẾP NHẬN VÀ XỬ LÝ HỒ SƠ ĐỀ NGHỊ", [text], new Table(
            [
                new TableColumn("Tháng", 8, Alignment.Center), Number("Hồ sơ gửi đến", 9), Number("Đã trả lời", 9),
                Number("Trong đó từ chối", 9), Number("Đúng hạn", 8), Number("Quá hạn", 8),
                Number("Số ngày làm việc trung bình", 11),
            ],
            rows)
        { LastRowIsTotal = true });
    }

    private static IReadOnlyList<string> Month(string label, IReadOnlyList<AgencyMonthRequests> rows)
    {
        var answered = rows.Sum(m => m.Answered);
        return
        [
            label, N(rows.Sum(m => m.Submitted)), N(answered), N(rows.Sum(m => m.Refused)),
            N(rows.Sum(m => m.OnTime)), N(rows.Sum(m => m.Late)),
            answered == 0
                ? "—"
                : ((double)rows.Sum(m => m.WorkingDays) / answered).ToString("0.0", VietnamTime.Culture),
        ];
    }

    private static IReadOnlyList<string> Row(int? position, string name, params object[] figures) =>
        [position?.ToString(VietnamTime.Culture) ?? "", name, .. figures.Select(f => f as string ?? N(f))];

    private static TableColumn Number(string header, double weight = 7) => new(header, weight, Alignment.Right);

    private static string N(object value) => value switch
    {
        int i => i.ToString("N0", VietnamTime.Culture),
        long l => l.ToString("N0", VietnamTime.Culture),
        _ => Convert.ToString(value, VietnamTime.Culture) ?? "",
    };

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("N1", VietnamTime.Culture);

    /// <summary>A volume in the unit that shows it: bytes, KB, MB or GB.</summary>
    private static string Volume(long bytes) => bytes switch
    {
        < 1024 => $"{N(bytes)} byte",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("N1", VietnamTime.Culture)} KB",
        < 1024L * 1024 * 1024 => $"{Megabytes(bytes)} MB",
        _ => $"{(bytes / 1073741824.0).ToString("N2", VietnamTime.Culture)} GB",
    };

    private static string Hours(int minutes) => (minutes / 60.0).ToString("N1", VietnamTime.Culture);
}
