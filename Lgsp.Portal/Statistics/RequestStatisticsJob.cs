using Lgsp.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Portal.Statistics;

/// <summary>
/// The recurring job that counts requests per agency per month: sent to the Department, answered, refused, and
/// answered on time or late (the rule of <see cref="DeadlinePerformance"/>). Requests are few (hundreds a year),
/// so every run recounts every month in one transaction: re-running gives the same rows, a request answered
/// late moves to its month, and months missed while the portal was down are simply counted on the next run.
/// </summary>
public sealed class RequestStatisticsJob(PortalDbContext db, DeadlinePerformance deadlines, TimeProvider time)
{
    /// <summary>The job's id in Hangfire.</summary>
    public const string JobId = "request-statistics";

    /// <summary>Recounts every month; returns how many agency-month rows there are now.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = VietnamTime.Today(time);
        var submitted = await db.Requests.AsNoTracking()
            .Where(r => r.SubmittedUtc != null)
            .Select(r => new { r.AgencyId, r.SubmittedUtc })
            .ToListAsync(cancellationToken);
        var first = submitted.Count == 0
            ? today
            : VietnamTime.DayOf(submitted.Min(r => r.SubmittedUtc!.Value));
        var answered = await deadlines.AnsweredAsync(first, today, cancellationToken);

        var rows = new Dictionary<(string Agency, DateOnly Month), AgencyMonthRequests>();
        AgencyMonthRequests Row(string agency, DateOnly day)
        {
            var key = (agency, new DateOnly(day.Year, day.Month, 1));
            if (!rows.TryGetValue(key, out var row))
            {
                row = new AgencyMonthRequests { AgencyId = agency, Month = key.Item2, ComputedUtc = now };
                rows[key] = row;
            }

            return row;
        }

        foreach (var request in submitted)
        {
            Row(request.AgencyId, VietnamTime.DayOf(request.SubmittedUtc!.Value))
                .Submitted++;
        }

        foreach (var answer in answered)
        {
            var row = Row(answer.AgencyId, answer.Answered);
            row.Answered++;
            row.Refused += answer.Refused ? 1 : 0;
            row.OnTime += answer.OnTime ? 1 : 0;
            row.Late += answer.OnTime ? 0 : 1;
            row.WorkingDays += answer.WorkingDays;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AgencyMonths.ExecuteDeleteAsync(cancellationToken);
        db.AgencyMonths.AddRange(rows.Values);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The rows were deleted behind the tracker's back: a next run in this scope must not find them tracked.
        foreach (var row in rows.Values)
        {
            db.Entry(row).State = EntityState.Detached;
        }

        return rows.Count;
    }
}
