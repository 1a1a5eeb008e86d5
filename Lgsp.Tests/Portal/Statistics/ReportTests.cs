using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Statistics;

[Collection(WebCollection.Name)]
public sealed class TrafficWorkbookTests : IDisposable
{
    private const string Health = "000.00.15.H06";
    private const string Trap = "000.00.98.H06";
    private const string TrapName = "=HYPERLINK(\"http://127.0.0.1/\",\"Bấm vào đây\")";
    private readonly PortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Download_TheMonthsWorkbook_HoldsTheAggregatesAsNumbers_AndAFormulaLikeNameAsText()
    {
        var password = await _portal.CreateUserAsync("lanhdao@bacgiang.gov.vn", Roles.Manager);
        await SeedAsync(
            Day(Health, 1, sent: 12, bytes: 4_096, delivered: 11),
            Day(Health, 2, sent: 3, bytes: 1_000, delivered: 3),
            Day(Trap, 2, sent: 5, bytes: 50, delivered: 4),
            Day(Health, 31, sent: 1, bytes: 1, delivered: 1),
            Day(Health, 30 + 2, sent: 99, bytes: 99, delivered: 99));
        var client = _portal.CreateBrowserlikeClient();
        await PortalFactory.SignInAsync(client, "lanhdao@bacgiang.gov.vn", password);

        var response = await client.GetAsync("/statistics/traffic.xlsx?from=2026-12-01&to=2026-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()),
            isEditable: false);
        var totals = Rows(workbook, "Tổng hợp");
        Assert.Equal(["Mã định danh", "Cơ quan, đơn vị", "Số gói gửi"], totals[1].Take(3).Select(c => c.Text));
        var health = totals.Single(r => r[0].Text == Health);
        Assert.Equal((16.0, 5_097.0, 15.0), (health[2].Number, health[3].Number, health[6].Number));
        var trap = totals.Single(r => r[0].Text == Trap);
        Assert.Equal(TrapName, trap[1].Text);
        Assert.False(trap[1].IsFormula);
        Assert.Equal(5.0, trap[2].Number);
        var days = Rows(workbook, "Theo ngày");
        Assert.Equal(4, days.Count - 1);
        Assert.All(days.Skip(1), r => Assert.NotNull(r[0].Number));
    }

    [Theory]
    [InlineData("?from=2026-12-31&to=2026-12-01", "không quá")]
    [InlineData("?from=01/12/2026&to=31/12/2026", "yyyy-MM-dd")]
    public async Task Download_ABadPeriod_IsRefusedWithAReason(string query, string reason)
    {
        var password = await _portal.CreateUserAsync("lanhdao@bacgiang.gov.vn", Roles.Manager);
        var client = _portal.CreateBrowserlikeClient();
        await PortalFactory.SignInAsync(client, "lanhdao@bacgiang.gov.vn", password);

        var response = await client.GetAsync($"/statistics/traffic.xlsx{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_ByAnAgencyOfficer_IsRefusedOnTheServer()
    {
        var password = await _portal.CreateUserAsync("vanthu.syt@bacgiang.gov.vn", Roles.AgencyOfficer, Health);
        var client = _portal.CreateBrowserlikeClient();
        await PortalFactory.SignInAsync(client, "vanthu.syt@bacgiang.gov.vn", password);

        var response = await client.GetAsync("/statistics/traffic.xlsx?from=2026-12-01&to=2026-12-31");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.LocalPart(), StringComparison.Ordinal);
    }

    private async Task SeedAsync(params AgencyDayStatistics[] rows)
    {
        _portal.StartServer();
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Agencies.Add(new AgencyRecord { Id = Trap, Name = TrapName, ShortName = "", Level = 1 });
        db.AgencyDays.AddRange(rows);
        await db.SaveChangesAsync();
    }

    private static AgencyDayStatistics Day(string agency, int day, int sent, long bytes, int delivered) => new()
    {
        AgencyId = agency,
        Day = new DateOnly(2026, 12, 1).AddDays(day - 1),
        Sent = sent,
        BytesSent = bytes,
        Delivered = delivered,
    };

    private sealed record Read(string? Text, double? Number, bool IsFormula);

    /// <summary>A sheet's rows as text or numbers, the way Excel will take them.</summary>
    private static List<List<Read>> Rows(SpreadsheetDocument workbook, string sheet)
    {
        var part = workbook.WorkbookPart!;
        var id = part.Workbook.Descendants<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        var strings = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>()
            .Select(i => i.InnerText).ToList() ?? [];
        return [.. ((WorksheetPart)part.GetPartById(id)).Worksheet.Descendants<Row>().Select(row =>
            row.Elements<Cell>().Select(cell =>
            {
                var formula = cell.CellFormula is not null;
                var type = cell.DataType?.Value;
                if (type == CellValues.InlineString)
                {
                    return new Read(cell.InlineString!.InnerText, null, formula);
                }

                if (type == CellValues.SharedString)
                {
                    var index = int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
                    return new Read(strings[index], null, formula);
                }

                if (type == CellValues.String)
                {
                    return new Read(cell.CellValue?.Text, null, formula);
                }

                return new Read(null, cell.CellValue is { } value
                    ? double.Parse(value.Text, System.Globalization.CultureInfo.InvariantCulture)
                    : null, formula);
            }).ToList())];
    }
}
