using Hangfire;
using Lgsp.Portal.Audit;
using Lgsp.Portal.Data;
using Lgsp.Portal.Hosting;
using Lgsp.Portal.Requests;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Statistics;

/// <summary>A report that cannot be made as asked; the message says why, for the person who asked.</summary>
public sealed class ReportRuleException(string message) : PortalRuleException(message);

/// <summary>
/// Reports asked for by the Department's staff and managers: each is written in the background by
/// <see cref="ReportJob"/> (a year of exchanges takes a while), shows its progress, and is downloaded by the
/// person who asked, from <c>/statistics/reports/{id}</c>. Someone else's report is as absent as an unknown one.
/// </summary>
public sealed class ReportRuns(
    PortalDbContext db,
    RequestActors actors,
    IBackgroundJobClient jobs,
    DataDirectory data,
    TimeProvider time)
{
    /// <summary>How many of their latest reports a person sees.</summary>
    public const int Shown = 20;

    /// <summary>Queues a report of the period and agencies (none named: every agency).</summary>
    public async Task<ReportRun> RequestAsync(
        DateOnly? from,
        DateOnly? to,
        IReadOnlyCollection<string> agencies,
        ReportFormat format,
        bool includeExchanges,
        CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        if (!me.IsStaff)
        {
            throw new ForbiddenActionException();
        }

        if (Periods.Problem(from, to, VietnamTime.Today(time)) is { } problem)
        {
            throw new ReportRuleException(problem);
        }

        var ids = agencies.Select(a => a.Trim().ToUpperInvariant()).Where(a => a.Length > 0).Distinct().ToList();
        var known = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.Id)
            .ToListAsync(cancellationToken);
        if (ids.Except(known).FirstOrDefault() is { } unknown)
        {
            throw new ReportRuleException($"Không có cơ quan, đơn vị mã {unknown} trong danh mục.");
        }

        var run = new ReportRun
        {
            Id = Guid.NewGuid(),
            RequestedBy = me.User.Id,
            RequestedUtc = time.GetUtcNow().UtcDateTime,
            From = from!.Value,
            To = to!.Value,
            Agencies = string.Join(',', ids.Order(StringComparer.Ordinal)),
            Format = format,
            IncludeExchanges = includeExchanges && format == ReportFormat.Excel,
            State = ReportState.Queued,
        };
        db.ReportRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<ReportJob>(job => job.RunAsync(run.Id, CancellationToken.None));
        return run;
    }

    /// <summary>The current person's latest reports, newest first.</summary>
    public async Task<IReadOnlyList<ReportRun>> MineAsync(CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        return await db.ReportRuns.AsNoTracking()
            .Where(r => r.RequestedBy == me.User.Id)
            .OrderByDescending(r => r.RequestedUtc)
            .Take(Shown)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The current person's finished report and its file, or null: not theirs, not done, or gone.</summary>
    public async Task<(ReportRun Run, string Path)?> FileAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = await actors.CurrentAsync(cancellationToken);
        var run = await db.ReportRuns.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == id && r.RequestedBy == me.User.Id, cancellationToken);
        return run is { State: ReportState.Done } && File.Exists(PathOf(run)) ? (run, PathOf(run)) : null;
    }

    /// <summary>Removes reports asked for before <paramref name="beforeUtc"/> and their files.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTime beforeUtc, CancellationToken cancellationToken)
    {
        var old = await db.ReportRuns.Where(r => r.RequestedUtc < beforeUtc).ToListAsync(cancellationToken);
        foreach (var run in old)
        {
            File.Delete(PathOf(run));
        }

        db.ReportRuns.RemoveRange(old);
        await db.SaveChangesAsync(cancellationToken);
        return old.Count;
    }

    /// <summary>Where a report's file is kept: <c>reports/</c> in the data directory.</summary>
    public string PathOf(ReportRun run) => Path.Combine(Folder, $"{run.Id:N}{Extension(run.Format)}");

    /// <summary>The name a report downloads as.</summary>
    public static string FileName(ReportRun run) =>
        $"bao-cao-lgsp-{run.From:yyyyMMdd}-{run.To:yyyyMMdd}{Extension(run.Format)}";

    public static string ContentType(ReportFormat format) => format == ReportFormat.Pdf
        ? "application/pdf"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    internal string Folder => Path.Combine(data.Path, "reports");

    private static string Extension(ReportFormat format) => format == ReportFormat.Pdf ? ".pdf" : ".xlsx";
}
