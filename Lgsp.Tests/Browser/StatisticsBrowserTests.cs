using DocumentFormat.OpenXml.Packaging;
using Lgsp.Broker.Exchanges;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Statistics;
using Lgsp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lgsp.Tests.Browser;

/// <summary>
/// A manager sees the broker's traffic on the dashboard and downloads the month's Excel and PDF reports.
/// </summary>
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
    public async Task Manager_SeesTheTrafficOnTheDashboard_AndDownloadsTheExcelAndPdfReports_WithTheSameNumbers()
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
        // The dashboard's period goes to the reports page; the report is written in the background.
        await page.ClickAsync("#make-report");
        await page.WaitForURLAsync("**/statistics/reports?from=2026-12-01&to=2026-12-08");
        await page.ClickAsync("#report-make");
        var excel = await DownloadNewestAsync(page, 1);
        await page.GetByText("PDF (văn bản báo cáo)").ClickAsync();
        await page.ClickAsync("#report-make");
        var pdf = await DownloadNewestAsync(page, 2);

        Assert.Equal("bao-cao-lgsp-20261201-20261208.xlsx", excel.SuggestedFilename);
        Assert.Equal("bao-cao-lgsp-20261201-20261208.pdf", pdf.SuggestedFilename);
        using var workbook = SpreadsheetDocument.Open((await excel.PathAsync())!, isEditable: false);
        var rows = Workbook.Rows(workbook, "Tổng hợp");
        var health = rows.Single(r => r[0].Text == Health);
        var home = rows.Single(r => r[0].Text == Home);
        // Columns: identifier, name, sent, bytes sent, received, bytes received, delivered, rejected, …
        Assert.Equal((5.0, 1.0, 5.0), (health[2].Number, health[4].Number, health[6].Number));
        Assert.Equal((2.0, 5.0, 1.0), (home[2].Number, home[4].Number, home[7].Number));
        // The PDF's table row of each agency carries the workbook's numbers: sent, received, delivered,
        // rejected, undeliverable, expired.
        var text = Pdf.Text(await File.ReadAllBytesAsync((await pdf.PathAsync())!));
        foreach (var agency in new[] { health, home })
        {
            var figures = string.Join(" ", new[] { 2, 4, 6, 7, 8, 9 }.Select(i => agency[i].Number));
            Assert.Contains(Pdf.Compact($"{agency[1].Text} {figures}"), text, StringComparison.Ordinal);
        }

        await page.GotoAsync("/connections");
        await Assertions.Expect(page.Locator("#connection-LGSPHEALTHAPP")).ToContainTextAsync("Trực tuyến");
        await Assertions.Expect(page.Locator("#connections-summary")).ToContainTextAsync("Trực tuyến 1 / 2");
        // The other application connects: the open page shows it at once (its timer is half a minute).
        _portal.Services.GetRequiredService<Lgsp.Broker.Presence.PresenceTracker>().Seen("LGSPHOMEAPP", Home);
        await Assertions.Expect(page.Locator("#connections-summary"))
            .ToContainTextAsync("Trực tuyến 2 / 2", new() { Timeout = 3_000 });
        await Assertions.Expect(page.Locator("#connection-LGSPHOMEAPP")).ToContainTextAsync("Trực tuyến");
        await page.ClickAsync("#connection-LGSPHEALTHAPP a");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("đang kết nối");

        await page.GotoAsync("/traffic");
        await Assertions.Expect(page.Locator("#traffic tbody tr")).ToHaveCountAsync(4);
        await page.GetByText("Báo cáo số 2").ClickAsync();
        await Assertions.Expect(page.Locator("#exchange-recipients")).ToContainTextAsync("Đã giao");
    }

    /// <summary>Waits for <paramref name="count"/> finished reports on the page, then downloads the newest.</summary>
    private static async Task<IDownload> DownloadNewestAsync(IPage page, int count)
    {
        var buttons = page.Locator(".report-download");
        await Assertions.Expect(buttons).ToHaveCountAsync(count, new() { Timeout = 60_000 });
        return await page.RunAndWaitForDownloadAsync(() => buttons.First.ClickAsync());
    }
}
