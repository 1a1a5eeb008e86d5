using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Lgsp.Broker.Exchanges;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Statistics;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lgsp.Tests.Browser;

/// <summary>A manager sees the broker's traffic on the dashboard and downloads the month's workbook.</summary>
[Collection(WebCollection.Name)]
public sealed class StatisticsBrowserTests : IAsyncLifetime
{
    private const string Manager = "lanhdao@bacgiang.gov.vn";
    private const string Health = "000.00.15.H06";
    private const string Home = "000.00.02.H06";
    private readonly PortalFactory _portal =
        new(kestrel: true, clock: new ManualClock(ManualClock.At(2026, 12, 8, 10, 0)));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser!.DisposeAsync();
        _playwright!.Dispose();
        _portal.Dispose();
    }

    [Fact]
    public async Task Manager_SeesTheTrafficOnTheDashboard_AndDownloadsTheMonthsWorkbook_WithTheSameNumbers()
    {
        var password = await _portal.CreateUserAsync(Manager, Roles.Manager);
        var store = _portal.Services.GetRequiredService<ExchangeStore>();
        for (var i = 0; i < 7; i++)
        {
            var submitted = ManualClock.At(2026, 12, 1 + i % 3, 9, i).UtcDateTime;
            var exchange = ExchangeRecords.Submitted(i < 5 ? Health : Home, submitted, 1_000,
                ExchangeRecords.Finished(i < 5 ? Home : Health,
                    i == 6 ? RecipientStatus.Rejected : RecipientStatus.Delivered, submitted.AddMinutes(2)));
            exchange.Title = $"Báo cáo số {i + 1}";
            store.Insert(exchange);
        }

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TrafficStatisticsJob>().RunAsync(default);
            var db = scope.ServiceProvider.GetRequiredService<Lgsp.Portal.Data.PortalDbContext>();
            db.Applications.Add(new Lgsp.Portal.Data.ApplicationRecord
            {
                AccessKeyId = "LGSPHEALTHAPP",
                AgencyId = Health,
                Name = "Phần mềm QLVB Sở Y tế",
            });
            db.Applications.Add(new Lgsp.Portal.Data.ApplicationRecord
            {
                AccessKeyId = "LGSPHOMEAPP",
                AgencyId = Home,
                Name = "Phần mềm một cửa Sở Nội vụ",
            });
            await db.SaveChangesAsync();
        }

        _portal.Services.GetRequiredService<Lgsp.Broker.Presence.PresenceTracker>().Seen("LGSPHEALTHAPP", Health);

        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = _portal.ServerAddress.ToString(),
            AcceptDownloads = true,
        });
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", Manager);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.GotoAsync("/statistics");

        await Assertions.Expect(page.Locator("#figure-sent")).ToHaveTextAsync("7");
        await Assertions.Expect(page.Locator("#figure-delivered")).ToHaveTextAsync("6");
        await Assertions.Expect(page.Locator("#figure-rejected")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#figure-p50")).ToHaveTextAsync("2 phút");
        await Assertions.Expect(page.Locator("#top-senders tbody tr").First).ToContainTextAsync(Health);
        await Assertions.Expect(page.Locator("#daily-chart rect")).ToHaveCountAsync(16);
        await Assertions.Expect(page.Locator("#quiet-applications")).ToContainTextAsync("Phần mềm một cửa Sở Nội vụ");
        await Assertions.Expect(page.Locator("#quiet-applications")).Not.ToContainTextAsync("QLVB Sở Y tế");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-excel"));
        var path = await download.PathAsync();

        Assert.Equal("luu-luong-20261201-20261208.xlsx", download.SuggestedFilename);
        using var workbook = SpreadsheetDocument.Open(path!, isEditable: false);
        var part = workbook.WorkbookPart!;
        var sheet = part.Workbook.Descendants<Sheet>().Single(s => s.Name == "Tổng hợp");
        var rows = ((WorksheetPart)part.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>().ToList();
        var health = rows.Single(r => r.Elements<Cell>().First().InnerText == Health).Elements<Cell>().ToList();
        var home = rows.Single(r => r.Elements<Cell>().First().InnerText == Home).Elements<Cell>().ToList();
        // Columns: identifier, name, sent, bytes sent, received, bytes received, delivered, rejected, …
        Assert.Equal(("5", "1", "5"), (health[2].InnerText, health[4].InnerText, health[6].InnerText));
        Assert.Equal(("2", "5", "1"), (home[2].InnerText, home[4].InnerText, home[7].InnerText));

        await page.GotoAsync("/connections");
        await Assertions.Expect(page.Locator("#connection-LGSPHEALTHAPP")).ToContainTextAsync("Trực tuyến");
        await Assertions.Expect(page.Locator("#connections-summary")).ToContainTextAsync("Trực tuyến 1 / 2");
        await page.ClickAsync("#connection-LGSPHEALTHAPP a");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("đang kết nối");

        await page.GotoAsync("/traffic");
        await Assertions.Expect(page.Locator("#traffic tbody tr")).ToHaveCountAsync(4);
        await page.GetByText("Báo cáo số 2").ClickAsync();
        await Assertions.Expect(page.Locator("#exchange-recipients")).ToContainTextAsync("Đã giao");
    }
}
