using Lgsp.Forms.Letters;
using Lgsp.Tests.Support;
using UglyToad.PdfPig;

namespace Lgsp.Tests.Forms;

public sealed class ReportRendererTests
{
    private static readonly Table Agencies = new(
        [
            new TableColumn("TT", 3, Alignment.Center), new TableColumn("Cơ quan, đơn vị", 22),
            new TableColumn("Gói gửi", 7, Alignment.Right), new TableColumn("Gói nhận", 7, Alignment.Right),
        ],
        [
            .. Enumerable.Range(1, 80).Select(i => (IReadOnlyList<string>)
                [$"{i}", $"Ủy ban nhân dân xã số {i} thuộc huyện Lục Ngạn, tỉnh Bắc Giang", $"{i * 7}", $"{i * 3}"]),
            ["", "Tổng cộng", "22.680", "9.720"],
        ])
    { LastRowIsTotal = true };

    [Fact]
    public async Task Render_ALongTable_BreaksBetweenRows_AndRepeatsItsHeaderOnEveryPage()
    {
        var pdf = Render(new ReportSection("I. LƯU LƯỢNG THEO CƠ QUAN", ["Số liệu tổng hợp trong kỳ."], Agencies));

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => Pdf.Compact(string.Concat(p.Letters.Select(l => l.Value))))
            .ToList();
        Assert.True(pages.Count >= 3, $"{pages.Count} pages for 81 two-line rows.");
        Assert.All(pages, page => Assert.Contains(Pdf.Compact("TT Cơ quan, đơn vị Gói gửi Gói nhận"), page,
            StringComparison.Ordinal));
        // Every row is whole on one page: its number, both lines of its name and its figures together.
        Assert.All(Enumerable.Range(1, 80), i => Assert.Single(pages, page => page.Contains(
            Pdf.Compact($"{i} Ủy ban nhân dân xã số {i} thuộc huyện Lục Ngạn, tỉnh Bắc Giang {i * 7} {i * 3}"),
            StringComparison.Ordinal)));
        Assert.Contains(Pdf.Compact("Tổng cộng 22.680 9.720"), pages[^1], StringComparison.Ordinal);
        Assert.All(document.GetPages(), page =>
            Assert.DoesNotContain(page.Letters, l => l.BoundingBox.Bottom < PageLayout.Bottom - 1));
        await RasterAsync(pdf, "bao-cao");
    }

    [Fact]
    public void Render_TheHeading_IsTheLettersHeading_WithTheReportsTitle()
    {
        var text = Pdf.Text(Render(new ReportSection("II. KẾT NỐI", ["Không có phiên kết nối nào."])));

        Assert.StartsWith(Pdf.Compact("UBND TỈNH BẮC GIANG SỞ THÔNG TIN VÀ TRUYỀN THÔNG"), text,
            StringComparison.Ordinal);
        Assert.Contains(Pdf.Compact("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"), text,
            StringComparison.Ordinal);
        Assert.Contains(Pdf.Compact("BÁO CÁO Tình hình trao đổi dữ liệu tháng 12/2026 II. KẾT NỐI"), text,
            StringComparison.Ordinal);
        Assert.EndsWith(Pdf.Compact("Báo cáo lập tự động."), text, StringComparison.Ordinal);
    }

    private static byte[] Render(params ReportSection[] sections)
    {
        using var output = new MemoryStream();
        ReportRenderer.Render(new OfficialReport
        {
            IssuerParent = "UBND tỉnh Bắc Giang",
            Issuer = "Sở Thông tin và Truyền thông",
            Number = "Số: ……/BC-STTTT",
            PlaceAndDate = "Bắc Giang, ngày 04 tháng 12 năm 2026",
            Title = "BÁO CÁO",
            About = "Tình hình trao đổi dữ liệu tháng 12/2026",
            Sections = sections,
            Footnote = "Báo cáo lập tự động.",
        }, output);
        return output.ToArray();
    }

    /// <summary>The first page as a PNG beside the rendered letters, for someone to look at.</summary>
    private static async Task RasterAsync(byte[] pdf, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "letters");
        System.IO.Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        using var process = System.Diagnostics.Process.Start("pdftoppm",
            ["-r", "60", "-png", "-singlefile", "-f", "1", "-l", "1", path, Path.Combine(folder, name)])!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
