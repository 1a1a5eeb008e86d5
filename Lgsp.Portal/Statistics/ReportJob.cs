using Lgsp.Portal.Data;
using Lgsp.Portal.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Statistics;

/// <summary>
/// Writes one asked-for report in the background: reads its content once, writes the Excel or PDF file beside
/// the data (as a partial file renamed when complete, so a half-written report is never offered), and keeps its
/// progress current for the page that watches it. A failure is recorded on the report, in words, not retried.
/// </summary>
public sealed partial class ReportJob(
    PortalDbContext db,
    ReportSources sources,
    TrafficStatisticsJob traffic,
    RequestStatisticsJob requests,
    ReportRuns runs,
    SettingsService settings,
    TimeProvider time,
    ILogger<ReportJob> logger)
{
    public async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        var run = await db.ReportRuns.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null || run.State == ReportState.Done)
        {
            return;
        }

        run.State = ReportState.Running;
        run.Progress = 0;
        await db.SaveChangesAsync(cancellationToken);
        var path = runs.PathOf(run);
        var partial = path + ".partial";
        try
        {
            // The daily and monthly figures are brought up to now first, so the totals count what the lists show.
            var cutoff = time.GetUtcNow().UtcDateTime;
            await traffic.RunAsync(cancellationToken);
            await requests.RunAsync(cancellationToken);
            var content = await sources.ReadAsync(run, cutoff, cancellationToken);
            System.IO.Directory.CreateDirectory(runs.Folder);
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None,
                64 * 1024, FileOptions.Asynchronous))
            {
                if (run.Format == ReportFormat.Excel)
                {
                    var progress = new ReportProgress(ReportWorkbook.ExpectedRows(content),
                        (percent, token) => db.ReportRuns.Where(r => r.Id == id)
                            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Progress, percent), token));
                    await ReportWorkbook.WriteAsync(file, content, progress, cancellationToken);
                }
                else
                {
                    ReportDocument.Write(file, content, await settings.GetAsync(cancellationToken),
                        time.GetUtcNow().UtcDateTime);
                }
            }

            File.Move(partial, path, overwrite: true);
            run.State = ReportState.Done;
            run.Progress = 100;
            run.Size = new FileInfo(path).Length;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ReportFailed(logger, e, id);
            File.Delete(partial);
            run.State = ReportState.Failed;
            run.Problem = "Không lập được báo cáo do lỗi hệ thống. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên.";
        }

        run.FinishedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Report {ReportId} failed")]
    private static partial void ReportFailed(ILogger logger, Exception exception, Guid reportId);
}
