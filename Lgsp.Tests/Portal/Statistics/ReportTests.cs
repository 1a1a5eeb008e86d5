using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Lgsp.Broker.Exchanges;
using Lgsp.Broker.Presence;
using Lgsp.Forms.Requests;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Identity;
using Lgsp.Portal.Statistics;
using Lgsp.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Tests.Portal.Statistics;

/// <summary>Reports asked for, written in the background by Hangfire, and downloaded by whoever asked.</summary>
[Collection(WebCollection.Name)]
public sealed class ReportTests : IDisposable
{
    private const string Manager = "lanhdao@bacgiang.gov.vn";
    private const string OtherManager = "phogiamdoc@bacgiang.gov.vn";
    private const string Health = "000.00.15.H06";
    private const string Trap = "000.00.98.H06";
    private const string TrapName = "=HYPERLINK(\"http://127.0.0.1/\",\"Bấm vào đây\")";
    private static readonly DateOnly December = new(2026, 12, 1);
    // 05/01/2027: December is over, so its daily and monthly figures are final.
    private readonly PortalFactory _portal = new(clock: new ManualClock(ManualClock.At(2027, 1, 5, 10, 0)));

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task ExcelReport_OfTheMonth_HoldsEveryListAsNumbers_AndAFormulaLikeNameAsText()
    {
        var password = await _portal.CreateUserAsync(Manager, Roles.Manager);
        var otherPassword = await _portal.CreateUserAsync(OtherManager, Roles.Manager);
        await SeedAsync();

        var run = await RequestAsync(Manager, December, December.AddDays(30), [], ReportFormat.Excel, true);
        var done = await FinishedAsync(run.Id);
        var client = await SignedInAsync(Manager, password);
        var response = await client.GetAsync($"/statistics/reports/{run.Id}");

        Assert.Equal(ReportState.Done, done.State);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bao-cao-lgsp-20261201-20261231.xlsx", response.Content.Headers.ContentDisposition!.FileName);
        using var workbook = SpreadsheetDocument.Open(
            new MemoryStream(await response.Content.ReadAsByteArrayAsync()), isEditable: false);
        Assert.Equal(["Tổng hợp", "Theo ngày", "Phiên kết nối", "Hồ sơ theo tháng", "Gói tin"],
            Workbook.Sheets(workbook));
        var totals = Workbook.Rows(workbook, "Tổng hợp");
        Assert.Equal("Tất cả cơ quan, đơn vị. Số liệu đến hết ngày 31/12/2026.", totals[1][0].Text);
        Assert.Equal(["Mã định danh", "Cơ quan, đơn vị", "Số gói gửi"], totals[2].Take(3).Select(c => c.Text));
        var health = totals.Single(r => r[0].Text == Health);
        Assert.Equal((16.0, 3_901.0, 4.0, 15.0, 1.0),
            (health[2].Number, health[3].Number, health[4].Number, health[6].Number, health[7].Number));
        var trap = totals.Single(r => r[0].Text == Trap);
        Assert.Equal(TrapName, trap[1].Text);
        Assert.False(trap[1].IsFormula);
        var days = Workbook.Rows(workbook, "Theo ngày").Skip(1).ToList();
        Assert.All(days, r => Assert.NotNull(r[0].Number));
        Assert.Equal(16.0, days.Where(r => r[1].Text == Health).Sum(r => r[3].Number));
        var session = Workbook.Rows(workbook, "Phiên kết nối").Skip(1).Single();
        Assert.Equal(("LGSPHEALTHAPP", Health, 90.0), (session[1].Text, session[2].Text, session[6].Number));
        var month = Workbook.Rows(workbook, "Hồ sơ theo tháng").Skip(1).Single();
        Assert.Equal([3.0, 2.0, 1.0, 1.0, 1.0, 5.5], month.Skip(3).Select(c => c.Number));
        // Every exchange of the period is listed, and the list agrees with the totals: December's, not January's.
        var exchanges = Workbook.Rows(workbook, "Gói tin").Skip(1).ToList();
        Assert.Equal(totals.Single(r => r.Count > 2 && r[1].Text == "Tổng cộng")[2].Number, exchanges.Count);
        Assert.Equal(16, exchanges.Count(e => e[3].Text == Health));
        var other = await SignedInAsync(OtherManager, otherPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/statistics/reports/{run.Id}")).StatusCode);
    }

    [Fact]
    public async Task ExcelReport_ReadsSettledDaysFromTheirFiles_WithTheRowsTheBrokerGives()
    {
        await _portal.CreateUserAsync(Manager, Roles.Manager);
        await SeedAsync();
        var fromBroker = await ExchangeRowsAsync();

        IReadOnlyList<DateOnly> settledDays;
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            settledDays = scope.ServiceProvider.GetRequiredService<SettledListings>().Settle(default);
        }

        var fromFiles = await ExchangeRowsAsync();
        // A title never changes in the broker; changed behind its back, it shows where each day is read from:
        // 01/12 from its file, 31/12 from the broker once its file is gone.
        var store = _portal.Services.GetRequiredService<ExchangeStore>();
        foreach (var day in new[] { December, December.AddDays(30) })
        {
            var (from, to) = Lgsp.Broker.Statistics.TrafficAggregation.Bounds(day);
            await store.UpdateAsync(store.ListSubmittedBetween(from, to)[0].Id, e => e.Title = "Đổi sau", default);
        }

        File.Delete(Path.Combine(_portal.DataDirectory, "statistics", "listings", "2026-12-31.bin"));
        var afterChange = await ExchangeRowsAsync();

        Assert.Contains(December, settledDays);
        Assert.Contains(December.AddDays(30), settledDays);
        // 02/12 has a recipient the broker's timers may expire at any moment: only whole settled days compare.
        static IEnumerable<string> Settled(IEnumerable<string> rows) =>
            rows.Where(r => !r.StartsWith("02/12/2026", StringComparison.Ordinal));
        Assert.Equal(Settled(fromBroker), Settled(fromFiles));
        Assert.Equal(13, Settled(fromFiles).Count());
        Assert.DoesNotContain(afterChange, r => r.StartsWith("01/12/2026", StringComparison.Ordinal)
            && r.Contains("Đổi sau", StringComparison.Ordinal));
        Assert.Contains(afterChange, r => r.StartsWith("31/12/2026", StringComparison.Ordinal)
            && r.Contains("Đổi sau", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PdfReport_OfOneAgency_ShowsTheSameNumbers_InTheLettersLayout()
    {
        var password = await _portal.CreateUserAsync(Manager, Roles.Manager);
        await SeedAsync();

        var run = await RequestAsync(Manager, December, December.AddDays(30), [Health], ReportFormat.Pdf, true);
        var done = await FinishedAsync(run.Id);
        var client = await SignedInAsync(Manager, password);
        var bytes = await client.GetByteArrayAsync($"/statistics/reports/{run.Id}");

        Assert.Equal(ReportState.Done, done.State);
        Assert.False(done.IncludeExchanges);
        var text = Pdf.Text(bytes);
        Assert.Contains(Pdf.Compact("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), text, StringComparison.Ordinal);
        Assert.Contains(Pdf.Compact("BÁO CÁO Tình hình trao đổi dữ liệu qua Nền tảng LGSP từ ngày 01/12/2026"),
            text, StringComparison.Ordinal);
        // Sở Y tế's row: sent, received, delivered, rejected, undeliverable, expired, megabytes sent.
        Assert.Contains(Pdf.Compact("1 Sở Y tế 16 4 15 1 0 0 0,0"), text, StringComparison.Ordinal);
        // Its connections (one session, 90 minutes) and its requests of December.
        Assert.Contains(Pdf.Compact("1 Sở Y tế 1 1 1,5"), text, StringComparison.Ordinal);
        Assert.Contains(Pdf.Compact("12/2026 3 2 1 1 1 5,5"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("HYPERLINK", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WithABadPeriodAnUnknownAgencyOrByAnAgency_IsRefused_AndQueuesNothing()
    {
        await _portal.CreateUserAsync(Manager, Roles.Manager);
        var officer = await _portal.CreateUserAsync("vanthu.syt@bacgiang.gov.vn", Roles.AgencyOfficer, Health);

        var backwards = await Assert.ThrowsAsync<ReportRuleException>(() =>
            RequestAsync(Manager, December.AddDays(5), December, [], ReportFormat.Excel, false));
        var tooLong = await Assert.ThrowsAsync<ReportRuleException>(() =>
            RequestAsync(Manager, December.AddYears(-4), December, [], ReportFormat.Excel, false));
        var future = await Assert.ThrowsAsync<ReportRuleException>(() =>
            RequestAsync(Manager, December, new DateOnly(2027, 1, 6), [], ReportFormat.Excel, false));
        var unknown = await Assert.ThrowsAsync<ReportRuleException>(() =>
            RequestAsync(Manager, December, December, ["000.00.99.Z99"], ReportFormat.Pdf, false));
        await Assert.ThrowsAsync<ForbiddenActionException>(() =>
            RequestAsync("vanthu.syt@bacgiang.gov.vn", December, December, [], ReportFormat.Pdf, false));
        var response = await (await SignedInAsync("vanthu.syt@bacgiang.gov.vn", officer))
            .GetAsync($"/statistics/reports/{Guid.NewGuid()}");

        Assert.Equal("“Từ ngày” không được sau “Đến ngày”.", backwards.Message);
        Assert.Contains("không được quá 3 năm", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal("“Đến ngày” không được sau hôm nay (05/01/2027).", future.Message);
        Assert.Contains("000.00.99.Z99", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.LocalPart(), StringComparison.Ordinal);
        await using var scope = _portal.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ReportRuns.CountAsync());
    }

    [Fact]
    public async Task Workbook_WithMoreExchangesThanASheetHolds_ContinuesOnFurtherSheets()
    {
        var exchanges = Enumerable.Range(0, 7)
            .Select(i => ExchangeRecords.Listing(
                ExchangeRecords.Submitted(Health, ManualClock.At(2026, 12, 2, 9, i).UtcDateTime, i)))
            .ToList();
        var content = new ReportContent
        {
            Run = new ReportRun { From = December, To = December, IncludeExchanges = true },
            CutoffUtc = ManualClock.At(2026, 12, 2, 0, 0).UtcDateTime,
            Agencies = null,
            Names = new Dictionary<string, string>(),
            Totals = [],
            DayCount = 0,
            Days = _ => AsyncEnumerable.Empty<AgencyDayStatistics>(),
            Sessions = [],
            Months = [],
            ExchangeCount = exchanges.Count,
            Exchanges = [() => exchanges[..4], () => exchanges[4..]],
        };
        var percents = new List<int>();
        var progress = new ReportProgress(exchanges.Count, (p, _) =>
        {
            percents.Add(p);
            return Task.CompletedTask;
        });
        using var output = new MemoryStream();

        await ReportWorkbook.WriteAsync(output, content, progress, default, rowsPerSheet: 3);

        using var workbook = SpreadsheetDocument.Open(new MemoryStream(output.ToArray()), isEditable: false);
        Assert.Equal(["Gói tin", "Gói tin (2)", "Gói tin (3)"], Workbook.Sheets(workbook).Skip(4));
        Assert.Equal([3, 3, 1], Workbook.Sheets(workbook).Skip(4).Select(s => Workbook.Rows(workbook, s).Count - 1));
        Assert.Equal([57, 99], percents);
    }

    /// <summary>
    /// December's traffic of Sở Y tế and of an agency with a formula-looking name, one exchange in January outside
    /// the period, a 90-minute session, and three requests: one answered on time, one refused late, one waiting.
    /// The report's job turns these into the daily and monthly figures itself.
    /// </summary>
    private async Task SeedAsync()
    {
        _portal.StartServer();
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Agencies.Add(new AgencyRecord { Id = Trap, Name = TrapName, ShortName = "", Level = 1 });
        db.Applications.Add(new ApplicationRecord
        {
            AccessKeyId = "LGSPHEALTHAPP",
            AgencyId = Health,
            Name = "Phần mềm QLVB Sở Y tế",
        });
        db.Requests.AddRange(
            RequestRecords.Request(Health, ManualClock.At(2026, 12, 1, 9, 0), new(2026, 12, 1), new(2026, 12, 8),
                ManualClock.At(2026, 12, 4, 9, 0), RequestStatus.Issued),
            RequestRecords.Request(Health, ManualClock.At(2026, 12, 2, 9, 0), new(2026, 12, 2), new(2026, 12, 9),
                ManualClock.At(2026, 12, 14, 9, 0), RequestStatus.Refused),
            RequestRecords.Request(Health, ManualClock.At(2026, 12, 3, 9, 0), null, null, null,
                RequestStatus.Submitted));
        await db.SaveChangesAsync();

        var log = _portal.Services.GetRequiredService<ConnectionLog>();
        var session = log.Open("LGSPHEALTHAPP", Health, ManualClock.At(2026, 12, 2, 9, 0).UtcDateTime);
        log.Close(session, ManualClock.At(2026, 12, 2, 10, 30).UtcDateTime);
        var store = _portal.Services.GetRequiredService<ExchangeStore>();
        void Send(string from, string to, DateTimeOffset at, int count, long size, RecipientStatus last)
        {
            for (var i = 0; i < count; i++)
            {
                var submitted = at.AddMinutes(i).UtcDateTime;
                var status = i == count - 1 ? last : RecipientStatus.Delivered;
                store.Insert(ExchangeRecords.Submitted(from, submitted, size, status == RecipientStatus.Offered
                    ? new Recipient { AgencyId = to, Status = status }
                    : ExchangeRecords.Finished(to, status, submitted.AddMinutes(1))));
            }
        }

        Send(Health, Trap, ManualClock.At(2026, 12, 1, 9, 0), 12, 300, RecipientStatus.Rejected);
        Send(Health, Trap, ManualClock.At(2026, 12, 2, 9, 0), 3, 100, RecipientStatus.Delivered);
        Send(Trap, Health, ManualClock.At(2026, 12, 2, 14, 0), 5, 10, RecipientStatus.Offered);
        Send(Health, Trap, ManualClock.At(2026, 12, 31, 9, 0), 1, 1, RecipientStatus.Delivered);
        Send(Health, Trap, ManualClock.At(2027, 1, 2, 9, 0), 1, 99, RecipientStatus.Delivered);
    }

    /// <summary>The "Gói tin" rows of a new workbook of December, each as one line of its cells.</summary>
    private async Task<List<string>> ExchangeRowsAsync()
    {
        var run = await FinishedAsync(
            (await RequestAsync(Manager, December, December.AddDays(30), [], ReportFormat.Excel, true)).Id);
        await using var scope = _portal.Services.CreateAsyncScope();
        var path = scope.ServiceProvider.GetRequiredService<ReportRuns>().PathOf(run);
        using var workbook = SpreadsheetDocument.Open(path, isEditable: false);
        return [.. Workbook.Rows(workbook, "Gói tin").Skip(1)
            .Select(r => string.Join(" | ", r.Select((c, i) => i == 0 && c.Number is { } n
                ? DateTime.FromOADate(n).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture)
                : c.Text ?? c.Number?.ToString(CultureInfo.InvariantCulture))))];
    }

    private async Task<ReportRun> RequestAsync(
        string user, DateOnly from, DateOnly to, string[] agencies, ReportFormat format, bool exchanges)
    {
        await using var scope = _portal.ScopeActingAs(user);
        return await scope.ServiceProvider.GetRequiredService<ReportRuns>()
            .RequestAsync(from, to, agencies, format, exchanges, default);
    }

    /// <summary>Waits for Hangfire to run the report's job, as the reports page does.</summary>
    private async Task<ReportRun> FinishedAsync(Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var scope = _portal.Services.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ReportRuns.AsNoTracking()
                .SingleAsync(r => r.Id == id);
            if (run.State is ReportState.Done or ReportState.Failed || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(200);
        }
    }

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = _portal.CreateBrowserlikeClient();
        await PortalFactory.SignInAsync(client, email, password);
        return client;
    }
}
